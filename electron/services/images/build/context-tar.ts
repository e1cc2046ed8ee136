// The walked context as the tar the engine's /build takes, made as it is
// sent, so the engine starts on the Dockerfile while the rest still arrives.
// Small files are read whole, a few ahead of the one being written (one
// stream per file cost more than the bytes: 200 files of 10 kB took 70-400 ms
// that way, a few ms this way); a large one streams through. Each entry waits
// for the tar to drain, so memory stays bounded by the read-ahead. Owners are
// root's, as the CLI writes them (its files then belong to root in the image).
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pipeline as pipe, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import type { ContextEntry } from './context-walk.ts';

/** Files up to this size are read whole. */
const WHOLE_FILE_BYTES = 1024 * 1024;
/** Files read ahead of the one being written. */
const READ_AHEAD = 16;
/**
 * Bytes per write to the engine: the tar comes as a 512-byte header and a
 * small body per file, and each would otherwise be its own chunk and syscall
 * on the request (the engine reads the whole context before it starts).
 */
const WRITE_BYTES = 256 * 1024;

const isWhole = (e: ContextEntry) => e.type === 'file' && e.size <= WHOLE_FILE_BYTES;

export function packContext(entries: ContextEntry[]): Readable {
  const pack = tar.pack();
  const reads = new Map<number, Promise<Buffer>>();
  let next = 0;
  /** Starts the reads of the small files after `index`, up to READ_AHEAD of them. */
  const readAhead = (index: number) => {
    next = Math.max(next, index);
    while (next < entries.length && reads.size < READ_AHEAD) {
      const e = entries[next]!;
      if (isWhole(e)) {
        const read = readFile(e.path);
        read.catch(() => undefined); // awaited below; this only keeps an early failure from being unhandled
        reads.set(next, read);
      }
      next++;
    }
  };
  const add = (header: tar.Header, data?: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const done = (err?: Error | null) => (err ? reject(err) : resolve());
      if (data) pack.entry(header, data, done);
      else pack.entry(header, done);
    });

  const fill = async () => {
    for (let i = 0; i < entries.length; i++) {
      if (pack.destroyed) return;
      readAhead(i + 1);
      const e = entries[i]!;
      const header = {
        name: e.type === 'directory' ? `${e.name}/` : e.name,
        mode: e.mode,
        mtime: e.mtime,
        uid: 0,
        gid: 0,
        type: e.type,
        size: e.type === 'file' ? e.size : 0,
        ...(e.linkname !== undefined ? { linkname: e.linkname } : {}),
      } as tar.Header;
      if (e.type !== 'file') {
        await add(header);
      } else if (isWhole(e)) {
        const data = await (reads.get(i) ?? readFile(e.path));
        reads.delete(i);
        if (data.length !== e.size) throw new Error(`${e.path} changed while it was being sent`);
        await add(header, data);
      } else {
        // tar-stream checks the size: a file that changed since the walk fails the tar.
        await pipeline(createReadStream(e.path), pack.entry(header));
      }
    }
    pack.finalize();
  };
  fill().catch((err: unknown) => {
    const reason = err instanceof Error ? err.message : String(err);
    pack.destroy(new Error(`Couldn't send the build context: ${reason}`));
  });
  // tar-stream's pack is a streamx Readable: Node's pipe and destroy work on it.
  const out = coalesce();
  pipe(pack as unknown as Readable, out, () => undefined); // an error reaches `out`, which the caller watches
  return out;
}

/** Joins small chunks into writes of WRITE_BYTES or more. */
function coalesce(): Transform {
  let held: Buffer[] = [];
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      held.push(chunk);
      size += chunk.length;
      if (size >= WRITE_BYTES) {
        this.push(Buffer.concat(held, size));
        held = [];
        size = 0;
      }
      done();
    },
    flush(done) {
      if (size) this.push(Buffer.concat(held, size));
      done();
    },
  });
}
