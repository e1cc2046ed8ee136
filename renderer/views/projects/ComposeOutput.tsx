import { useEffect, useRef } from 'react';
import type { ComposeRunState } from './use-compose-run.ts';

const verbs = {
  up: 'Bringing up',
  down: 'Bringing down',
  pull: 'Pulling',
  build: 'Building',
  scale: 'Scaling',
};

/**
 * A Compose run as it goes: a progress bar naming what runs, the CLI's output,
 * and how it ended. A failure shows the CLI's own message as it wrote it, and
 * what of the project exists now.
 */
export function ComposeOutput({ state, project }: { state: ComposeRunState; project: string }) {
  const pre = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [state.lines.length]);
  if (state.phase === 'idle' || !state.request) return null;
  const action = state.request.action;
  const what = `${verbs[action]} ${project}`;
  return (
    <section aria-label="Compose run" className="compose-run">
      {state.phase === 'running' && (
        <div role="progressbar" aria-label={what} className="compose-progress">
          {what}…
        </div>
      )}
      {state.lines.length > 0 && (
        <pre ref={pre} role="log" aria-label="Compose output" className="compose-output">
          {state.lines.join('\n')}
        </pre>
      )}
      {state.phase === 'done' && (
        <p role="status" aria-label="Compose finished" className="compose-done">
          Done: {action} of {project}.
        </p>
      )}
      {state.phase === 'failed' && state.error && (
        <div role="alert" className="alert engine-error">
          <p>{state.error.message}</p>
          {state.error.engineMessage && (
            <pre className="compose-message">{state.error.engineMessage}</pre>
          )}
          {state.error.hint && <p className="advice">{state.error.hint}</p>}
        </div>
      )}
    </section>
  );
}
