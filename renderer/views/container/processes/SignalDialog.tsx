import { useState } from 'react';
import { getClient } from '../../../client/contract-client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useCall } from '../../../use-call.ts';
import { useModal } from '../../../use-modal.ts';
import type { ProcessRow } from './process-rows.ts';

/** Common signals first; TERM asks politely, KILL cannot be caught. */
const SIGNALS = ['TERM', 'KILL', 'HUP', 'INT', 'QUIT', 'USR1', 'USR2', 'STOP', 'CONT'] as const;

/** Asks which signal to send to one process, and sends it (`kill` run inside the container). */
export function SignalDialog(props: {
  containerId: string;
  process: ProcessRow;
  onClose(): void;
  onSent(signal: string, containerPid: number): void;
}) {
  const ref = useModal();
  const [signal, setSignal] = useState<string>('TERM');
  const { busy, failure, run } = useCall();
  const { pid, command } = props.process;

  const send = async () => {
    let inside = 0;
    const ok = await run(async () => {
      ({ containerPid: inside } = await getClient().call(
        'containers.signalProcess',
        props.containerId,
        { pid, signal },
      ));
    });
    if (ok) props.onSent(signal, inside);
  };

  return (
    <dialog ref={ref} aria-labelledby="signal-title" className="dialog" onCancel={props.onClose}>
      <h2 id="signal-title">Send a signal to PID {pid}</h2>
      <p className="muted">
        <code>{command}</code>
      </p>
      <label className="inline">
        Signal{' '}
        <select value={signal} onChange={(e) => setSignal(e.target.value)}>
          {SIGNALS.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {failure && <ErrorAlert message={failure} />}
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void send()}>
          Send
        </button>
      </div>
    </dialog>
  );
}
