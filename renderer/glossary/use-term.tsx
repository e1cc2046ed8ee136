import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';
import { focusFromKeyboard, watchInputModality } from './input-modality.ts';
import { terms, type TermKey } from './terms.ts';
import './glossary.css';

/** A pointer resting this long on a word opens its tooltip; passing over it does not. */
const HOVER_DELAY_MS = 300;
/** Time to move the pointer from the word onto its tooltip (WCAG 1.4.13: hoverable). */
const LEAVE_GRACE_MS = 200;

/**
 * Where the tooltip goes: below the word; above it for a field's label, so it
 * never covers the field being typed in; beside it for the sidebar's links.
 */
export type Placement = 'below' | 'above' | 'beside';

export interface TermBinding {
  /** On the word that is underlined: the tooltip sits by it and opens when it is hovered. */
  wordProps: {
    ref: (el: HTMLElement | null) => void;
    onMouseEnter(): void;
    onMouseLeave(): void;
  };
  /** On what takes focus for the word (the word itself, or the control it labels). */
  focusProps: {
    'aria-describedby': string;
    onFocus(): void;
    onBlur(): void;
  };
  /** The tooltip, portalled out of the label so the label's accessible name stays the word. */
  tooltip: ReactNode;
}

/**
 * One term's explanation as a tooltip (role="tooltip"), tied to the focused
 * element by aria-describedby so a screen reader reads it after the name.
 * It opens on hover and on keyboard focus, stays while the pointer is on it,
 * and Escape closes it without also closing a dialog or leaving a grid row.
 */
export function useTerm(term: TermKey, placement: Placement = 'below'): TermBinding {
  const tipId = useId();
  const word = useRef<HTMLElement | null>(null);
  const tip = useRef<HTMLDivElement | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [host, setHost] = useState<Element | null>(null);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);

  useEffect(() => watchInputModality(), []);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const later = useCallback((ms: number, next: boolean) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setOpen(next), ms);
  }, []);
  const now = useCallback((next: boolean) => {
    window.clearTimeout(timer.current);
    setOpen(next);
  }, []);

  const setWord = useCallback((el: HTMLElement | null) => {
    word.current = el;
    // A modal dialog sits above everything else: its tooltips must live inside it.
    if (el) setHost(el.closest('dialog') ?? document.body);
  }, []);

  // Where asked, flipped when it would leave the window, never past the right edge.
  useLayoutEffect(() => {
    if (!open || !word.current || !tip.current) return;
    const at = word.current.getBoundingClientRect();
    const box = tip.current.getBoundingClientRect();
    if (placement === 'beside') {
      setPlace({ top: at.top + (at.height - box.height) / 2, left: at.right + 8 });
      return;
    }
    const below = at.bottom + 6;
    const above = at.top - box.height - 6;
    const fitsBelow = below + box.height <= window.innerHeight - 4;
    const top = placement === 'above' ? (above >= 4 ? above : below) : fitsBelow ? below : above;
    const left = Math.max(4, Math.min(at.left, window.innerWidth - box.width - 8));
    setPlace({ top, left });
  }, [open, placement]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      now(false);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open, now]);

  const tooltip =
    host &&
    createPortal(
      <div
        ref={tip}
        id={tipId}
        role="tooltip"
        className="term-tooltip"
        hidden={!open}
        style={place && open ? { top: place.top, left: place.left } : { visibility: 'hidden' }}
        onMouseEnter={() => window.clearTimeout(timer.current)}
        onMouseLeave={() => later(LEAVE_GRACE_MS, false)}
      >
        {terms[term]}
      </div>,
      host,
    );

  return {
    wordProps: {
      ref: setWord,
      onMouseEnter: () => later(HOVER_DELAY_MS, true),
      onMouseLeave: () => later(LEAVE_GRACE_MS, false),
    },
    focusProps: {
      'aria-describedby': tipId,
      onFocus: () => {
        if (focusFromKeyboard()) now(true);
      },
      onBlur: () => now(false),
    },
    tooltip,
  };
}
