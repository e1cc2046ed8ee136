// Tickets for the browser face's framing page (`/preview/<port>?ticket=…`).
// An iframe cannot present the page's session (a WebSocket subprotocol), so a
// probe that found the port answering hands the page a ticket for that port:
// random, single-use, valid for a minute. Without one the route answers 404,
// so nobody without a session learns which ports are published.
import { randomBytes } from 'node:crypto';

const TTL_MS = 60_000;
/** Far more than one page asks for in a minute; past it the oldest go first. */
const MAX_TICKETS = 256;

export class PreviewTickets {
  readonly #tickets = new Map<string, { port: number; expires: number }>();
  readonly #now: () => number;
  readonly #ttlMs: number;

  constructor(opts: { now?: () => number; ttlMs?: number } = {}) {
    this.#now = opts.now ?? Date.now;
    this.#ttlMs = opts.ttlMs ?? TTL_MS;
  }

  issue(port: number): string {
    const now = this.#now();
    for (const [ticket, entry] of this.#tickets) {
      if (entry.expires <= now) this.#tickets.delete(ticket);
    }
    while (this.#tickets.size >= MAX_TICKETS) {
      this.#tickets.delete(this.#tickets.keys().next().value!);
    }
    const ticket = randomBytes(16).toString('hex');
    this.#tickets.set(ticket, { port, expires: now + this.#ttlMs });
    return ticket;
  }

  /** True once for a live ticket issued for `port`; the ticket is spent either way. */
  redeem(ticket: string, port: number): boolean {
    const entry = this.#tickets.get(ticket);
    this.#tickets.delete(ticket);
    return entry !== undefined && entry.port === port && entry.expires > this.#now();
  }
}
