import { useEffect, useState } from 'react';
import type {
  ContainerSettings,
  ContainerSummary,
} from '../../../../electron/contract/container-types.ts';
import { describeFailure } from '../../../../electron/contract/errors.ts';
import { getClient } from '../../../client/contract-client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { ConfigurationSummary } from './ConfigurationSummary.tsx';
import { RecreateForm } from './RecreateForm.tsx';
import { RenameForm } from './RenameForm.tsx';

/** Like Kitematic's settings: the name changes in place, the rest by re-creating. */
export function SettingsTab({ container }: { container: ContainerSummary }) {
  const [settings, setSettings] = useState<ContainerSettings | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    getClient()
      .call('containers.settings', container.id)
      .then(
        (s) => current && setSettings(s),
        (err: unknown) => current && setError(describeFailure(err)),
      );
    return () => {
      current = false;
    };
  }, [container.id]);

  return (
    <div className="settings-tab">
      <RenameForm container={container} />
      {error && <ErrorAlert message={error} />}
      {!settings && !error && <p className="muted">Reading the settings…</p>}
      {settings && (
        <>
          <RecreateForm key={settings.id} settings={settings} name={container.name} />
          <ConfigurationSummary spec={settings.spec} />
        </>
      )}
    </div>
  );
}
