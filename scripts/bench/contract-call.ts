// Contract calls over the browser face's WebSocket, signed in with the token
// as the page is: what the UI's own calls cost, without a page in between.
import { faceCall, openFaceSocket } from '../../test/helpers/face-client.ts';

export async function contractCall(appUrl: string, token: string) {
  const ws = await openFaceSocket(appUrl, token);
  const call = (ch: string, ...args: unknown[]) => faceCall(ws, ch, ...args);
  return { call, close: () => ws.close() };
}
