import { useState } from 'react';
import { describeFailure } from '../../../electron/contract/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { maskInspect, secretNames } from './inspect/inspect-secrets.ts';
import { JsonTree } from './inspect/JsonTree.tsx';
import { useInspect } from './use-inspect.ts';

/**
 * `docker inspect` as the engine says it, re-read when the container changes:
 * collapsible, searchable, secret-looking environment values masked until
 * revealed. Copy copies what is shown (masked values stay masked).
 */
export function InspectTab({ id }: { id: string }) {
  const { info, error } = useInspect(id);
  const [query, setQuery] = useState('');
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const [copied, setCopied] = useState<string | null>(null);
  if (error) return <ErrorAlert message={error} />;
  if (!info) return <p className="muted">Reading…</p>;
  const shown = maskInspect(info, revealed);
  const masked = new Set(secretNames(info).filter((n) => !revealed.has(n)));
  const toggleSecret = (name: string) => {
    const next = new Set(revealed);
    if (!next.delete(name)) next.add(name);
    setRevealed(next);
  };
  const copy = () => {
    navigator.clipboard.writeText(JSON.stringify(shown, null, 2)).then(
      () => setCopied(masked.size ? 'Copied (secret values masked)' : 'Copied'),
      (err: unknown) => setCopied(`Couldn't copy: ${describeFailure(err)}`),
    );
  };
  return (
    <div className="inspect-tab">
      <div className="toolbar">
        <input
          type="search"
          aria-label="Search inspect"
          placeholder="Search keys and values"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" onClick={copy}>
          Copy
        </button>
        {copied && <span role="status">{copied}</span>}
      </div>
      <JsonTree
        value={shown}
        query={query.trim().toLowerCase()}
        masked={masked}
        revealed={revealed}
        onToggleSecret={toggleSecret}
      />
    </div>
  );
}
