import { useEffect, useRef } from 'react';
import type {
  BuildStep,
  BuildView,
} from '../../../../electron/contract/image-build/build-lines.ts';
import { sizeText } from '../image-list.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The build's output, step by step as the engine runs them: each step's line
 * as the CLI prints it, marked "Using cache" when the builder reused an
 * earlier result, with its time once it ended. Follows the end while the
 * reader is at the bottom.
 */
export function BuildOutput({ view, failedStep }: { view: BuildView; failedStep?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  useEffect(() => {
    const el = ref.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [view]);
  return (
    <div
      ref={ref}
      role="log"
      aria-label="Build output"
      className="build-output"
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      {view.sending && (
        <p className="muted">
          Sending the context: {view.sending.files} files, {sizeText(view.sending.bytes)}
        </p>
      )}
      {view.steps.map((step) => (
        <StepBlock
          key={step.step}
          step={step}
          failed={failedStep === `Step ${step.step}/${step.total} : ${step.instruction}`}
        />
      ))}
    </div>
  );
}

function StepBlock({ step, failed }: { step: BuildStep; failed: boolean }) {
  return (
    <section className={`build-step${failed ? ' failed' : ''}`}>
      <p className="build-step-head">
        <span>
          Step {step.step}/{step.total} : {step.instruction}
        </span>
        {step.cached && <span className="badge cached">Using cache</span>}
        {failed && <span className="badge danger">Failed</span>}
        {step.ms !== undefined && <span className="muted">{seconds(step.ms)}</span>}
      </p>
      {step.output.length > 0 && <pre>{step.output.join('\n')}</pre>}
    </section>
  );
}
