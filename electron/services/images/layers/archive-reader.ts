// Reads an image archive (`docker save`, `GET /images/{name}/get`) in one
// pass. Members come in lexical order, so a layer may stream by before the
// manifest or config that names it: every member that looks like a layer
// (a tar, or gzip/zstd by its magic bytes) is listed as it passes and its
// diffID (sha256 of the uncompressed tar) computed, keyed by its path; small
// JSON members are kept. archive-layout.ts then says, from the manifests and
// their media types, which of them are the image's layers and in what order.
// Nothing holds a layer's bytes: each chunk is hashed and parsed, then dropped.
import { createHash, type Hash } from 'node:crypto';
import { createGunzip, createZstdDecompress } from 'node:zlib';
import type { Transform } from 'node:stream';
import { LayerListBuilder, type StoredLayerList } from './layer-list.ts';
import { copyBytes, decodeName, normalisePath } from './tar-names.ts';
import { TarFormatError, TarReader, type BodySink, type TarHeader } from './tar-reader.ts';

export type Compression = 'none' | 'gzip' | 'zstd';

export interface ReadLayer {
  /** sha256 of the uncompressed tar, `sha256:…`. */
  diffId: string;
  compression: Compression;
  list: StoredLayerList;
  /** Where the layer's tar sits in this image's archive (a classic archive's paths differ per image). */
  archivePath?: string;
}

export interface ArchiveContents {
  /** Small JSON members by path (manifests, configs, index), unparsed. */
  json: Map<string, Uint8Array>;
  layers: Map<string, ReadLayer>;
  /** Members that are links to another member (classic layout: a layer saved twice). */
  links: Map<string, string>;
}

/** JSON members past this size are not manifests or configs: skipped. */
const MAX_JSON_BYTES = 16 << 20;
const SNIFF_BYTES = 512;

export class ImageArchiveReader {
  readonly #outer: TarReader;
  readonly #contents: ArchiveContents = { json: new Map(), layers: new Map(), links: new Map() };
  readonly #pending: Promise<void>[] = [];
  #pressure: Promise<void> | undefined;
  #failure: Error | undefined;

  constructor() {
    this.#outer = new TarReader((header) => this.#member(header));
  }

  /** Throws on a malformed archive. */
  write(chunk: Uint8Array): void {
    if (this.#failure) throw this.#failure;
    this.#outer.write(chunk);
  }

  /** Set while a decompressor is behind: wait on it before writing more. */
  pressure(): Promise<void> | undefined {
    const p = this.#pressure;
    this.#pressure = undefined;
    return p;
  }

  /** Ends the read: throws when the archive was cut short or a layer was bad. */
  async finish(): Promise<ArchiveContents> {
    this.#outer.end();
    await Promise.all(this.#pending);
    if (this.#failure) throw this.#failure;
    return this.#contents;
  }

  #member(header: TarHeader): BodySink | null {
    const path = normalisePath(decodeName(header.name));
    if (header.type === 'symlink' || header.type === 'hardlink') {
      const target = decodeName(header.linkname);
      this.#contents.links.set(
        path,
        header.type === 'hardlink' ? normalisePath(target) : resolveRelative(path, target),
      );
      return null;
    }
    if (header.type !== 'file' || header.size === 0) return null;
    return new SniffingSink(header.size, (head) => this.#route(path, header.size, head));
  }

  /** Decides from a member's first bytes what it is, and returns the sink for its body. */
  #route(path: string, size: number, head: Uint8Array): BodySink | null {
    if (head[0] === 0x1f && head[1] === 0x8b) return this.#compressedLayer(path, 'gzip');
    if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) {
      return this.#compressedLayer(path, 'zstd');
    }
    if (looksLikeTar(head)) return this.#plainLayer(path);
    const first = firstNonSpace(head);
    if (size <= MAX_JSON_BYTES && (first === 0x7b /* { */ || first === 0x5b) /* [ */) {
      return this.#json(path, size);
    }
    return null;
  }

