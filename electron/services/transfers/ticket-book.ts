// Single-use, short-lived tickets: the id is the only thing a transfer URL
// carries, so it is unguessable (256 random bits), good once, and for a minute.
import { randomBytes } from 'node:crypto';
import { BoundedSet } from '../bounded-set.ts';

export const TICKET_TTL_MS = 60_000;
/** A page that asks for tickets and never uses them cannot grow this without end. */
const MAX_PENDING = 100;

type Redeemed<T> =
  | { ok: true; value: T }
  /** `unknown`: never issued (or long forgotten); `gone`: used or expired. */
  | { ok: false; reason: 'unknown' | 'gone' };

interface Pending<T> {
  value: T;
  expiresAt: number;
}

export class TicketBook<T> {
  readonly #pending = new Map<string, Pending<T>>();
  readonly #gone = new BoundedSet<string>(1000);
  readonly #now: () => number;
  readonly #ttlMs: number;

  constructor(opts: { now?: () => number; ttlMs?: number } = {}) {
    this.#now = opts.now ?? Date.now;
    this.#ttlMs = opts.ttlMs ?? TICKET_TTL_MS;
  }

  /** `make` builds the value from the ticket's id and expiry. */
  issue(make: (id: string, expiresAt: number) => T): { id: string; expiresAt: number; value: T } {
    this.#sweep();
    if (this.#pending.size >= MAX_PENDING) {
      const oldest = this.#pending.keys().next();
      if (!oldest.done) this.#retire(oldest.value);
    }
    const id = randomBytes(32).toString('base64url');
    const expiresAt = this.#now() + this.#ttlMs;
    const value = make(id, expiresAt);
    this.#pending.set(id, { value, expiresAt });
    return { id, expiresAt, value };
  }

  /** The ticket's value without using it (to check a request fits before taking it). */
  peek(id: string): Redeemed<T> {
    const pending = this.#pending.get(id);
    if (pending && pending.expiresAt <= this.#now()) this.#retire(id);
    if (this.#gone.has(id)) return { ok: false, reason: 'gone' };
    return pending ? { ok: true, value: pending.value } : { ok: false, reason: 'unknown' };
  }

  /** Uses the ticket: a second take answers `gone`. */
  take(id: string): Redeemed<T> {
    const found = this.peek(id);
    if (found.ok) this.#retire(id);
    return found;
  }

  #retire(id: string): void {
    this.#pending.delete(id);
    this.#gone.add(id);
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, pending] of this.#pending) if (pending.expiresAt <= now) this.#retire(id);
  }
}
