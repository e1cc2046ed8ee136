// A <dialog> shown modal from its first render: focus trapped, Escape cancels.
import { useEffect, useRef } from 'react';

/** The ref to put on the <dialog>; it opens with showModal() once mounted. */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return ref;
}
