// Contract calls over the browser face's WebSocket, authenticated with the
// token: what the UI's own calls cost, without a page in between.
import WebSocket from 'ws';

export async function contractCall(wsUrl: string, token: string) {
  const ws = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${token}` } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const call = (ch: string, ...args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const mine = ++id;
      const onMessage = (data: Buffer, isBinary: boolean) => {
        if (isBinary) return;
        const msg = JSON.parse(data.toString()) as {
          t: string;
          id?: number;
          value?: unknown;
          error?: unknown;
        };
        if (msg.id !== mine) return;
        ws.off('message', onMessage);
        if (msg.t === 'result') resolve(msg.value);
        else reject(new Error(JSON.stringify(msg.error)));
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ t: 'call', id: mine, ch, args }));
    });
  return { call, close: () => ws.close() };
}
