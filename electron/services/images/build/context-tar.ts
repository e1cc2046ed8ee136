// The walked context as the tar the engine's /build takes, made as it is
// sent: one file read at a time, so memory stays flat for a large context and
// the engine starts on the Dockerfile while the rest still arrives. Owners are
// root's, as the CLI writes them (its files then belong to root in the image).
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import type { ContextEntry } from './context-walk.ts';

export function packContext(entries: ContextEntry[]): Readable {
  const pack = tar.pack();
  const fill = async () => {
    for (const e of entries) {
      if (pack.destroyed) return;
      const header: Partial<tar.Header> & { name: string } = {
        name: e.type === 'directory' ? `${e.name}/` : e.name,
        mode: e.mode,
        mtime: e.mtime,
        uid: 0,
        gid: 0,
        type: e.type,
        size: e.type === 'file' ? e.size : 0,
        ...(e.linkname !== undefined ? { linkname: e.linkname } : {}),
      };
      if (e.type !== 'file') {
        await new Promise<void>((resolve, reject) =>
          pack.entry(header, (err) => (err ? reject(err) : resolve())),
        );
        continue;
      }
      const sink = pack.entry(header);
      // A file that changed size since the walk fails the tar (tar-stream checks), naming it below.
      await pipeline(createReadStream(e.path), sink);
    }
    pack.finalize();
  };
  fill().catch((err: unknown) => {
    const reason = err instanceof Error ? err.message : String(err);
    pack.destroy(new Error(`Couldn't send the build context: ${reason}`));
  });
  // tar-stream's pack is a streamx Readable: Node's pipe and destroy work on it.
  return pack as unknown as Readable;
}
