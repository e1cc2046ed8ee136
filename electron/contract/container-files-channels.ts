// The files domain of the contract: a folder of a container listed one level
// at a time (the Files tab's tree opens folders on demand), and `docker diff`.
// Copying in and out travels as transfers (transfers-channels.ts), not frames.
import { z } from 'zod';
import { containerPath, containerRef } from './refs.ts';

export type FileEntryType = 'file' | 'dir' | 'link' | 'other';

export interface FileEntry {
  name: string;
  type: FileEntryType;
  /** Bytes (a device's size is 0). */
  size: number;
  /** As `ls -l` writes it: `drwxr-xr-x`. */
  mode: string;
  /** ISO 8601, or null when the source did not say. */
  mtime: string | null;
  /** Where a symbolic link points. */
  linkTarget?: string;
}

export interface DirListing {
  path: string;
  entries: FileEntry[];
  /** `ls` inside a running container, or the archive API (a stopped one, or an image without ls). */
  source: 'ls' | 'archive';
  /** More entries exist than were read (a huge folder). */
  truncated: boolean;
}

export type FileChangeKind = 'added' | 'changed' | 'deleted';

export interface FileChange {
  path: string;
  kind: FileChangeKind;
  /** Bytes of an added or changed regular file, as the container's writable layer holds it. */
  size?: number;
}

export interface ContainerFileCalls {
  /** The direct children of one folder. */
  'containers.listDir': { args: [query: { id: string; path: string }]; result: DirListing };
  /** `docker diff`: what changed against the image. */
  'containers.diff': { args: [id: string]; result: FileChange[] };
}

export const containerFileCallArgs: {
  [K in keyof ContainerFileCalls]: z.ZodType<ContainerFileCalls[K]['args']>;
} = {
  'containers.listDir': z.tuple([z.strictObject({ id: containerRef, path: containerPath })]),
  'containers.diff': z.tuple([containerRef]),
};
