// Starts the browser face as its own process, exactly as `npm run web` does,
// so a test can kill it with SIGKILL and start it again.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Where a test app keeps its Docker CLI config (and so its context). */
export function dockerConfigDir(dataDir: string): string {
  return join(dataDir, 'docker-config');
}

export interface WebApp {
  url: string;
  token: string;
  /** The page URL with its token, as printed for the user. */
  urlWithToken: string;
  process: ChildProcess;
  output(): string;
  /** SIGTERM and wait for exit (the app stops its managed engine first). */
  stop(): Promise<void>;
  kill9(): Promise<void>;
}

interface WebAppOptions {
  dataDir: string;
  engine?: string;
  env?: Record<string, string>;
  token?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** More command-line arguments (`--token-file PATH`...). */
  args?: string[];
  timeoutMs?: number;
}

export async function startWebApp(opts: WebAppOptions): Promise<WebApp> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const child = spawn(
    process.execPath,
    [
      'electron/browser-host/main.ts',
      '--port',
      String(opts.port ?? 0),
      '--engine',
      opts.engine ?? 'managed',
      '--data-dir',
      opts.dataDir,
      ...(opts.args ?? []),
    ],
    {
      cwd: root,
      // The app writes a Docker context for its engine: keep it out of the user's own config.
      // The token through the environment, as a user keeps it out of `ps`.
      env: {
        ...process.env,
        DOCKER_CONFIG: dockerConfigDir(opts.dataDir),
        BERTH_TOKEN: token,
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const urlWithToken = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`The app did not start within ${opts.timeoutMs ?? 60_000} ms:\n${output}`),
        ),
      opts.timeoutMs ?? 60_000,
    );
    const check = () => {
      const match = /Berth is running at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The app exited with ${code} before it started:\n${output}`));
    });
  });
  const url = urlWithToken.replace(/\?token=.*$/, '');
  return {
    url,
    token,
    urlWithToken,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
