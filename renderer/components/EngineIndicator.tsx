import { indicatorState, useEngineStore } from '../stores/engine-store.ts';

export function EngineIndicator() {
  const word = useEngineStore((s) => indicatorState(s.status, s.connection));
  return (
    <a href="#/engine" className="indicator-link">
      <span role="status" aria-label={`Engine: ${word}`} className={`indicator indicator-${word}`}>
        <span className="dot" aria-hidden="true" />
        Engine: {word}
      </span>
    </a>
  );
}
