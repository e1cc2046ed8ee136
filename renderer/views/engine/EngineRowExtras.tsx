import { useState } from 'react';
import type { EngineCandidate } from '../../../electron/contract/engine-types.ts';
import { getClient } from '../../client/contract-client.ts';
import { EngineErrorAlert, envelopeOf } from '../../components/EngineErrorAlert.tsx';
import type { ErrorEnvelope } from '../../../electron/contract/errors.ts';
import { defaultShell } from '../../stores/cli-target.ts';
import { engineCliLine } from '../../../electron/contract/engine-remote.ts';
import { linkWord } from './engine-words.ts';

/** A row's link (connected, its round trip, or down) and, for an added engine, the CLI line that reaches it. */
export function EngineRowExtras({ candidate }: { candidate: EngineCandidate }) {
  return (
    <>
      {candidate.connected && <div className="muted">Link: {linkWord(candidate)}</div>}
      {candidate.source === 'remote' && (
        <div className="cli-hint">
          From a terminal: <code>{engineCliLine(candidate, defaultShell())}</code>
        </div>
      )}
    </>
  );
}

/** Forgets an engine the user added (its copied certificates and Docker context too); the engine itself is untouched. */
export function RemoveEngineButton({ candidate }: { candidate: EngineCandidate }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorEnvelope | null>(null);
  const remove = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await getClient().call('engine.remove', candidate.id);
    } catch (err) {
      setFailure(envelopeOf(err));
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
        Remove engine
      </button>
      {failure && <EngineErrorAlert error={failure} />}
    </>
  );
}
