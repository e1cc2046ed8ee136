import type { TermKey } from './terms.ts';
import { useTerm } from './use-term.tsx';

interface NavLinkProps {
  route: string;
  label: string;
  /** The glossary word the section is explained by; a section without one is a plain link. */
  term?: TermKey | undefined;
  current: boolean;
}

/**
 * A sidebar link whose section name is explained beside it on hover and on
 * keyboard focus; the link's name stays the section's name.
 */
export function NavLink(props: NavLinkProps) {
  if (!props.term) {
    return (
      <a href={`#/${props.route}`} aria-current={props.current ? 'page' : undefined}>
        {props.label}
      </a>
    );
  }
  return <ExplainedNavLink {...props} term={props.term} />;
}

function ExplainedNavLink(props: NavLinkProps & { term: TermKey }) {
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
