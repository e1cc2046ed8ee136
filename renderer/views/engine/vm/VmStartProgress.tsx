import type { EngineStatus } from '../../../../electron/contract/engine-types.ts';
import { useNow } from '../../../use-now.ts';
import { secondsText, startProgress, startSteps, type StartStep } from './vm-format.ts';

/**
 * The VM's start as it goes: the step running now (the driver's own words),
 * for how long, and a bar that only hints how far along it is. The step is
 * in the bar's name and value text, so a screen reader hears it change.
 */
export function VmStartProgress({ status }: { status: EngineStatus }) {
  const steps = startSteps(status.history);
  const { now, max } = startProgress(steps);
  const step = status.step ?? 'starting';
  const since = steps.at(-1)?.startedAt;
  const clock = useNow();
  return (
    <div
      role="progressbar"
      aria-label={`Starting the VM: ${step}`}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={now}
      aria-valuetext={step}
      className="vm-progress"
    >
      <p>
        <strong>Starting the VM:</strong> {step}…
        {since !== undefined && <span className="muted"> {secondsText(clock - since)}</span>}
      </p>
      <div className="vm-progress-track">
        <div className="vm-progress-fill" style={{ width: `${(now / max) * 100}%` }} />
      </div>
    </div>
  );
}

const outcomeWords: Record<StartStep['outcome'], string> = {
  done: 'done',
  running: 'running',
  failed: 'failed',
};

/** Each step of the last start, with its time: where a slow or failed start spent it. */
export function VmStartSteps({ status }: { status: EngineStatus }) {
  const steps = startSteps(status.history, status.error?.step);
  const clock = useNow();
  if (steps.length === 0) return null;
  return (
    <div className="vm-steps">
      <h3 id="vm-steps-title">Last start</h3>
      <ol aria-labelledby="vm-steps-title">
        {steps.map((step, i) => {
          const took = step.tookMs ?? clock - step.startedAt;
          const note = step.notes.at(-1);
          return (
            <li key={`${step.startedAt}-${i}`} className={`vm-step vm-step-${step.outcome}`}>
              <span className="vm-step-name">{step.name}</span>{' '}
              <span className={`badge badge-${badgeOf(step.outcome)}`}>
                {outcomeWords[step.outcome]}
              </span>{' '}
              <span className="muted">{secondsText(took)}</span>
              {/* One line: a note may be a whole QEMU command line; all of it on hover. */}
              {note && (
                <div className="muted fine-print vm-step-note" title={note}>
                  {note}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function badgeOf(outcome: StartStep['outcome']): string {
  if (outcome === 'failed') return 'error';
  return outcome === 'running' ? 'starting' : 'running';
}
