import type { ReactNode } from 'react';
import type { TermKey } from './terms.ts';
import { useTerm } from './use-term.tsx';

/**
 * A word with a dotted underline whose explanation shows on hover and on
 * keyboard focus. `focusable` makes the word its own tab stop, for words that
 * label something not focusable (a heading, a list's caption); `-1` lets a
 * grid's arrow keys reach it without adding a tab stop. The word's text stays
 * the label's accessible name; the sentence is its description.
 */
export function Term(props: { term: TermKey; children: ReactNode; focusable?: 0 | -1 }) {
  const t = useTerm(props.term);
  return (
    <>
      <span
        className="term"
        data-term={props.term}
        tabIndex={props.focusable ?? 0}
        {...t.wordProps}
        {...t.focusProps}
      >
        {props.children}
      </span>
      {t.tooltip}
    </>
  );
}

/** The underlined word alone, for a label whose control takes the focus (see useTerm). */
export function TermWord(props: { binding: ReturnType<typeof useTerm>; children: ReactNode }) {
  return (
    <span className="term" {...props.binding.wordProps}>
      {props.children}
    </span>
  );
}
