import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { TerminalSession } from './terminal-session.ts';

/** Shows a session's xterm in this panel, fitted to it while it is on screen. */
export function TerminalView({ session, name }: { session: TerminalSession; name: string }) {
  const host = useRef<HTMLDivElement>(null);
  const state = useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.state,
  );

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    session.attachTo(el);
    // The panel's size decides the terminal's: fit (which sends a resize) whenever it changes.
    const observer = new ResizeObserver(() => session.fit());
    observer.observe(el);
    session.term.focus();
    return () => {
      observer.disconnect();
      session.element.remove();
    };
  }, [session]);

  return (
    <div role="region" aria-label={name} className="terminal-region">
      {state.phase === 'connecting' && <p className="muted">Connecting…</p>}
      {state.phase === 'ended' && (
        <div role={state.failed ? 'alert' : 'status'} className={state.failed ? 'alert' : 'notice'}>
          <p>
            {state.message}
            {state.hint ? ` ${state.hint}` : ''}
          </p>
          <button type="button" onClick={() => session.connect()}>
            Reconnect
          </button>
        </div>
      )}
      <div ref={host} className="terminal-panel" />
    </div>
  );
}
