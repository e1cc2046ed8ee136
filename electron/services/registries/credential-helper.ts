// A client of the docker credential helper protocol (docker-credential-helpers):
// the program `docker-credential-NAME` takes its action as its one argument and
// talks over stdin/stdout. get: the server URL in, {ServerURL, Username, Secret}
// out; store: that JSON in; erase: the URL in; list: {URL: username} out. A
// miss on get is exit 1 with "credentials not found in native keychain".
// Each run has a deadline: a helper waiting on a locked keychain or a
// passphrase prompt must never hang Berth.
import { spawn } from 'node:child_process';
import { ContractError } from '../../contract/errors.ts';

export const HELPER_TIMEOUT_MS = 5_000;

/** What the protocol calls a miss; helpers print it on stdout with exit code 1. */
const NOT_FOUND = 'credentials not found in native keychain';

/** Username that marks Secret as an identity token rather than a password. */
export const TOKEN_USERNAME = '<token>';

export interface HelperCredentials {
  username: string;
  secret: string;
}

export interface HelperOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

type Action = 'get' | 'store' | 'erase' | 'list';

function helperError(name: string, action: Action, message: string, hint?: string) {
  return new ContractError({
    kind: 'internal',
    message: `The credential helper docker-credential-${name} (${action}) ${message}`,
    step: `docker-credential-${name} ${action}`,
    ...(hint ? { hint } : {}),
  });
}

/** Runs one action; resolves with stdout on exit 0, rejects with the helper's own words otherwise. */
export function runHelper(
  name: string,
  action: Action,
  input: string,
  opts: HelperOptions = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) {
    return Promise.reject(
      helperError(
        name,
        action,
        'has a name config.json should not hold.',
        'Fix credsStore/credHelpers.',
      ),
    );
  }
  const program = `docker-credential-${name}`;
  const timeoutMs = opts.timeoutMs ?? HELPER_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(program, [action], {
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(() =>
        reject(
          helperError(
            name,
            action,
            `did not answer within ${timeoutMs / 1000} s.`,
            'It may be waiting for a keychain to unlock or a passphrase: run it in a terminal to see.',
          ),
        ),
      );
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      settle(() =>
        reject(
          error.code === 'ENOENT'
            ? helperError(
                name,
                action,
                'is not installed: no program of that name is on PATH.',
                `Install ${program}, or remove "${name}" from credsStore/credHelpers in config.json.`,
              )
            : helperError(name, action, `could not be started (${error.message}).`),
        ),
      ),
    );
    // A helper that exits without reading stdin makes the write fail with EPIPE: its exit says why.
    child.stdin.on('error', () => {});
    child.on('close', (code, signal) =>
      settle(() => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr })),
    );
    child.stdin.end(input);
  });
}

function failure(
  name: string,
  action: Action,
  result: { code: number; stdout: string; stderr: string },
) {
  const words = (result.stdout.trim() || result.stderr.trim() || `exit code ${result.code}`).slice(
    0,
    500,
  );
  return helperError(name, action, `failed: ${words}`);
}

/** The credentials kept for `serverUrl`, or undefined when the helper has none. */
export async function helperGet(
  name: string,
  serverUrl: string,
  opts?: HelperOptions,
): Promise<HelperCredentials | undefined> {
  const result = await runHelper(name, 'get', serverUrl, opts);
  if (result.code !== 0) {
    if (result.stdout.includes(NOT_FOUND) || result.stderr.includes(NOT_FOUND)) return undefined;
    throw failure(name, 'get', result);
  }
  let parsed: { Username?: unknown; Secret?: unknown };
  try {
    parsed = JSON.parse(result.stdout) as typeof parsed;
  } catch {
    throw helperError(
      name,
      'get',
      `answered something that is not JSON: ${result.stdout.slice(0, 200)}`,
    );
  }
  const username = typeof parsed.Username === 'string' ? parsed.Username : '';
  const secret = typeof parsed.Secret === 'string' ? parsed.Secret : '';
  if (!username && !secret) return undefined;
  return { username, secret };
}

export async function helperStore(
  name: string,
  serverUrl: string,
  credentials: HelperCredentials,
  opts?: HelperOptions,
): Promise<void> {
  const input = JSON.stringify({
    ServerURL: serverUrl,
    Username: credentials.username,
    Secret: credentials.secret,
  });
  const result = await runHelper(name, 'store', input, opts);
  if (result.code !== 0) throw failure(name, 'store', result);
}

/** Erases `serverUrl`'s credentials; a helper that had none is fine (logout is idempotent). */
export async function helperErase(
  name: string,
  serverUrl: string,
  opts?: HelperOptions,
): Promise<void> {
  const result = await runHelper(name, 'erase', serverUrl, opts);
  if (result.code !== 0 && !`${result.stdout}${result.stderr}`.includes(NOT_FOUND)) {
    throw failure(name, 'erase', result);
  }
}

/** Server URL -> username, for every credential the helper keeps. */
export async function helperList(
  name: string,
  opts?: HelperOptions,
): Promise<Record<string, string>> {
  const result = await runHelper(name, 'list', '', opts);
  if (result.code !== 0) throw failure(name, 'list', result);
  try {
    const parsed = JSON.parse(result.stdout || '{}') as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    throw helperError(
      name,
      'list',
      `answered something that is not JSON: ${result.stdout.slice(0, 200)}`,
    );
  }
}
