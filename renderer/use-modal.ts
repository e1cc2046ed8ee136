// A <dialog> shown modal from its first render: focus trapped, Escape cancels,
// and focus goes back to what opened it when it goes.
import { useEffect, useRef, useState } from 'react';

/**
 * The ref to put on the <dialog>; it opens with showModal() once mounted.
 * `fallback`: where focus goes if what opened the dialog is gone by then.
 */
export function useModal(fallback?: () => HTMLElement | null | undefined) {
  const ref = useRef<HTMLDialogElement>(null);
  // Read while rendering: by the effect, an autoFocus field inside has taken focus.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  const [fallbackAtOpen] = useState(() => fallback);
  useEffect(() => {
    ref.current?.showModal();
    // React removes the dialog rather than closing it, so the browser's own
    // return of focus never happens: do it here.
    return () => {
      const target = opener?.isConnected && opener !== document.body ? opener : fallbackAtOpen?.();
      target?.focus();
    };
  }, [opener, fallbackAtOpen]);
  return ref;
}
