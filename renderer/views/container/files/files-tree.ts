// The rows of the Files tab's tree: folders are read one level at a time as
// they are opened, so the rows are the open folders' listings laid out depth
// first; or, with "Changes only", `docker diff`'s paths as a tree. Each row
// carries its level, its number of siblings and its place among them, which a
// tree's items must say (aria-level / aria-setsize / aria-posinset).
import type {
  DirListing,
  FileChange,
  FileChangeKind,
  FileEntry,
} from '../../../../electron/contract/container-files-channels.ts';

export type FolderState =
  { state: 'loading' } | { state: 'ok'; listing: DirListing } | { state: 'error'; message: string };

export interface TreeRow {
  path: string;
  name: string;
  level: number;
  setSize: number;
  posInSet: number;
  /** A folder, or a link that may lead to one: it can be opened. */
  expandable: boolean;
  expanded: boolean;
  entry?: FileEntry;
  change?: FileChangeKind;
  /** With "Changes only": an added or changed file's bytes in the writable layer. */
  size?: number;
}

export function childPath(folder: string, name: string): string {
  return folder === '/' ? `/${name}` : `${folder}/${name}`;
}

export function parentPath(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

/** Folders first, then by name, as file managers sort. */
function byFolderThenName(a: FileEntry, b: FileEntry): number {
  const folder = Number(b.type === 'dir') - Number(a.type === 'dir');
  return folder || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

export function browseRows(folders: ReadonlyMap<string, FolderState>, open: ReadonlySet<string>) {
  const rows: TreeRow[] = [
    {
      path: '/',
      name: '/',
      level: 1,
      setSize: 1,
      posInSet: 1,
      expandable: true,
      expanded: open.has('/'),
    },
  ];
  const walk = (folder: string, level: number) => {
    const state = folders.get(folder);
    if (!open.has(folder) || state?.state !== 'ok') return;
    const entries = [...state.listing.entries].sort(byFolderThenName);
    entries.forEach((entry, i) => {
      const path = childPath(folder, entry.name);
      const expandable = entry.type === 'dir' || entry.type === 'link';
      rows.push({
        path,
        name: entry.name,
        level,
        setSize: entries.length,
        posInSet: i + 1,
        expandable,
        expanded: expandable && open.has(path),
        entry,
      });
      walk(path, level + 1);
    });
  };
  walk('/', 2);
  return rows;
}

/** `docker diff` as a tree: every changed path under its parents, all open. */
export function changeRows(changes: readonly FileChange[]): TreeRow[] {
  const byPath = new Map(changes.map((c) => [c.path, c]));
  const children = new Map<string, Set<string>>();
  for (const { path } of changes) {
    // A deleted folder's parents may be missing from the list: add them.
    for (let child = path; child !== '/'; child = parentPath(child)) {
      const parent = parentPath(child);
      const set = children.get(parent) ?? new Set<string>();
      set.add(child);
      children.set(parent, set);
    }
  }
  const rows: TreeRow[] = [];
  const walk = (folder: string, level: number) => {
    const kids = [...(children.get(folder) ?? [])].sort();
    kids.forEach((path, i) => {
      const hasKids = children.has(path);
      const change = byPath.get(path);
      rows.push({
        path,
        name: path.slice(path.lastIndexOf('/') + 1),
        level,
        setSize: kids.length,
        posInSet: i + 1,
        expandable: hasKids,
        expanded: hasKids,
        ...(change ? { change: change.kind } : {}),
        ...(change?.size !== undefined ? { size: change.size } : {}),
      });
      walk(path, level + 1);
    });
  };
  walk('/', 1);
  return rows;
}
