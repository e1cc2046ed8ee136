// Contract calls over the browser face's WebSocket, signed in with the token
// as the page is: what the UI's own calls cost, without a page in between.
import { openFaceSocket } from '../../test/helpers/face-client.ts';

export async function contractCall(appUrl: string, token: string) {
  const ws = await openFaceSocket(appUrl, token);
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
