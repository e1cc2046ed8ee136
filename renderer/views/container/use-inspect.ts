import { useEffect, useState } from 'react';
import { describeFailure } from '../../../electron/contract/errors.ts';
import { getClient } from '../../client/contract-client.ts';
import { useContainersStore } from '../../stores/containers-store.ts';

/** `docker inspect` of one container, read again each time the list reports a change to it. */
export function useInspect(id: string): {
  info: Record<string, unknown> | null;
  error: string | null;
} {
  const revision = useContainersStore((s) => s.byId[id]);
  const [info, setInfo] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    getClient()
      .call('containers.inspect', id)
      .then(
        (result) => current && (setInfo(result), setError(null)),
        (err: unknown) => current && setError(describeFailure(err)),
      );
    return () => {
      current = false;
    };
  }, [id, revision]);
  return { info, error };
}
