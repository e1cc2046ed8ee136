// `docker exec -it` as a user runs it, in a real pseudo-terminal: util-linux's
// `script` gives the CLI a TTY, so keystrokes and Ctrl-C go the same way as
// from a terminal emulator. The bench's CLI side of the terminal scenarios.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface CliTerminal {
  /** Everything printed since the last `clear()`. */
  output(): string;
  clear(): void;
  write(text: string): void;
  /** Resolves with the ms from now until `done(output)` holds. */
  until(done: (output: string) => boolean, timeoutMs?: number): Promise<number>;
  close(): void;
}

export function cliTerminal(endpoint: string, container: string): CliTerminal {
  const command = `docker -H ${endpoint} exec -it ${container} sh`;
  const child: ChildProcessWithoutNullStreams = spawn('script', ['-qfc', command, '/dev/null'], {
    env: { ...process.env, TERM: 'xterm-256color' },
  });
  let text = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
    // Only the tail matters to the waiters; keep memory flat during floods.
    if (text.length > 1_000_000) text = text.slice(-100_000);
    for (const w of waiters) w();
  });
  return {
    output: () => text,
    clear: () => (text = ''),
    write: (s) => child.stdin.write(s),
    until(done, timeoutMs = 30_000) {
      const start = performance.now();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!done(text)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(performance.now() - start);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`The CLI terminal timed out; it showed: ${text.slice(-300)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => child.kill(),
  };
}
