// A web page a container serves, fetched once its server answers.
import { FOLLOW_MS } from './deadlines.ts';

/** The body of http://127.0.0.1:PORT/, asked again until it answers 2xx or the deadline passes. */
export async function pageWhenUp(port: number | string, deadlineMs = FOLLOW_MS): Promise<string> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/`);
      if (answer.ok) return await answer.text();
    } catch {
      // The server is not listening yet.
    }
    if (Date.now() > end) throw new Error(`Nothing answered on port ${port} in ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
