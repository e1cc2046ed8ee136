// A clock for text that ages (statuses, relative times): one re-render per
// period, no requests. The engine is not asked again; see status-age.ts.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
// Every second, like `docker ps` run again: "Up 5 seconds" must not read "Less than a second" for 10 s.
const PERIOD_MS = 1000;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, PERIOD_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
