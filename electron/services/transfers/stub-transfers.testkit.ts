// A real Transfers registry over stand-in kinds, for tests that need tickets
// without an engine: `engine.log` downloads what `download` gives, and
// `images.load` hands its body to `consume` (by default: read it all and answer
// its SHA-256, so a test can tell the bytes arrived whole); `containers.copyIn`
// answers the file's name and size beside that hash.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Clock } from '../../engine/clock.ts';
import type { TransferHandlers } from './transfer-kinds.ts';
import { Transfers } from './transfers.ts';

export interface StubKinds {
  download?: () => Readable;
  consume?: (body: Readable) => Promise<{ loaded: string[] }>;
}

export async function sha256Of(
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of body) hash.update(chunk);
  return hash.digest('hex');
}

export function stubTransfers(kinds: StubKinds = {}, clock?: Clock): Transfers {
  const download = kinds.download ?? (() => Readable.from([Buffer.from('engine log\n')]));
  const consume = kinds.consume ?? (async (body) => ({ loaded: [await sha256Of(body)] }));
  const handlers: TransferHandlers = {
    'engine.log': { direction: 'download', open: async () => download() },
    'containers.export': { direction: 'download', open: async () => download() },
    'containers.logs': { direction: 'download', open: async () => download() },
    'images.load': { direction: 'upload', consume: (_args, body) => consume(body) },
    'images.save': { direction: 'download', open: async () => download() },
    'containers.copyOut': { direction: 'download', open: async () => download() },
    'containers.copyIn': {
      direction: 'upload',
      consume: async (_args, body, file) => ({
        path: `${file.name}:${file.size}:${(await consume(body)).loaded.join()}`,
      }),
    },
    'images.buildContextUpload': {
      direction: 'upload',
      consume: async (_args, body) => ({ context: (await consume(body)).loaded.join() }),
    },
    'events.export': { direction: 'download', open: async () => download() },
  };
  return new Transfers(handlers, clock ? { clock } : {});
}

/** The last line `transfers.progress` tells of an ended transfer. */
export async function finalProgress(transfers: Transfers, id: string): Promise<unknown> {
  const text = Buffer.concat(await transfers.progress.watch(id).toArray()).toString();
  return JSON.parse(text.trim().split('\n').at(-1)!);
}
