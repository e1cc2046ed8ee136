import type { ReactNode } from 'react';
import { MASK } from './inspect-secrets.ts';

interface TreeContext {
  /** Lower-cased; empty shows everything. */
  query: string;
  /** Config.Env names whose values are masked now. */
  masked: ReadonlySet<string>;
  revealed: ReadonlySet<string>;
  onToggleSecret(name: string): void;
}

/**
 * JSON as nested disclosures (the first two levels open), filtered by a search
 * over keys and values as shown: a match keeps its ancestors, a matching key
 * keeps everything below it. Text only, never markup.
 */
export function JsonTree(props: { value: Record<string, unknown> } & TreeContext) {
  const { value, ...ctx } = props;
  const entries = Object.entries(value).filter(([k, v]) => matchesDeep(k, v, ctx.query));
  if (entries.length === 0) return <p className="muted">Nothing matches.</p>;
  return (
    <ul className="json-tree" aria-label="Inspect JSON">
      {entries.map(([k, v]) => (
        <JsonNode key={k} name={k} value={v} path={[k]} ctx={ctx} />
      ))}
    </ul>
  );
}

function JsonNode(props: { name: string; value: unknown; path: string[]; ctx: TreeContext }) {
  const { name, value, path, ctx } = props;
  if (value !== null && typeof value === 'object') {
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [String(i), v])
      : Object.entries(value);
    const keyHit = ctx.query !== '' && name.toLowerCase().includes(ctx.query);
    const shown =
      ctx.query && !keyHit ? entries.filter(([k, v]) => matchesDeep(k, v, ctx.query)) : entries;
    const count = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
    return (
      <li>
        <details open={ctx.query !== '' || path.length < 2}>
          <summary>
            <Highlight text={name} query={ctx.query} className="json-key" />{' '}
            <span className="muted">{count}</span>
          </summary>
          <ul>
            {shown.map(([k, v]) => (
              <JsonNode key={k} name={k} value={v} path={[...path, k]} ctx={ctx} />
            ))}
          </ul>
        </details>
      </li>
    );
  }
  const secret = secretOf(path, value, ctx);
  return (
    <li>
      <Highlight text={name} query={ctx.query} className="json-key" />:{' '}
      <Highlight text={JSON.stringify(value) ?? 'undefined'} query={ctx.query} />
      {secret && (
        <>
          {' '}
          <button
            type="button"
            className="small"
            aria-label={`${ctx.revealed.has(secret) ? 'Hide' : 'Reveal'} ${secret}`}
            onClick={() => ctx.onToggleSecret(secret)}
          >
            {ctx.revealed.has(secret) ? 'Hide' : 'Reveal'}
          </button>
        </>
      )}
    </li>
  );
}

/** The variable's name when this leaf is a Config.Env entry that is (or was) masked. */
function secretOf(path: string[], value: unknown, ctx: TreeContext): string | null {
  if (path.length !== 3 || path[0] !== 'Config' || path[1] !== 'Env') return null;
  if (typeof value !== 'string') return null;
  const name = value.slice(0, Math.max(0, value.indexOf('=')));
  if (ctx.revealed.has(name)) return name;
  return ctx.masked.has(name) && value === `${name}=${MASK}` ? name : null;
}

export function matchesDeep(key: string, value: unknown, query: string): boolean {
  if (!query || key.toLowerCase().includes(query)) return true;
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => matchesDeep(k, v, query));
  }
  return (JSON.stringify(value) ?? '').toLowerCase().includes(query);
}

function Highlight(props: { text: string; query: string; className?: string }) {
  const { text, query } = props;
  const parts: ReactNode[] = [];
  if (query) {
    const lower = text.toLowerCase();
    let at = 0;
    for (let hit = lower.indexOf(query); hit >= 0; hit = lower.indexOf(query, at)) {
      parts.push(text.slice(at, hit), <mark key={hit}>{text.slice(hit, hit + query.length)}</mark>);
      at = hit + query.length;
    }
    parts.push(text.slice(at));
  } else parts.push(text);
  return <span className={props.className}>{parts}</span>;
}
