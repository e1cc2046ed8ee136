// The clean-up view: one prune per kind, each previewed in its dialog before
// it acts. Images use the Images page's own prune dialog.
import { useState } from 'react';
import type { PruneKind } from '../../../electron/contract/disk-channels.ts';
import { PruneDialog } from '../images/PruneDialog.tsx';
import { DiskPruneDialog } from './DiskPruneDialog.tsx';
import { PRUNE_TITLE } from './disk-labels.ts';

type Open = PruneKind | 'images' | null;

export function CleanUp() {
  const [open, setOpen] = useState<Open>(null);
  const kinds: PruneKind[] = ['containers', 'volumes', 'buildCache'];
  return (
    <section aria-labelledby="clean-up-title" className="clean-up">
      <h2 id="clean-up-title">Clean up</h2>
      <p className="muted">
        Each prune first shows exactly what it would remove and free; nothing goes until you
        confirm.
      </p>
      <div className="toolbar">
        <button type="button" onClick={() => setOpen('images')}>
          Prune images
        </button>
        {kinds.map((kind) => (
          <button key={kind} type="button" onClick={() => setOpen(kind)}>
            {PRUNE_TITLE[kind]}
          </button>
        ))}
      </div>
      {open === 'images' && <PruneDialog onClose={() => setOpen(null)} />}
      {open && open !== 'images' && (
        <DiskPruneDialog key={open} kind={open} onClose={() => setOpen(null)} />
      )}
    </section>
  );
}
