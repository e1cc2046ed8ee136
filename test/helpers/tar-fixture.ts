// Hand-made tar archives for the layer reader's unit tests: names may be any
// bytes (invalid UTF-8 too, written through a PAX record as Go's archive/tar
// does for non-ASCII names), so fixtures can say exactly what a real engine's
// archive could hold.
import { createHash } from 'node:crypto';

export interface FixtureEntry {
  name: string | Uint8Array;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink' | 'fifo';
  body?: string | Uint8Array;
  linkname?: string | Uint8Array;
  mode?: number;
  uid?: number;
  gid?: number;
}

const bytesOf = (v: string | Uint8Array) =>
  typeof v === 'string' ? Buffer.from(v) : Buffer.from(v);
const TYPE_FLAG = { file: '0', hardlink: '1', symlink: '2', dir: '5', fifo: '6' } as const;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: Buffer, type: string, size: number, e: FixtureEntry, link: Buffer): Buffer {
  const h = Buffer.alloc(512);
  name.copy(h, 0, 0, Math.min(100, name.length));
  h.write(octal(e.mode ?? (type === '5' ? 0o755 : 0o644), 8), 100, 'latin1');
  h.write(octal(e.uid ?? 0, 8), 108, 'latin1');
  h.write(octal(e.gid ?? 0, 8), 116, 'latin1');
  h.write(octal(size, 12), 124, 'latin1');
  h.write(octal(0, 12), 136, 'latin1');
  h.write(type, 156, 'latin1');
  link.copy(h, 157, 0, Math.min(100, link.length));
  h.write('ustar\0' + '00', 257, 'latin1');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return h;
}

function pad(body: Buffer): Buffer[] {
  const rest = (512 - (body.length % 512)) % 512;
  return [body, Buffer.alloc(rest)];
}

function paxRecord(key: string, value: Buffer): Buffer {
  const tail = Buffer.concat([Buffer.from(` ${key}=`), value, Buffer.from('\n')]);
  let length = tail.length + 1;
  while (String(length).length + tail.length !== length) length++;
  return Buffer.concat([Buffer.from(String(length)), tail]);
}

const needsPax = (b: Buffer) => b.length > 100 || b.some((x) => x >= 0x80);

/** A complete tar (with its end marker) of `entries`, in order. */
export function makeTar(entries: FixtureEntry[]): Buffer {
  const out: Buffer[] = [];
  for (const e of entries) {
    const type = TYPE_FLAG[e.type ?? 'file'];
    const name = bytesOf(e.name);
    const link = bytesOf(e.linkname ?? '');
    const body =
      e.type === undefined || e.type === 'file' ? bytesOf(e.body ?? '') : Buffer.alloc(0);
    const records: Buffer[] = [];
    if (needsPax(name)) records.push(paxRecord('path', name));
    if (needsPax(link)) records.push(paxRecord('linkpath', link));
    if (records.length > 0) {
      const pax = Buffer.concat(records);
      out.push(
        header(Buffer.from('PaxHeaders/x'), 'x', pax.length, { name: '' }, Buffer.alloc(0)),
        ...pad(pax),
      );
    }
    out.push(header(name, type, body.length, e, link), ...pad(body));
  }
  out.push(Buffer.alloc(1024));
  return Buffer.concat(out);
}

/** sha256:… of `data`. */
export function digestOf(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
