// The browser face's sessions: random secrets a page got for the access token
// and keeps in its own localStorage. A session stays alive while one of its
// WebSockets is open, and ends after a day without any.
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_IDLE_MS = 24 * 60 * 60 * 1000;
const MAX_SESSIONS = 100;

interface Entry {
  lastActive: number;
  sockets: number;
}

export class SessionStore {
  // Keyed by a hash of the secret: a lookup's timing then says nothing about the secrets held.
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Starts a session and returns its secret (hex, so it is a valid subprotocol token). */
  open(): string {
    this.#sweep();
    if (this.#entries.size >= MAX_SESSIONS) this.#evictLeastRecent();
    const secret = randomBytes(32).toString('hex');
    this.#entries.set(keyOf(secret), { lastActive: this.#now(), sockets: 0 });
    return secret;
  }

  isLive(secret: string): boolean {
    return this.#live(keyOf(secret)) !== undefined;
  }

  /**
   * A WebSocket opened with this session: it counts as activity, and keeps the
   * session alive until `release` (its close). Null when the session is unknown or expired.
   */
  attach(secret: string): (() => void) | null {
    const entry = this.#live(keyOf(secret));
    if (!entry) return null;
    entry.sockets++;
    entry.lastActive = this.#now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      entry.sockets--;
      entry.lastActive = this.#now();
    };
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (this.#expired(entry)) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #expired(entry: Entry): boolean {
    return entry.sockets === 0 && this.#now() - entry.lastActive > SESSION_IDLE_MS;
  }

  #sweep(): void {
    for (const [key, entry] of this.#entries) if (this.#expired(entry)) this.#entries.delete(key);
  }

  #evictLeastRecent(): void {
    let oldest: [string, Entry] | undefined;
    for (const pair of this.#entries) {
      if (!oldest || rank(pair[1]) < rank(oldest[1])) oldest = pair;
    }
    if (oldest) this.#entries.delete(oldest[0]);
  }
}

/** Idle sessions go first, then the least recently active. */
function rank(entry: Entry): number {
  return (entry.sockets > 0 ? Number.MAX_SAFE_INTEGER / 2 : 0) + entry.lastActive;
}

function keyOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
