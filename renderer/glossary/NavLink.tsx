import type { TermKey } from './terms.ts';
import { useTerm } from './use-term.tsx';

/**
 * A sidebar link whose section name is explained beside it on hover and on
 * keyboard focus; the link's name stays the section's name.
 */
export function NavLink(props: { route: string; label: string; term: TermKey; current: boolean }) {
  const t = useTerm(props.term, 'beside');
  return (
    <>
      <a
        href={`#/${props.route}`}
        aria-current={props.current ? 'page' : undefined}
        {...t.wordProps}
        {...t.focusProps}
      >
        {props.label}
      </a>
      {t.tooltip}
    </>
  );
}
