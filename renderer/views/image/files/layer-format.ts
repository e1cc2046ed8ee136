// How the Files tab writes a layer's entries: modes as `ls -l` does, owners as
// uid:gid, short diffIDs, the efficiency score, and names whose control
// characters (a newline in a file name) are shown rather than obeyed.
import type {
  LayerEntry,
  LayerEntryKind,
} from '../../../../electron/contract/image-layers-channels.ts';

const TYPE_CHAR: Record<LayerEntryKind, string> = {
  file: '-',
  dir: 'd',
  symlink: 'l',
  hardlink: 'h',
  other: '?',
};

/** `drwxr-xr-x`, with setuid, setgid and sticky bits as `ls` marks them (s/S, t/T). */
export function modeText(kind: LayerEntryKind, mode: number): string {
  const bit = (mask: number, char: string) => (mode & mask ? char : '-');
  const special = (exec: number, flag: number, on: string, off: string) =>
    mode & flag ? (mode & exec ? on : off) : bit(exec, 'x');
  return [
    TYPE_CHAR[kind],
    bit(0o400, 'r'),
    bit(0o200, 'w'),
    special(0o100, 0o4000, 's', 'S'),
    bit(0o040, 'r'),
    bit(0o020, 'w'),
    special(0o010, 0o2000, 's', 'S'),
    bit(0o004, 'r'),
    bit(0o002, 'w'),
    special(0o001, 0o1000, 't', 'T'),
  ].join('');
}

export function ownerText(entry: Pick<LayerEntry, 'uid' | 'gid'>): string {
  return `${entry.uid}:${entry.gid}`;
}

/** The first 12 hex digits of a digest, as the CLI shortens ids. */
export function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

/** 0.973 → "97.3 %". */
export function percentText(score: number): string {
  return `${(Math.max(0, Math.min(1, score)) * 100).toFixed(1)} %`;
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A name as visible text: control characters are written as escapes (a
 * newline as `\n`), so a hostile name cannot break a row in two or fake
 * another line. (Unicode's control pictures, ␊, have no glyph in common
 * monospace fonts.) Markup needs nothing: React writes text, never HTML.
 */
export function visibleName(name: string): string {
  let out = '';
  for (const c of name) {
    const code = c.charCodeAt(0);
    out +=
      code < 0x20 || code === 0x7f ? (ESCAPES[c] ?? `\\x${code.toString(16).padStart(2, '0')}`) : c;
  }
  return out;
}

/** Layer numbers as the picker shows them: 1 is the bottom (base) layer. */
export function layerNumbers(indexes: readonly number[]): string {
  return indexes.map((i) => i + 1).join(', ');
}
