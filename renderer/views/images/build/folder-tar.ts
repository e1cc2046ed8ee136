// A tar of a folder the user picked in the browser (`<input webkitdirectory>`),
// made without reading the files: a Blob of headers and the File objects
// themselves, which the upload then streams. The browser says nothing of
// modes, owners or empty folders, so files are 0644 and owned by root, as the
// CLI would send them; a name longer than ustar holds goes in a PAX header.

export interface PickedFile {
  /** Relative to the picked folder, `/`-separated. */
  path: string;
  blob: Blob;
  /** Milliseconds since the epoch. */
  mtimeMs: number;
}

/** The files of a picked folder, named relative to it (the browser prefixes the folder's own name). */
export function pickedFiles(files: ArrayLike<File & { webkitRelativePath?: string }>): {
  folder: string;
  files: PickedFile[];
} {
  const out: PickedFile[] = [];
  let folder = '';
  for (const file of Array.from(files)) {
    const relative = file.webkitRelativePath || file.name;
    const slash = relative.indexOf('/');
    if (!folder && slash > 0) folder = relative.slice(0, slash);
    out.push({
      path: slash > 0 ? relative.slice(slash + 1) : relative,
      blob: file,
      mtimeMs: file.lastModified,
    });
  }
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { folder, files: out };
}

const encoder = new TextEncoder();
/** ustar's size field: 11 octal digits. */
const MAX_SIZE = 8 ** 11 - 1;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(
  name: Uint8Array,
  size: number,
  mtimeMs: number,
  type: '0' | 'x',
): Uint8Array<ArrayBuffer> {
  const block = new Uint8Array(512);
  const put = (text: string | Uint8Array, at: number) =>
    block.set(typeof text === 'string' ? encoder.encode(text) : text, at);
  put(name.subarray(0, 100), 0);
  put(octal(0o644, 8), 100);
  put(octal(0, 8), 108);
  put(octal(0, 8), 116);
  put(octal(size, 12), 124);
  put(octal(Math.max(0, Math.floor(mtimeMs / 1000)), 12), 136);
  put('        ', 148);
  put(type, 156);
  put('ustar\0', 257);
  put('00', 263);
  const sum = block.reduce((a, b) => a + b, 0);
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

/** A PAX record `LEN path=NAME\n`, whose length counts its own digits. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const base = encoder.encode(body).length;
  let length = base;
  while (base + String(length).length !== length) length = base + String(length).length;
  return `${length}${body}`;
}

const padding = (size: number): Uint8Array<ArrayBuffer> =>
  new Uint8Array((512 - (size % 512)) % 512);

/** The tar of `files`, as a Blob (nothing is read until it is sent). */
export function folderTar(files: PickedFile[]): Blob {
  const parts: BlobPart[] = [];
  for (const f of files) {
    if (f.blob.size > MAX_SIZE)
      throw new Error(`${f.path} is larger than a tar entry holds (8 GiB)`);
    let name: Uint8Array = encoder.encode(f.path);
    if (name.length > 100) {
      const pax = encoder.encode(paxRecord('path', f.path));
      parts.push(
        header(encoder.encode('PaxHeader'), pax.length, f.mtimeMs, 'x'),
        pax,
        padding(pax.length),
      );
      name = name.subarray(0, 100);
    }
    parts.push(header(name, f.blob.size, f.mtimeMs, '0'), f.blob, padding(f.blob.size));
  }
  parts.push(new Uint8Array(1024));
  return new Blob(parts, { type: 'application/x-tar' });
}
