// Docker contexts, read and written the way the Docker CLI does, so the
// user's `docker` and Berth agree on what a context means:
// - the config folder is $DOCKER_CONFIG, else ~/.docker;
// - the current context is $DOCKER_CONTEXT, else config.json's currentContext;
//   "default" means no context (DOCKER_HOST or the platform's default socket);
// - a context lives in contexts/meta/<sha256(name) hex>/meta.json, and its TLS
//   certificates, if any, in contexts/tls/<same hash>/docker/.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface DockerContext {
  name: string;
  description?: string;
  /** The docker endpoint's Host; null for a context without one (a Kubernetes-only context). */
  host: string | null;
  skipTLSVerify: boolean;
  /** TLS certificates are stored with the context, so its endpoint expects TLS. */
  tls: boolean;
  metaPath: string;
}

interface ContextEnvironment {
  env: Record<string, string | undefined>;
  homeDir: string;
}

interface CurrentContext {
  name: string;
  from: 'DOCKER_CONTEXT' | 'config.json';
}

interface ContextListing {
  contexts: DockerContext[];
  /** meta.json files that could not be read, so one broken context doesn't hide the rest. */
  unreadable: { path: string; message: string }[];
}

/** The CLI's rule for context names (cli/context/store); "default" is reserved for "no context". */
const CONTEXT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/;
const DEFAULT_CONTEXT = 'default';

export function dockerConfigDir({ env, homeDir }: ContextEnvironment): string {
  return env.DOCKER_CONFIG || path.join(homeDir, '.docker');
}

/** Contexts are stored under the hex SHA-256 of their name, so any name is a safe folder name. */
function contextStorageKey(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

export function contextMetaDir(configDir: string, name: string): string {
  return path.join(configDir, 'contexts', 'meta', contextStorageKey(name));
}

function contextTlsDir(configDir: string, name: string): string {
  return path.join(configDir, 'contexts', 'tls', contextStorageKey(name));
}

/** The folder of a context's docker TLS files (ca.pem, cert.pem, key.pem): a DOCKER_CERT_PATH. */
export function contextCertPath(configDir: string, name: string): string {
  return path.join(contextTlsDir(configDir, name), 'docker');
}

/**
 * The context the CLI would use, or null for "default". Throws when
 * config.json exists but is not valid JSON, as the CLI does: guessing would
 * point Berth at a different engine than the user's `docker`.
 */
export async function currentContext(
  configDir: string,
  env: Record<string, string | undefined>,
): Promise<CurrentContext | null> {
  const fromEnv = env.DOCKER_CONTEXT;
  if (fromEnv)
    return fromEnv === DEFAULT_CONTEXT ? null : { name: fromEnv, from: 'DOCKER_CONTEXT' };
  const config = await readJsonIfPresent(path.join(configDir, 'config.json'));
  const name = (config as { currentContext?: unknown } | null)?.currentContext;
  if (typeof name !== 'string' || name === '' || name === DEFAULT_CONTEXT) return null;
  return { name, from: 'config.json' };
}

/** The named context, or null when no such context is stored. */
export async function readDockerContext(
  configDir: string,
  name: string,
): Promise<DockerContext | null> {
  const metaPath = path.join(contextMetaDir(configDir, name), 'meta.json');
  const raw = await readJsonIfPresent(metaPath);
  if (raw === null) return null;
  return toContext(raw, metaPath, await hasTlsMaterial(configDir, name));
}

/** Every stored context, sorted by name; "default" is not stored and so not listed. */
export async function listDockerContexts(configDir: string): Promise<ContextListing> {
  const metaRoot = path.join(configDir, 'contexts', 'meta');
  let folders: string[];
  try {
    folders = await readdir(metaRoot);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return { contexts: [], unreadable: [] };
    throw error;
  }
  const listing: ContextListing = { contexts: [], unreadable: [] };
  for (const folder of folders) {
    const metaPath = path.join(metaRoot, folder, 'meta.json');
    try {
      const raw = await readJsonIfPresent(metaPath);
      if (raw === null) continue; // a folder without meta.json is not a context for the CLI either
      const name = (raw as { Name?: unknown }).Name;
      const tls = typeof name === 'string' && (await hasTlsMaterial(configDir, name));
      listing.contexts.push(toContext(raw, metaPath, tls));
    } catch (error) {
      listing.unreadable.push({ path: metaPath, message: (error as Error).message });
    }
  }
  listing.contexts.sort((a, b) => a.name.localeCompare(b.name));
  return listing;
}

/**
 * Creates or updates a context that points at `host`, in the CLI's own
 * format, so `docker --context NAME ...` works and `docker context ls` lists
 * it. It never touches config.json: making it current would silently move the
 * user's `docker` to Berth's engine. Fields another tool added to an existing
 * context of that name (other metadata, other endpoints) are kept.
 */
export async function writeDockerContext(opts: {
  configDir: string;
  name: string;
  host: string;
  description: string;
  /**
   * PEM client certificates for a TLS endpoint, stored where the CLI reads
   * them (contexts/tls/<key>/docker/{ca,cert,key}.pem): it then verifies the
   * engine against `ca` and shows it `cert`. Without it, TLS material stored
   * with the context before is left as it is.
   */
  tls?: { ca: string; cert: string; key: string };
}): Promise<DockerContext> {
  assertWritableName(opts.name);
  if (opts.host === '') throw new Error(`Docker context "${opts.name}" needs a host`);
  if (opts.tls) {
    for (const [file, pem] of Object.entries(opts.tls)) {
      if (!pem.includes('-----BEGIN ')) {
        throw new Error(`Docker context "${opts.name}": the TLS ${file} is not in PEM form`);
      }
    }
    // Before the meta file, so a CLI that sees the new context sees its certificates too.
    await writeTlsMaterial(contextTlsDir(opts.configDir, opts.name), opts.tls);
  }
  const dir = contextMetaDir(opts.configDir, opts.name);
  const metaPath = path.join(dir, 'meta.json');
  const existing = (await readJsonIfPresent(metaPath)) as Record<string, unknown> | null;
  const meta = {
    ...existing,
    Name: opts.name,
    Metadata: { ...asRecord(existing?.Metadata), Description: opts.description },
    Endpoints: {
      ...asRecord(existing?.Endpoints),
      docker: { Host: opts.host, SkipTLSVerify: false },
    },
  };
  // The CLI creates these folders 0755 and meta.json 0644; match it.
  await mkdir(dir, { recursive: true, mode: 0o755 });
  await writeAtomically(metaPath, JSON.stringify(meta), 0o644);
  return toContext(meta, metaPath, await hasTlsMaterial(opts.configDir, opts.name));
}

/** The CLI's store keeps TLS material in folders 0700 and files 0600 (the key is a secret). */
async function writeTlsMaterial(
  tlsDir: string,
  tls: { ca: string; cert: string; key: string },
): Promise<void> {
  const dir = path.join(tlsDir, 'docker');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const [file, pem] of Object.entries(tls)) {
    await writeAtomically(path.join(dir, `${file}.pem`), pem, 0o600);
  }
}

