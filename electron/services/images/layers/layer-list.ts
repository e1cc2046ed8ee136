// One layer's entries as its tar holds them (whiteouts included, since the
// algebra needs them), and their compact form on disk: one column per field,
// so a list of 100,000 entries is one JSON.parse of a few arrays, not 100,000
// objects' worth of repeated keys.
import type { LayerEntry, LayerEntryKind } from '../../../contract/image-layers-channels.ts';
import type { TarHeader } from './tar-reader.ts';
import { decodeName, normalisePath } from './tar-names.ts';

/**
 * An entry as the layer's tar holds it: a LayerEntry before the algebra says
 * what changed. Its path is normalised (`usr/bin/env`) and a whiteout keeps its
 * `.wh.` name; a hard link's target is a normalised path, a symlink's as stored.
 */
export type RawEntry = Omit<LayerEntry, 'change'>;

/** The on-disk form (version 1). */
export interface StoredLayerList {
  v: 1;
  paths: string[];
  /** One letter per entry: f d l h o (file, dir, symlink, hardlink, other). */
  kinds: string;
  sizes: number[];
  modes: number[];
  uids: number[];
  gids: number[];
  /** Entry index → link target, for links only. */
  links: Record<string, string>;
}

const KIND_LETTER: Record<LayerEntryKind, string> = {
  file: 'f',
  dir: 'd',
  symlink: 'l',
  hardlink: 'h',
  other: 'o',
};
const LETTER_KIND: Record<string, LayerEntryKind> = {
  f: 'file',
  d: 'dir',
  l: 'symlink',
  h: 'hardlink',
  o: 'other',
};

/** Collects a layer's entries from its tar headers, in tar order. */
export class LayerListBuilder {
  readonly paths: string[] = [];
  #kinds: string[] = [];
  readonly sizes: number[] = [];
  readonly modes: number[] = [];
  readonly uids: number[] = [];
  readonly gids: number[] = [];
  readonly links: Record<string, string> = {};
  /** Bytes of the regular files' bodies. */
  bytes = 0;

  add(header: TarHeader): void {
    const path = normalisePath(decodeName(header.name));
    // The root folder itself (`./`) is no entry of the tree.
    if (path === '') return;
    const index = this.paths.length;
    this.paths.push(path);
    this.#kinds.push(KIND_LETTER[header.type]);
    const size = header.type === 'file' ? header.size : 0;
    this.sizes.push(size);
    this.bytes += size;
    this.modes.push(header.mode & 0o7777);
    this.uids.push(header.uid);
    this.gids.push(header.gid);
    if (header.type === 'symlink') this.links[index] = decodeName(header.linkname);
    else if (header.type === 'hardlink') {
      this.links[index] = normalisePath(decodeName(header.linkname));
    }
  }

  toStored(): StoredLayerList {
    return {
      v: 1,
      paths: this.paths,
      kinds: this.#kinds.join(''),
      sizes: this.sizes,
      modes: this.modes,
      uids: this.uids,
      gids: this.gids,
      links: this.links,
    };
  }
}

export function isStoredLayerList(value: unknown): value is StoredLayerList {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<StoredLayerList>;
  const n = v.paths?.length;
  return (
    v.v === 1 &&
    Array.isArray(v.paths) &&
    typeof v.kinds === 'string' &&
    v.kinds.length === n &&
    v.sizes?.length === n &&
    v.modes?.length === n &&
    v.uids?.length === n &&
    v.gids?.length === n &&
    typeof v.links === 'object'
  );
}

export function entriesOf(list: StoredLayerList): RawEntry[] {
  const out: RawEntry[] = new Array<RawEntry>(list.paths.length);
  for (let i = 0; i < list.paths.length; i++) {
    const entry: RawEntry = {
      path: list.paths[i]!,
      kind: LETTER_KIND[list.kinds[i]!] ?? 'other',
      size: list.sizes[i]!,
      mode: list.modes[i]!,
      uid: list.uids[i]!,
      gid: list.gids[i]!,
    };
    const link = list.links[i];
    if (link !== undefined) entry.linkTarget = link;
    out[i] = entry;
  }
  return out;
}

/** Bytes of the layer's regular files. */
export function layerBytes(list: StoredLayerList): number {
  let sum = 0;
  for (const size of list.sizes) sum += size;
  return sum;
}
