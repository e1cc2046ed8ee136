// Names in a tar are bytes, not text. Valid UTF-8 is decoded as such; each
// byte that is not becomes a lone surrogate U+DC80–U+DCFF (Python's
// "surrogateescape"), so two names that differ only in invalid bytes stay two
// paths, the bytes can be recovered, and a screen shows U+FFFD for them.
// JSON.stringify writes lone surrogates as `\udcXX` escapes, so they cross
// both transports intact.

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** Tar name bytes as text (see above). */
export function decodeName(bytes: Uint8Array): string {
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return latin1.decode(bytes);
  try {
    return utf8.decode(bytes);
  } catch {
    return decodeEscaping(bytes);
  }
}

/** UTF-8 decoding that keeps each invalid byte as U+DC80 + byte. */
function decodeEscaping(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    const need =
      b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need > 0 && i + need < bytes.length) {
      try {
        out += utf8.decode(bytes.subarray(i, i + need + 1));
        i += need + 1;
        continue;
      } catch {
        // not a valid sequence: the lead byte is escaped below
      }
    }
    out += String.fromCharCode(0xdc00 + b);
    i++;
  }
  return out;
}

/** `./usr/bin/` → `usr/bin`; the root itself is the empty path. */
export function normalisePath(name: string): string {
  let start = 0;
  let end = name.length;
  for (;;) {
    if (name.startsWith('./', start)) start += 2;
    else if (name.charCodeAt(start) === 0x2f) start += 1;
    else break;
  }
  while (end > start && name.charCodeAt(end - 1) === 0x2f) end--;
  if (end - start === 1 && name.charCodeAt(start) === 0x2e) return '';
  return start === 0 && end === name.length ? name : name.slice(start, end);
}

/**
 * A copy of the bytes, never a view: `slice()` copies a Uint8Array but only
 * views a Buffer, and the engine's reads arrive as Buffers over one reused
 * buffer, so a kept "slice" was overwritten by the next read.
 */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}
