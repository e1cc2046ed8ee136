// Reading the image's archive, above the page's tabs: progress with bytes of
// the image's size and a way to stop, or why it stopped, with a way to read again.
import { EngineErrorAlert } from '../../components/EngineErrorAlert.tsx';
import { sizeText } from '../images/image-list.ts';
import type { ImageAnalysisHandle } from './use-image-analysis.ts';
import './analysis-bar.css';

export function AnalysisBar({ name, analysis }: { name: string; analysis: ImageAnalysisHandle }) {
  const { state } = analysis;
  switch (state.phase) {
    case 'reading':
      return (
        <div className="analyse-progress">
          <progress
            aria-label={`Reading ${name}`}
            {...(state.total ? { max: state.total, value: state.read } : {})}
          />{' '}
          <span>
            Reading the image’s layers: {sizeText(state.read)}
            {state.total ? ` of ${sizeText(state.total)}` : ''}
          </span>{' '}
          <button type="button" onClick={analysis.cancel}>
            Cancel
          </button>
        </div>
      );
    case 'cancelled':
      return (
        <p className="analyse-progress">
          Stopped reading {name}: its layers’ files and which steps made them are not shown.{' '}
          <button type="button" onClick={analysis.retry}>
            Read the layers
          </button>
        </p>
      );
    case 'failed':
      return (
        <div className="analyse-progress">
          <EngineErrorAlert error={state.error} />
          <button type="button" onClick={analysis.retry}>
            Try again
          </button>
        </div>
      );
    case 'done':
      return null;
  }
}
