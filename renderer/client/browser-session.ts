// The browser face's session. The page takes the printed token out of its own
// address at once and trades it for a session secret, kept in localStorage:
// that is per origin, port included, so no other server on this host ever
// receives it (a cookie would go to every port). A reload or a second tab on
// the same address finds the secret there and needs no token.
import {
  SESSION_AUTH_SCHEME,
  SESSION_PATH,
  SESSION_STORAGE_KEY,
} from '../../electron/contract/browser-face.ts';

/** The token a page address carries, and the address without it. */
export function splitToken(href: string): { token: string | null; rest: string } {
  const url = new URL(href);
  const token = url.searchParams.get('token');
  url.searchParams.delete('token');
  return { token, rest: `${url.pathname}${url.search}${url.hash}` };
}

export class BrowserSession {
  /** Kept until the server has answered the trade, in case it was briefly unreachable. */
  #token: string | null;
  #trading: Promise<void> | null = null;

  constructor() {
    const { token, rest } = splitToken(location.href);
    this.#token = token;
    // Out of the address bar, the history and any later Referer before anything else runs.
    if (token !== null) history.replaceState(history.state, '', rest);
  }

  /** The secret to present, once any trade has finished; null when this origin has none. */
  async secret(): Promise<string | null> {
    if (this.#token !== null) {
      this.#trading ??= this.#trade(this.#token).finally(() => (this.#trading = null));
      await this.#trading;
    }
    return localStorage.getItem(SESSION_STORAGE_KEY);
  }

  /** Whether the server still knows this secret; undefined when it could not be asked. */
  async isKnown(secret: string): Promise<boolean | undefined> {
    try {
      const res = await fetch(SESSION_PATH, {
        headers: { Authorization: `${SESSION_AUTH_SCHEME} ${secret}` },
        cache: 'no-store',
      });
      return res.status === 401 ? false : res.ok ? true : undefined;
    } catch {
      return undefined;
    }
  }

  async #trade(token: string): Promise<void> {
    let res: Response;
    try {
      res = await fetch(SESSION_PATH, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        cache: 'no-store',
      });
    } catch {
      return; // the server is not answering: keep the token and try again with the next connection
    }
    this.#token = null;
    // A wrong token keeps whatever session this origin had; the connection then tells.
    if (!res.ok) return;
    const { session } = (await res.json()) as { session?: unknown };
    if (typeof session === 'string') localStorage.setItem(SESSION_STORAGE_KEY, session);
  }
}
