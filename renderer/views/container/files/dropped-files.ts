// What a drop of files from the system carries, and where it goes. A dropped
// folder arrives as a File that cannot be read (the browser gives its entry,
// not its contents, and `docker cp` in takes one file a ticket here), so
// folders are named and refused rather than uploaded half.
import type { TreeRow } from './files-tree.ts';

/** The parts of a DataTransfer read here (a plain object in a unit test). */
export interface DropData {
  readonly types: readonly string[];
  readonly files: ArrayLike<File>;
  readonly items?: ArrayLike<{
    kind: string;
    getAsFile(): File | null;
    webkitGetAsEntry?(): { isDirectory: boolean; name: string } | null;
  }>;
}

export interface Dropped {
  files: File[];
  /** Names of the folders dropped, which are not uploaded. */
  folders: string[];
}

/** A drag from the system carries files (text or a link dragged within the page does not). */
export function carriesFiles(data: Pick<DropData, 'types'> | null): boolean {
  return !!data && Array.from(data.types).includes('Files');
}

/** Reads a drop's files; call it within the drop event, after which the data is gone. */
export function droppedFiles(data: DropData): Dropped {
  const items = Array.from(data.items ?? []).filter((i) => i.kind === 'file');
  if (items.length === 0) return { files: Array.from(data.files), folders: [] };
  const out: Dropped = { files: [], folders: [] };
  for (const item of items) {
    const entry = item.webkitGetAsEntry?.();
    const file = item.getAsFile();
    if (entry?.isDirectory) out.folders.push(entry.name);
    else if (file) out.files.push(file);
  }
  return out;
}

/** A row files can be dropped into: a folder (or, in Changes only, a path with changes below). */
export function dropFolderOf(row: TreeRow): string | undefined {
  const folder = row.entry ? row.entry.type === 'dir' : row.expandable || row.path === '/';
  return folder ? row.path : undefined;
}

/** Why a drop was refused, in a sentence that says what to do instead. */
export function folderRefusal(folders: string[]): string {
  const names = folders.map((f) => `"${f}"`).join(', ');
  return (
    `Couldn't upload ${names}: dropping folders is not supported yet. ` +
    'Drop the files inside the folder instead (several at once work).'
  );
}
