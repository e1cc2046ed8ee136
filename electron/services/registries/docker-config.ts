// The docker CLI's config.json, read and written as the CLI does: Berth
// changes `auths` only and keeps every other key (contexts, proxies, plugins,
// keys it does not know) exactly as they were. Writes go to a temporary file
// in the same folder, then rename over the old one, so a crash never leaves
// half a file, and the file keeps its mode (the CLI makes it 0600: it holds
// passwords when no helper is configured).
import {
  chmod,
  mkdir,
  readFile,
  realpath,
  rename,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { ContractError } from '../../contract/errors.ts';

/** One entry of `auths`: base64 `user:password` in `auth`, or an identity token. */
export interface AuthsEntry {
  auth?: string;
  identitytoken?: string;
  username?: string;
  password?: string;
  [key: string]: unknown;
}

/** The parts of config.json Berth reads; every other key is kept as read. */
export interface DockerConfig {
  auths?: Record<string, AuthsEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [key: string]: unknown;
}

export function configPath(dir: string): string {
  return path.join(dir, 'config.json');
}

/** The config, `{}` when there is none; a file that is not JSON is an error (guessing would lose keys). */
export async function readDockerConfig(dir: string): Promise<DockerConfig> {
  let text: string;
  try {
    text = await readFile(configPath(dir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ContractError({
      kind: 'internal',
      message: `${configPath(dir)} is not valid JSON (${(error as Error).message}).`,
      hint: 'Fix or remove the file; the docker CLI refuses it too.',
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ContractError({
      kind: 'internal',
      message: `${configPath(dir)} does not hold a JSON object.`,
    });
  }
  return parsed as DockerConfig;
}

/** Writes `config` atomically, keeping the old file's mode (0600 for a new one, as the CLI does). */
export async function writeDockerConfig(dir: string, config: DockerConfig): Promise<void> {
  let file = configPath(dir);
  let mode = 0o600;
  try {
    mode = (await stat(file)).mode & 0o7777;
    // A config.json linked from a dotfiles folder stays a link: replace what it points to (as the CLI does).
    file = await realpath(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(dir, { recursive: true, mode: 0o700 });
  }
  const temp = path.join(path.dirname(file), `.config.json.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temp, `${JSON.stringify(config, null, '\t')}\n`, { mode });
    // writeFile's mode is masked by the umask: set it exactly.
    await chmod(temp, mode);
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}

/** The last update queued per folder: two logins at once must not each write over the other's. */
const updates = new Map<string, Promise<void>>();

/** Reads, changes and writes the config in one step, one update per folder at a time in this process. */
export function updateDockerConfig(
  dir: string,
  change: (config: DockerConfig) => void,
): Promise<void> {
  const update = async () => {
    const config = await readDockerConfig(dir);
    change(config);
    await writeDockerConfig(dir, config);
  };
  const next = (updates.get(dir) ?? Promise.resolve()).then(update, update);
  const settled = next.catch(() => {});
  updates.set(dir, settled);
  void settled.then(() => {
    if (updates.get(dir) === settled) updates.delete(dir);
  });
  return next;
}

/** `host[:port]` of a config key, as the CLI compares them (`https://host/v1/` is `host`). */
export function hostOfKey(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').split('/')[0]!;
}

/** The `auths` key that stands for `key` (exact first, then by host, as the CLI looks it up). */
export function authsKeyFor(config: DockerConfig, key: string): string | undefined {
  const auths = config.auths ?? {};
  if (Object.hasOwn(auths, key)) return key;
  const host = hostOfKey(key);
  return Object.keys(auths).find((k) => hostOfKey(k) === host);
}

/** The CLI's ContainsAuth: config.json names a helper or holds a login, so the CLI picks no default store. */
export function containsAuth(config: DockerConfig): boolean {
  return (
    Boolean(config.credsStore) ||
    Object.keys(config.credHelpers ?? {}).length > 0 ||
    Object.keys(config.auths ?? {}).length > 0
  );
}

/**
 * The helper the CLI picks by itself for a config.json without any login
 * setting (its DetectDefaultStore), when that program is installed:
 * osxkeychain on macOS, wincred on Windows. On Linux the CLI picks pass or
 * secretservice, which are often installed but not set up (its login then
 * fails); Berth keeps to config.json there, with the CLI's warning.
 */
export function platformDefaultStore(
  platform: NodeJS.Platform,
  installed: (program: string) => boolean,
): string | undefined {
  const name = platform === 'darwin' ? 'osxkeychain' : platform === 'win32' ? 'wincred' : undefined;
  return name && installed(`docker-credential-${name}`) ? name : undefined;
}

/**
 * The helper program's name for a registry key: its `credHelpers` entry, else
 * `credsStore`, else (for a config without logins) the platform's default store.
 */
export function helperFor(
  config: DockerConfig,
  key: string,
  defaultStore?: string,
): string | undefined {
  const helpers = config.credHelpers ?? {};
  if (Object.hasOwn(helpers, key) && helpers[key]) return helpers[key];
  const byHost = Object.keys(helpers).find((k) => hostOfKey(k) === hostOfKey(key));
  if (byHost && helpers[byHost]) return helpers[byHost];
  if (config.credsStore) return config.credsStore;
  return containsAuth(config) ? undefined : defaultStore;
}

/** An `auths` entry's username and password (or identity token); undefined when it holds none. */
export function decodeAuthsEntry(
  entry: AuthsEntry | undefined,
): { username: string; password?: string; identitytoken?: string } | undefined {
  if (!entry) return undefined;
  let username = typeof entry.username === 'string' ? entry.username : '';
  let password = typeof entry.password === 'string' ? entry.password : '';
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new ContractError({
        kind: 'internal',
        message: 'An "auth" entry in config.json is not base64 of user:password.',
      });
    }
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  const token = typeof entry.identitytoken === 'string' ? entry.identitytoken : '';
  if (!username && !password && !token) return undefined;
  return {
    username,
    ...(token ? { identitytoken: token } : { password }),
  };
}

/** The entry the CLI writes for a login without a helper. */
export function encodeAuthsEntry(
  username: string,
  secret: { password: string } | { identitytoken: string },
): AuthsEntry {
  if ('identitytoken' in secret) {
    return {
      auth: Buffer.from(`${username}:`).toString('base64'),
      identitytoken: secret.identitytoken,
    };
  }
  return { auth: Buffer.from(`${username}:${secret.password}`).toString('base64') };
}
