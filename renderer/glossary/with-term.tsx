import type { ReactNode } from 'react';
import { Term } from './Term.tsx';
import type { TermKey } from './terms.ts';

/** A sentence with the first use of `word` explained; unchanged when the word is absent. */
export function withTerm(text: string, word: string, term: TermKey): ReactNode {
  const at = text.indexOf(word);
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <Term term={term}>{word}</Term>
      {text.slice(at + word.length)}
    </>
  );
}
