// Files dragged from the system onto the Files tab's listing: where they would
// go (the folder row under the pointer, else the folder uploads go into), for
// the highlight, and on drop the files read at once (the drop's data is gone
// after its event).
import { useState, type DragEvent } from 'react';
import { carriesFiles, droppedFiles, type Dropped } from './dropped-files.ts';

/** Set on a folder row: the folder a drop on it goes into. */
export const DROP_FOLDER_ATTR = 'data-drop-folder';

export function useFileDrop(fallback: string, onDrop: (folder: string, dropped: Dropped) => void) {
  const [target, setTarget] = useState<string | null>(null);
  const targetOf = (e: DragEvent) =>
    (e.target as Element).closest?.(`[${DROP_FOLDER_ATTR}]`)?.getAttribute(DROP_FOLDER_ATTR) ??
    fallback;
  const over = (e: DragEvent) => {
    if (!carriesFiles(e.dataTransfer)) return;
    // Taken here: without it the browser opens the file in place of the app.
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    const next = targetOf(e);
    if (next !== target) setTarget(next);
  };
  const handlers = {
    onDragEnter: over,
    onDragOver: over,
    onDragLeave: (e: DragEvent) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setTarget(null);
    },
    onDrop: (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      setTarget(null);
      onDrop(targetOf(e), droppedFiles(e.dataTransfer));
    },
  };
  return { target, handlers };
}
