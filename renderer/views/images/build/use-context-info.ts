// The context measured as the user types its folder (after a pause), so its
// size, a missing or excluded Dockerfile and unreadable files show before
// anything is sent. An answer counts only for the query it was asked for.
import { useEffect, useState } from 'react';
import { describeFailure } from '../../../../electron/contract/errors.ts';
import {
  hostPath,
  type BuildContextInfo,
} from '../../../../electron/contract/image-build-channels.ts';
import { getClient } from '../../../client/contract-client.ts';

const SETTLE_MS = 400;

export interface ContextInfoState {
  info: BuildContextInfo | null;
  error: string | null;
  measuring: boolean;
}

interface Answer {
  key: string;
  info: BuildContextInfo | null;
  error: string | null;
}

export function useContextInfo(context: string, dockerfile: string): ContextInfoState {
  const folder = context.trim();
  const file = dockerfile.trim();
  const valid = hostPath.safeParse(folder).success;
  const key = valid ? JSON.stringify([folder, file]) : null;
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    const timer = setTimeout(() => {
      getClient()
        .call('images.buildContext', { context: folder, ...(file ? { dockerfile: file } : {}) })
        .then(
          (info) => current && setAnswer({ key, info, error: null }),
          (err: unknown) => current && setAnswer({ key, info: null, error: describeFailure(err) }),
        );
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, folder, file]);

  if (key === null) return { info: null, error: null, measuring: false };
  if (answer?.key !== key) return { info: null, error: null, measuring: true };
  return { info: answer.info, error: answer.error, measuring: false };
}