/** Write then rename, so a `docker` run at the same moment never reads half a file. */
async function writeAtomically(file: string, content: string, mode: number): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, content, { mode });
  await rename(temp, file);
}

/**
 * Removes a context and its TLS material. Returns false when there was none.
 * Refuses to remove the current context: the user's `docker` would then fail
 * on every command until they run `docker context use default`.
 */
export async function removeDockerContext(opts: {
  configDir: string;
  name: string;
}): Promise<boolean> {
  assertWritableName(opts.name);
  const current = await currentContext(opts.configDir, {});
  if (current?.name === opts.name) {
    throw new Error(
      `Docker context "${opts.name}" is the current context in ${path.join(opts.configDir, 'config.json')}; ` +
        'run `docker context use default` first.',
    );
  }
  const dir = contextMetaDir(opts.configDir, opts.name);
  const existed = (await readJsonIfPresent(path.join(dir, 'meta.json'))) !== null;
  await rm(dir, { recursive: true, force: true });
  await rm(contextTlsDir(opts.configDir, opts.name), { recursive: true, force: true });
  return existed;
}

function assertWritableName(name: string): void {
  if (name === DEFAULT_CONTEXT || !CONTEXT_NAME.test(name)) {
    throw new Error(
      `"${name}" is not a usable Docker context name: use letters, digits, "_", ".", "+" or "-" ` +
        '(two characters at least, starting with a letter or digit), and not "default".',
    );
  }
}

function toContext(raw: unknown, metaPath: string, tls: boolean): DockerContext {
  const meta = asRecord(raw);
  if (typeof meta.Name !== 'string' || meta.Name === '') {
    throw new Error(`${metaPath} names no context (no "Name" field)`);
  }
  const description = asRecord(meta.Metadata).Description;
  const docker = asRecord(asRecord(meta.Endpoints).docker);
  return {
    name: meta.Name,
    ...(typeof description === 'string' && description !== '' ? { description } : {}),
    host: typeof docker.Host === 'string' && docker.Host !== '' ? docker.Host : null,
    skipTLSVerify: docker.SkipTLSVerify === true,
    tls,
    metaPath,
  };
}

/** TLS certificates for the docker endpoint sit in contexts/tls/<key>/docker/. */
async function hasTlsMaterial(configDir: string, name: string): Promise<boolean> {
  try {
    const files = await readdir(path.join(contextTlsDir(configDir, name), 'docker'));
    return files.length > 0;
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return false;
    throw error;
  }
}

/** Parsed JSON, or null when the file does not exist; bad JSON throws with the file's path. */
async function readJsonIfPresent(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return null;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function isCode(error: unknown, code: string): boolean {
  return (error as { code?: unknown } | null)?.code === code;
}
