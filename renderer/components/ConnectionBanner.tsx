import { useEngineStore } from '../stores/engine-store.ts';

/** Says when this page has lost the app itself (not the engine), and what to do. */
export function ConnectionBanner() {
  const connection = useEngineStore((s) => s.connection);
  if (connection === 'closed') {
    return (
      <div role="alert" className="alert banner">
        <p>Lost the connection to Berth. Reconnecting…</p>
      </div>
    );
  }
  if (connection === 'unauthorized') {
    return (
      <div role="alert" className="alert banner">
        <p>
          This page's session has ended: Berth was restarted, the session went unused for a day, or
          this browser never opened the address with the token. Open the address Berth printed when
          it started (it ends with ?token=…).
        </p>
      </div>
    );
  }
  return null;
}