  #json(path: string, size: number): BodySink {
    const body = new Uint8Array(size);
    let at = 0;
    return {
      data: (chunk) => {
        body.set(chunk, at);
        at += chunk.length;
      },
      end: () => {
        this.#contents.json.set(path, body);
      },
    };
  }

  #layerParser(
    path: string,
    compression: Compression,
  ): { hash: Hash; feed(chunk: Uint8Array): void; done(): void } {
    const hash = createHash('sha256');
    const builder = new LayerListBuilder();
    const inner = new TarReader((header) => {
      builder.add(header);
      return null;
    });
    return {
      hash,
      feed(chunk) {
        hash.update(chunk);
        inner.write(chunk);
      },
      done: () => {
        try {
          inner.end(false);
        } catch (error) {
          throw new TarFormatError(`layer ${path}: ${(error as Error).message}`);
        }
        this.#contents.layers.set(path, {
          diffId: `sha256:${hash.digest('hex')}`,
          compression,
          list: builder.toStored(),
        });
      },
    };
  }

  #plainLayer(path: string): BodySink {
    const parser = this.#layerParser(path, 'none');
    return { data: (chunk) => parser.feed(chunk), end: () => parser.done() };
  }

  #compressedLayer(path: string, compression: 'gzip' | 'zstd'): BodySink {
    const parser = this.#layerParser(path, compression);
    const inflate: Transform = compression === 'gzip' ? createGunzip() : createZstdDecompress();
    inflate.on('data', (chunk: Buffer) => {
      try {
        parser.feed(chunk);
      } catch (error) {
        this.#fail(error as Error);
        inflate.destroy();
      }
    });
    this.#pending.push(
      new Promise<void>((resolve) => {
        inflate.once('end', () => {
          try {
            parser.done();
          } catch (error) {
            this.#fail(error as Error);
          }
          resolve();
        });
        inflate.once('error', (error) => {
          this.#fail(
            new TarFormatError(`layer ${path} is not valid ${compression}: ${error.message}`),
          );
          resolve();
        });
        inflate.once('close', () => resolve());
      }),
    );
    return {
      data: (chunk) => {
        // The chunk is the caller's and reused after write(): zlib keeps it until processed.
        if (!inflate.write(Buffer.from(chunk))) {
          this.#pressure ??= new Promise((resolve) => inflate.once('drain', resolve));
        }
      },
      end: () => {
        inflate.end();
      },
    };
  }

  #fail(error: Error): void {
    this.#failure ??= error;
  }
}

/** Holds a member's first bytes until there are enough to tell what it is. */
class SniffingSink implements BodySink {
  readonly #want: number;
  readonly #decide: (head: Uint8Array) => BodySink | null;
  #parts: Uint8Array[] | null = [];
  #have = 0;
  #sink: BodySink | null = null;

  constructor(size: number, decide: (head: Uint8Array) => BodySink | null) {
    this.#want = Math.min(size, SNIFF_BYTES);
    this.#decide = decide;
  }

  data(chunk: Uint8Array): void {
    if (!this.#parts) {
      this.#sink?.data(chunk);
      return;
    }
    if (this.#have === 0 && chunk.length >= this.#want) {
      this.#parts = null;
      this.#sink = this.#decide(chunk);
      this.#sink?.data(chunk);
      return;
    }
    this.#parts.push(copyBytes(chunk));
    this.#have += chunk.length;
    if (this.#have >= this.#want) this.#flush();
  }

  end(): void {
    if (this.#parts) this.#flush();
    this.#sink?.end();
  }

  #flush(): void {
    const parts = this.#parts!;
    this.#parts = null;
    const head = Buffer.concat(parts);
    this.#sink = this.#decide(head);
    this.#sink?.data(head);
  }
}

function looksLikeTar(head: Uint8Array): boolean {
  if (head.length < 512) return false;
  // "ustar" at 257 (POSIX and GNU), or an empty tar: a zero block first.
  if (
    head[257] === 0x75 &&
    head[258] === 0x73 &&
    head[259] === 0x74 &&
    head[260] === 0x61 &&
    head[261] === 0x72
  ) {
    return true;
  }
  for (let i = 0; i < 512; i++) if (head[i] !== 0) return false;
  return true;
}

function firstNonSpace(head: Uint8Array): number | undefined {
  for (const b of head) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return b;
  return undefined;
}

/** A symlink target relative to the link's folder, as a member path. */
function resolveRelative(from: string, target: string): string {
  if (target.startsWith('/')) return normalisePath(target);
  const parts = from.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}
