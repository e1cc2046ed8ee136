import { indicatorState, useEngineStore } from '../stores/engine-store.ts';

/** Not a link: a second link whose name starts with "Engine" would make the nav's "Engine" ambiguous. */
export function EngineIndicator() {
  const word = useEngineStore((s) => indicatorState(s.status, s.connection));
  return (
    <span role="status" aria-label={`Engine: ${word}`} className={`indicator indicator-${word}`}>
      <span className="dot" aria-hidden="true" />
      Engine: {word}
    </span>
  );
}
