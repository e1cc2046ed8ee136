// A yes/no the user set that outlives the dialog (and the page): kept in
// localStorage, read once when the component mounts.
import { useCallback, useState } from 'react';

function read(key: string, fallback: boolean): boolean {
  try {
    const stored = localStorage.getItem(key);
    return stored === null ? fallback : stored === 'true';
  } catch {
    return fallback; // storage blocked (a privacy mode): remembered for this dialog only
  }
}

export function useRememberedFlag(key: string, fallback: boolean): [boolean, (v: boolean) => void] {
  const [value, setValue] = useState(() => read(key, fallback));
  const set = useCallback(
    (next: boolean) => {
      setValue(next);
      try {
        localStorage.setItem(key, String(next));
      } catch {
        // Same as above: the choice holds until the dialog closes.
      }
    },
    [key],
  );
  return [value, set];
}
