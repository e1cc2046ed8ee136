import { useState } from 'react';
import type { ContainerSummary } from '../../../../electron/contract/container-types.ts';
import { CONTAINER_NAME } from '../../../../electron/contract/run-spec/spec.ts';
import { getClient } from '../../../client/contract-client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useCall } from '../../../use-call.ts';

/** A new name, in place: no re-create needed. */
export function RenameForm({ container }: { container: ContainerSummary }) {
  const [name, setName] = useState(container.name);
  const { busy, failure: error, run } = useCall();
  const problem =
    name && !CONTAINER_NAME.test(name)
      ? 'Use letters, digits, _ . and - (2 characters at least)'
      : null;

  const rename = async () => {
    if (problem || name === container.name) return;
    await run(() => getClient().call('containers.rename', container.id, name));
  };

  return (
    <form
      aria-label="Container name"
      className="settings"
      onSubmit={(e) => {
        e.preventDefault();
        void rename();
      }}
    >
      <div className="field">
        <label htmlFor="rename-field">New name</label>
        <input
          id="rename-field"
          value={name}
          aria-invalid={Boolean(problem)}
          aria-describedby={problem ? 'rename-problem' : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        {problem && (
          <p id="rename-problem" className="field-errors">
            {problem}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy || Boolean(problem) || name === container.name}>
        Rename
      </button>
      {error && <ErrorAlert message={error} />}
    </form>
  );
}
