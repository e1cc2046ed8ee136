// The browse state of a lazily read tree, whatever the files belong to: a
// container (containers.listDir) or a volume (volumes.listDir). `list` reads
// one folder; folders are read when first opened, and again on `load`.
import { useCallback, useEffect, useState } from 'react';
import type { DirListing } from '../../../../electron/contract/container-files-channels.ts';
import { describeFailure } from '../../../../electron/contract/errors.ts';
import type { FolderState, TreeRow } from './files-tree.ts';

export type ListFolder = (path: string) => Promise<DirListing>;

export function useFolderTree(list: ListFolder) {
  const [folders, setFolders] = useState<ReadonlyMap<string, FolderState>>(
    () => new Map([['/', { state: 'loading' }]]),
  );
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set(['/']));
  const [selected, setSelected] = useState('/');

  const fetchFolder = useCallback(
    (path: string) => {
      list(path).then(
        (listing) => setFolders((m) => new Map(m).set(path, { state: 'ok', listing })),
        (err: unknown) =>
          setFolders((m) =>
            new Map(m).set(path, { state: 'error', message: describeFailure(err) }),
          ),
      );
    },
    [list],
  );
  const load = (path: string) => {
    setFolders((m) => new Map(m).set(path, { state: 'loading' }));
    fetchFolder(path);
  };

  useEffect(() => fetchFolder('/'), [fetchFolder]);

  const toggle = (r: TreeRow) => {
    const next = new Set(open);
    if (next.has(r.path)) next.delete(r.path);
    else {
      next.add(r.path);
      if (folders.get(r.path)?.state !== 'ok') load(r.path);
    }
    setOpen(next);
  };

  /** Why an open folder shows no children: "Reading…", an error, empty. */
  const notes = new Map<string, string>();
  for (const [path, state] of folders) {
    if (state.state === 'loading') notes.set(path, 'Reading…');
    else if (state.state === 'error') notes.set(path, state.message);
    else if (state.listing.truncated) notes.set(path, 'only the first entries are shown');
    else if (state.listing.entries.length === 0) notes.set(path, 'empty');
  }

  return { folders, open, selected, setSelected, load, toggle, notes };
}
