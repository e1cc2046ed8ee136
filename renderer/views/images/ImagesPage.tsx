import { useMemo, useState } from 'react';
import type { ImageSummary } from '../../../electron/contract/channels.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Term } from '../../glossary/Term.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { openCreated } from '../container/overview/just-created.ts';
import { NewContainerDialog } from '../containers/new-container/NewContainerDialog.tsx';
import {
  NEWEST_FIRST,
  runReference,
  visibleImages,
  type ImageSortKey,
  type ImageSortOrder,
} from './image-list.ts';
import { SharingTree } from '../image/tree/SharingTree.tsx';
import { ImagesGrid } from './ImagesGrid.tsx';
import { LoadImageButton } from './LoadImageButton.tsx';
import { PruneDialog } from './PruneDialog.tsx';
import { LoginDialog } from '../registries/LoginDialog.tsx';
import { RemoveImageDialog } from './RemoveImageDialog.tsx';
import { BuildImageDialog } from './build/BuildImageDialog.tsx';
import { SaveImagesButton } from './SaveImagesButton.tsx';
import { useImages } from './use-images.ts';
import { PullImageDialog } from './share/PullImageDialog.tsx';
import { PushImageDialog } from './share/PushImageDialog.tsx';
import { TagImageDialog } from './share/TagImageDialog.tsx';

export function ImagesPage() {
  const { images, loaded, error } = useImages();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<ImageSortOrder>(NEWEST_FIRST);
  const [running, setRunning] = useState<string | null>(null);
  const [removing, setRemoving] = useState<ImageSummary[] | null>(null);
  const [pruning, setPruning] = useState(false);
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  // Images that went (removed, pruned) drop out of the selection by themselves.
  const selected = useMemo(
    () => images.filter((i) => selectedIds.has(i.id)),
    [images, selectedIds],
  );
  const select = (ids: string[], on: boolean) =>
    setSelectedIds((s) => {
      const next = new Set(s);
      for (const id of ids)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });
  const [asTree, setAsTree] = useState(false);
  const [buildOpen, setBuildOpen] = useState(false);
  const [pulling, setPulling] = useState(false);
  const [tagging, setTagging] = useState<ImageSummary | null>(null);
  const [pushing, setPushing] = useState<ImageSummary | null>(null);
  // A registry that refused a pull or push: its login opens over the dialog.
  const [loggingIn, setLoggingIn] = useState<string | null>(null);
  const cliTarget = useCliTarget();
  const shown = useMemo(() => visibleImages(images, query, sort), [images, query, sort]);
  const onSort = (key: ImageSortKey) =>
    setSort((s) => ({
      key,
      direction: s.key === key && s.direction === 'ascending' ? 'descending' : 'ascending',
    }));

  return (
    <main aria-label="Images" className="page page-fill images-page">
      <header className="page-header">
        <h1>
          <Term term="image">Images</Term>
        </h1>
        <div className="toolbar">
          <input
            type="search"
            aria-label="Filter images"
            placeholder="Filter by name, id, container or dangling"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="button" onClick={() => setPulling(true)}>
            Pull image
          </button>
          <button type="button" onClick={() => setBuildOpen(true)}>
            Build image
          </button>
          <LoadImageButton />
          <button type="button" onClick={() => (location.hash = '#/registries')}>
            Registries
          </button>
          <button type="button" aria-pressed={asTree} onClick={() => setAsTree(!asTree)}>
            Image tree
          </button>
          <button type="button" onClick={() => setPruning(true)}>
            Prune
          </button>
          <SaveImagesButton images={selected} />
          <button
            type="button"
            className="danger"
            disabled={selected.length === 0}
            onClick={() => setRemoving(selected)}
          >
            Remove selected
          </button>
        </div>
      </header>
      {error && <ErrorAlert message={error} />}
      {asTree ? (
        <SharingTree images={shown} />
      ) : (
        <ImagesGrid
          images={shown}
          sort={sort}
          onSort={onSort}
          onRun={(image) => setRunning(runReference(image))}
          selected={selectedIds}
          onSelect={(id, on) => select([id], on)}
          onSelectAll={(on) =>
            select(
              shown.map((i) => i.id),
              on,
            )
          }
          onRemove={(image) => setRemoving([image])}
          onTag={setTagging}
          onPush={setPushing}
        />
      )}
      {loaded && shown.length === 0 && (
        <p className="empty">
          {images.length === 0
            ? 'No images yet. Pull, build or load one with the docker CLI: it appears here at once.'
            : 'No image matches the filter.'}
        </p>
      )}
      {running && (
        <NewContainerDialog
          image={running}
          cliTarget={cliTarget}
          onClose={(createdId) => {
            setRunning(null);
            if (createdId) openCreated(createdId);
          }}
        />
      )}
      {buildOpen && <BuildImageDialog onClose={() => setBuildOpen(false)} />}
      {removing && <RemoveImageDialog images={removing} onClose={() => setRemoving(null)} />}
      {pruning && <PruneDialog onClose={() => setPruning(false)} />}
      {pulling && <PullImageDialog onClose={() => setPulling(false)} onLogin={setLoggingIn} />}
      {tagging && <TagImageDialog image={tagging} onClose={() => setTagging(null)} />}
      {pushing && (
        <PushImageDialog image={pushing} onClose={() => setPushing(null)} onLogin={setLoggingIn} />
      )}
      {loggingIn && <LoginDialog registry={loggingIn} onClose={() => setLoggingIn(null)} />}
    </main>
  );
}
