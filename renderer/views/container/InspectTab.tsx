import { useEffect, useState } from 'react';
import { describeFailure } from '../../../electron/contract/errors.ts';
import { getClient } from '../../client/contract-client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useContainersStore } from '../../stores/containers-store.ts';

/** `docker inspect` as the engine says it, re-read when the container changes. */
export function InspectTab({ id }: { id: string }) {
  const revision = useContainersStore((s) => s.byId[id]);
  const [json, setJson] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    getClient()
      .call('containers.inspect', id)
      .then(
        (info) => current && (setJson(JSON.stringify(info, null, 2)), setError(null)),
        (err: unknown) => current && setError(describeFailure(err)),
      );
    return () => {
      current = false;
    };
  }, [id, revision]);
  if (error) return <ErrorAlert message={error} />;
  return json ? <pre className="inspect">{json}</pre> : <p className="muted">Reading…</p>;
}
