import { useState, type ReactNode } from 'react';
import { isErrorEnvelope, type ErrorEnvelope } from '../../electron/contract/errors.ts';
import './engine-error-alert.css';

/** The envelope a call rejected with; anything else becomes one in its own words. */
export function envelopeOf(err: unknown): ErrorEnvelope {
  const envelope = (err as { envelope?: unknown } | null)?.envelope;
  if (isErrorEnvelope(envelope)) return envelope;
  return { kind: 'internal', message: err instanceof Error ? err.message : String(err) };
}

const sentence = (text: string) => (/[.!?)]$/.test(text) ? text : `${text}.`);

/**
 * What happened in Berth's words, what to do as a sentence of its own, and the
 * engine's raw words in a "Details" disclosure (closed: they are for experts
 * and bug reports, and often hold 64-character ids).
 */
export function splitEnvelope(e: ErrorEnvelope): {
  what: string;
  advice: string | null;
  details: string | null;
} {
  const raw = e.engineMessage?.trim();
  let what = e.message.trim();
  if (raw && what.endsWith(raw)) {
    what = what.slice(0, -raw.length).replace(/[\s:(-]+$/, '');
  } else if (raw && what.includes(`(engine: ${raw})`)) {
    what = what.replace(`(engine: ${raw})`, '').trim();
  }
  if (!what)
    what =
      e.kind === 'conflict' ? 'The engine refused: something is in the way' : 'The engine refused';
  const advice =
    e.hint?.trim() ||
    (raw ? 'Read the details below, change what they name, and try again.' : null);
  return { what: sentence(what), advice: advice && sentence(advice), details: raw || null };
}

/** `children`: a way forward as buttons ("Log in"), after the advice. */
export function EngineErrorAlert({
  error,
  children,
}: {
  error: ErrorEnvelope;
  children?: ReactNode;
}) {
  const { what, advice, details } = splitEnvelope(error);
  const [open, setOpen] = useState(false);
  return (
    <div role="alert" className="alert engine-error">
      <p>{what}</p>
      {advice && <p className="advice">{advice}</p>}
      {children}
      {details && (
        <details onToggle={(e) => setOpen(e.currentTarget.open)}>
          {/* Chromium names a summary a "DisclosureTriangle", which no ARIA role
              query finds: said as the disclosure it is, a button with its state. */}
          <summary role="button" aria-expanded={open}>
            Details
          </summary>
          <pre>{details}</pre>
        </details>
      )}
    </div>
  );
}
