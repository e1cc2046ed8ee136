import { useState } from 'react';
import type { ContainerSummary } from '../../../../electron/contract/container-types.ts';
import { containerName } from '../../../../electron/contract/refs.ts';
import { check } from '../../../../electron/contract/schema-problems.ts';
import { getClient } from '../../../client/contract-client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useCall } from '../../../use-call.ts';

/** A new name, in place: no re-create needed. */
export function RenameForm({ container }: { container: ContainerSummary }) {
  const [name, setName] = useState(container.name);
  const { busy, failure: error, run } = useCall();
  // The same check, in the same words, as the server makes on containers.rename.
  const checked = check(containerName, name);
  const problem = name && !checked.success ? (checked.error.issues[0]?.message ?? null) : null;

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
