import { indicatorState, useEngineStore } from '../stores/engine-store.ts';

/**
 * The engine's state, and beside it a link to the Engine page named by the
 * engine itself ("Docker on this Linux machine"): the status is not a link,
 * since a second link whose name starts with "Engine" would make the nav's
 * "Engine" ambiguous.
 */
export function EngineIndicator() {
  const word = useEngineStore((s) => indicatorState(s.status, s.connection));
  const name = useEngineStore(
    (s) => s.candidates.find((c) => c.id === s.status?.engineId)?.label ?? null,
  );
  return (
    <div className="engine-indicator">
      <span role="status" aria-label={`Engine: ${word}`} className={`indicator indicator-${word}`}>
        <span className="dot" aria-hidden="true" />
        Engine: {word}
      </span>
      {name && (
        <a href="#/engine" className="engine-name">
          {name}
        </a>
      )}
    </div>
  );
}
