// The image page's Files tab: the image's archive read once (with progress
// and a way to cancel), then one layer's files at a time, as what the layer
// changed or as the image's filesystem as of that layer, and the image's
// efficiency (bytes kept twice because a later layer rewrote or deleted them).
import { useState } from 'react';
import type { ImageSummary } from '../../../../electron/contract/channels.ts';
import { EngineErrorAlert } from '../../../components/EngineErrorAlert.tsx';
import { ShowCommand } from '../../../components/ShowCommand.tsx';
import { useCliTarget } from '../../../stores/cli-target.ts';
import { shortId } from '../../images/image-list.ts';
import type { AnalysisState } from '../analysis-state.ts';
import type { ImageAnalysisHandle } from '../use-image-analysis.ts';
import { EfficiencyRegion } from './EfficiencyRegion.tsx';
import { layerCommandLines } from './layer-commands.ts';
import { LayerFilesView } from './LayerFilesView.tsx';
import { LayerPicker } from './LayerPicker.tsx';
import { useLayerFiles } from './use-layer-files.ts';
import './layer-files.css';

type View = 'changes' | 'filesystem';

export function ImageFilesTab({
  image,
  analysis,
}: {
  image: ImageSummary;
  analysis: ImageAnalysisHandle;
}) {
  const name = image.repoTags[0] ?? shortId(image.id);
  const { state } = analysis;

  return (
    <div className="image-files">
      {state.phase !== 'done' && (
        <p className="empty">The files show here once the image has been read.</p>
      )}
      {state.phase === 'done' && <AnalysedFiles state={state} image={name} />}
    </div>
  );
}

function AnalysedFiles({
  state,
  image,
}: {
  state: Extract<AnalysisState, { phase: 'done' }>;
  image: string;
}) {
  const { analysis } = state;
  const { layers } = analysis;
  const [layer, setLayer] = useState(layers.length - 1);
  const [view, setView] = useState<View>('changes');
  const [filter, setFilter] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const target = useCliTarget();
  const { files, retry } = useLayerFiles(
    layers.length ? { imageId: analysis.imageId, layer, view } : null,
  );

  return (
    <>
      <div className="layer-files">
        <LayerPicker
          layers={layers}
          history={analysis.history}
          selected={layer}
          onSelect={setLayer}
        />
        <div className="layer-files-main">
          <div className="toolbar">
            <div role="radiogroup" aria-label="View" className="segmented">
              <label>
                <input
                  type="radio"
                  name="layer-view"
                  checked={view === 'changes'}
                  onChange={() => setView('changes')}
                />{' '}
                This layer’s changes
              </label>
              <label>
                <input
                  type="radio"
                  name="layer-view"
                  checked={view === 'filesystem'}
                  onChange={() => setView('filesystem')}
                />{' '}
                The image’s files as of this layer
              </label>
            </div>
            <input
              type="search"
              aria-label="Filter files"
              placeholder="Filter by path"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
          {layers.length === 0 && <p className="empty">This image has no layers.</p>}
          {files?.state === 'loading' && <p className="muted">Reading layer {layer + 1}…</p>}
          {files?.state === 'error' && (
            <>
              <EngineErrorAlert error={files.error} />
              <button type="button" onClick={retry}>
                Try again
              </button>
            </>
          )}
          {files?.state === 'ok' && (
            <LayerFilesView
              entries={files.entries}
              view={view}
              filter={filter}
              collapsed={collapsed}
              onCollapsed={setCollapsed}
            />
          )}
        </div>
      </div>
      <ShowCommand
        command={(shell) => layerCommandLines(image, layers[layer]?.archivePath, shell, target)}
      />
      <EfficiencyRegion efficiency={analysis.efficiency} layers={layers} />
    </>
  );
}
