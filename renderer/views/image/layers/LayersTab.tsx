// The image page's Layers tab: how the image was made, newest step first; the
// engine's history shows at once, and the layer each step made is filled in
// once the image's archive has been read.
import { useState } from 'react';
import type { ImageSummary } from '../../../../electron/contract/channels.ts';
import { describeError } from '../../../../electron/contract/errors.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { ShowCommand } from '../../../components/ShowCommand.tsx';
import { useCliTarget } from '../../../stores/cli-target.ts';
import { shortId } from '../../images/image-list.ts';
import { historyCommandLines } from './history-commands.ts';
import { layerRows } from './layer-rows.ts';
import { LayersGrid } from './LayersGrid.tsx';
import { useImageHistory } from './use-image-history.ts';
import type { AnalysisState } from '../analysis-state.ts';
import type { ImageAnalysisHandle } from '../use-image-analysis.ts';
import './layers-tab.css';

export function LayersTab({
  image,
  analysis: { state },
}: {
  image: ImageSummary;
  analysis: ImageAnalysisHandle;
}) {
  const { history, error } = useImageHistory(image.id);
  const cliTarget = useCliTarget();
  const [current, setCurrent] = useState(0);
  const ref = image.repoTags[0] ?? image.id;
  const built = history ? layerRows(history, state.phase === 'done' ? state.analysis : null) : null;
  const selected = built?.rows[Math.min(current, built.rows.length - 1)];
  const nearest = history?.bases.at(-1);

  return (
    <div className="layers-tab">
      {error && <ErrorAlert message={error} />}
      {history && built && (
        <>
          <p className="muted layers-summary">
            {history.entries.length} steps, {history.diffIds.length} layers
            {nearest && (
              <>
                {' '}
                · built on <strong>{nearest.name}</strong> (the first{' '}
                {nearest.layers === 1 ? 'layer' : `${nearest.layers} layers`})
              </>
            )}
          </p>
          <MatchStatus state={state} problem={built.problem} />
          <LayersGrid
            rows={built.rows}
            current={current}
            onCurrent={setCurrent}
            pending={state.phase === 'reading'}
          />
          {selected && (
            <section aria-label="Step details" className="step-details">
              <pre aria-label="Command as docker history prints it">
                {selected.entry.cliText || '(no command recorded)'}
              </pre>
              <p className="muted">
                {selected.entry.step.buildArgs && (
                  <>Build arguments: {selected.entry.step.buildArgs} · </>
                )}
                {selected.entry.tags.length > 0 && <>Tagged {selected.entry.tags.join(', ')} · </>}
                {selected.entry.id
                  ? `Image ${shortId(selected.entry.id)}`
                  : 'No local image for this step'}
                {selected.layer && ` · layer ${selected.layer.diffId}`}
              </p>
            </section>
          )}
        </>
      )}
      {!history && !error && <p className="empty">Loading the history…</p>}
      <ShowCommand command={(shell) => historyCommandLines(ref, shell, cliTarget)} />
    </div>
  );
}

/** Reading the archive, or why its layers are not shown beside the steps. */
function MatchStatus({ state, problem }: { state: AnalysisState; problem?: string }) {
  const why =
    state.phase === 'failed'
      ? `Layers not matched: ${describeError(state.error)}`
      : state.phase === 'cancelled'
        ? 'Layers not matched: reading the image was stopped.'
        : problem;
  return why ? (
    <p role="status" aria-label="Layer matching" className="muted">
      {why}
    </p>
  ) : null;
}
