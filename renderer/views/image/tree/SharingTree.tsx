// The image tree of the shown engine's images, with its open nodes: all of
// them on the Images page, or the way down to one image on that image's page.
import { useMemo, useState } from 'react';
import type { ImageSummary } from '../../../../electron/contract/channels.ts';
import { sizeText } from '../../images/image-list.ts';
import { allParents, buildImageTree, diskBytes, pathTo } from './image-tree.ts';
import { ImageTree } from './ImageTree.tsx';

export function SharingTree({
  images,
  selected,
}: {
  images: readonly ImageSummary[];
  /** The image whose page this is: selected, its ancestors open. */
  selected?: string;
}) {
  const roots = useMemo(() => buildImageTree(images), [images]);
  // What the user opened or closed, against the default (all open, or the way
  // down to `selected`): images arriving later follow the default.
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  const expanded = useMemo(() => {
    const open = selected ? new Set(pathTo(roots, selected)) : allParents(roots);
    for (const key of toggled) if (!open.delete(key)) open.add(key);
    return open;
  }, [roots, selected, toggled]);
  const toggle = (key: string) =>
    setToggled((keys) => {
      const next = new Set(keys);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const total = images.reduce((sum, i) => sum + i.size, 0);
  const onDisk = diskBytes(roots);
  return (
    <div className="sharing-tree">
      <p className="muted">
        {images.length} {images.length === 1 ? 'image' : 'images'} add up to {sizeText(total)};
        their layers take {onDisk === undefined ? 'an amount not known yet' : sizeText(onDisk)} on
        disk, because images built on the same base share its layers.
      </p>
      <ImageTree
        roots={roots}
        expanded={expanded}
        onToggle={toggle}
        {...(selected ? { initialKey: selected } : {})}
      />
    </div>
  );
}
