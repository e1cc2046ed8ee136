import { useState } from 'react';
import type { ImageSummary } from '../../../electron/contract/channels.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Term } from '../../glossary/Term.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { openCreated } from '../container/overview/just-created.ts';
import { useNow } from '../../use-now.ts';
import { humanDuration } from '../containers/status-age.ts';
import { NewContainerDialog } from '../containers/new-container/NewContainerDialog.tsx';
import { imageRowName, runReference, shortId, sizeText, visibleImages } from './image-list.ts';
import { RemoveImageDialog } from './RemoveImageDialog.tsx';
import { useImages } from './use-images.ts';

export function ImagesPage() {
  const { images, loaded, error } = useImages();
  const [query, setQuery] = useState('');
  const [running, setRunning] = useState<string | null>(null);
  const [removing, setRemoving] = useState<ImageSummary | null>(null);
  const cliTarget = useCliTarget();
  const now = useNow();
  const shown = visibleImages(images, query);

  return (
    <main aria-label="Images" className="page">
      <header className="page-header">
        <h1>
          <Term term="image">Images</Term>
        </h1>
        <div className="toolbar">
          <input
            type="search"
            aria-label="Filter images"
            placeholder="Filter by name or id"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
      </header>
      {error && <ErrorAlert message={error} />}
      <table role="grid" aria-label="Images" aria-rowcount={shown.length + 1} className="grid">
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Name</th>
            <th scope="col" className="narrow">
              ID
            </th>
            <th scope="col" className="narrow">
              Size
            </th>
            <th scope="col" className="narrow">
              Created
            </th>
            <th scope="col" className="actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((image, i) => (
            <tr key={image.id} aria-rowindex={i + 2} aria-label={imageRowName(image)}>
              <td className="name">
                {image.repoTags.length ? (
                  image.repoTags.map((tag) => <div key={tag}>{tag}</div>)
                ) : (
                  <span className="muted">untagged</span>
                )}
              </td>
              <td>
                <code>{shortId(image.id)}</code>
              </td>
              <td>{sizeText(image.size)}</td>
              <td className="muted" title={new Date(image.created * 1000).toLocaleString()}>
                {humanDuration(now / 1000 - image.created)} ago
              </td>
              <td>
                <div className="row-actions">
                  <button type="button" onClick={() => setRunning(runReference(image))}>
                    Run
                  </button>
                  <button type="button" className="danger" onClick={() => setRemoving(image)}>
                    Remove
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
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
      {removing && <RemoveImageDialog image={removing} onClose={() => setRemoving(null)} />}
    </main>
  );
}
