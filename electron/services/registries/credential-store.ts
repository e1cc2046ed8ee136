// Credentials kept as the docker CLI keeps them, so a `docker login` and a
// login in Berth are the same thing: a registry's `credHelpers` entry, else the
// `credsStore` helper, holds them when config.json names one (then config.json
// keeps only an empty `auths` entry, as the CLI writes, and never the secret);
// otherwise base64 in `auths`.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import {
  credentialKey,
  HUB_CREDENTIAL_KEY,
  DOCKER_HUB,
  registryOf,
} from '../../contract/image-reference.ts';
import {
  authsKeyFor,
  configPath,
  decodeAuthsEntry,
  encodeAuthsEntry,
  helperFor,
  hostOfKey,
  platformDefaultStore,
  readDockerConfig,
  updateDockerConfig,
} from './docker-config.ts';
import {
  helperErase,
  helperGet,
  helperStore,
  TOKEN_USERNAME,
  type HelperOptions,
} from './credential-helper.ts';
import type { AllAuths, AuthFor, RegistryAuth } from './registry-auth.ts';

/** Whether `program` is an executable on PATH (with Windows' extensions there). */
function onPath(program: string): boolean {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const ext of exts) {
      try {
        accessSync(path.join(dir, program + ext), constants.X_OK);
        return true;
      } catch {
        // not in this folder
      }
    }
  }
  return false;
}

export interface KeptCredentials {
  /** Empty when a helper keeps only an identity token. */
  username: string;
  password?: string;
  identitytoken?: string;
  /** The helper program's name when one keeps them; absent for config.json's `auths`. */
  helper?: string;
}

/** A registry as the UI names it: `docker.io` for Hub's key, else the key's host. */
export function registryOfKey(key: string): string {
  const host = hostOfKey(key);
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? DOCKER_HUB : host;
}

export class CredentialStore {
  /** The CLI's config folder: $DOCKER_CONFIG or ~/.docker. */
  readonly dir: string;
  private readonly helperOptions: HelperOptions;
  /** The store the CLI would pick for a config without logins (platformDefaultStore). */
  private readonly defaultStore: string | undefined;

  constructor(
    dir: string,
    helperOptions: HelperOptions = {},
    defaultStore = platformDefaultStore(process.platform, onPath),
  ) {
    this.dir = dir;
    this.helperOptions = helperOptions;
    this.defaultStore = defaultStore;
  }

  get configFile(): string {
    return configPath(this.dir);
  }

  /** The credentials kept for `registry` (`docker.io`, `localhost:5000`), if any. */
  async get(registry: string): Promise<KeptCredentials | undefined> {
    const key = credentialKey(registry);
    const config = await readDockerConfig(this.dir);
    const helper = helperFor(config, key, this.defaultStore);
    if (helper) {
      const kept = await helperGet(helper, key, this.helperOptions);
      if (!kept) return undefined;
      return kept.username === TOKEN_USERNAME
        ? { username: '', identitytoken: kept.secret, helper }
        : { username: kept.username, password: kept.secret, helper };
    }
    const authsKey = authsKeyFor(config, key);
    return authsKey ? decodeAuthsEntry(config.auths?.[authsKey]) : undefined;
  }

  /** Where a login to `registry` would be kept: a helper's name, or undefined for config.json. */
  async helperFor(registry: string): Promise<string | undefined> {
    return helperFor(await readDockerConfig(this.dir), credentialKey(registry), this.defaultStore);
  }

  /** Keeps a login; says whether a helper took it (else it sits unencrypted in config.json). */
  async store(
    registry: string,
    username: string,
    secret: { password: string } | { identitytoken: string },
  ): Promise<{ helper?: string }> {
    const key = credentialKey(registry);
    const helper = await this.helperFor(registry);
    if (helper) {
      await helperStore(
        helper,
        key,
        'identitytoken' in secret
          ? { username: TOKEN_USERNAME, secret: secret.identitytoken }
          : { username, secret: secret.password },
        this.helperOptions,
      );
    }
    await updateDockerConfig(this.dir, (config) => {
      const auths = { ...(config.auths ?? {}) };
      const old = authsKeyFor(config, key);
      if (old !== undefined) delete auths[old];
      // With a helper the CLI keeps an empty entry (so the registry is listed), never the secret.
      auths[key] = helper ? {} : encodeAuthsEntry(username, secret);
      config.auths = auths;
    });
    return helper ? { helper } : {};
  }

  /** Forgets a login, in the helper and in `auths`; nothing kept is not an error (as `docker logout`). */
  async erase(registry: string): Promise<void> {
    const key = credentialKey(registry);
    const config = await readDockerConfig(this.dir);
    const helper = helperFor(config, key, this.defaultStore);
    // Some helpers (pass) fail to erase what they do not hold: ask first, as `docker logout` does.
    if (helper && (await helperGet(helper, key, this.helperOptions))) {
      await helperErase(helper, key, this.helperOptions);
    }
    const host = hostOfKey(key);
    const stale = Object.keys(config.auths ?? {}).filter((k) => k === key || hostOfKey(k) === host);
    if (stale.length === 0) return;
    await updateDockerConfig(this.dir, (fresh) => {
      const auths = { ...(fresh.auths ?? {}) };
      for (const k of stale) delete auths[k];
      fresh.auths = auths;
    });
  }

  /** Registries config.json names (`auths` and `credHelpers` keys), as the UI names them. */
  async known(): Promise<string[]> {
    const config = await readDockerConfig(this.dir);
    const keys = [...Object.keys(config.auths ?? {}), ...Object.keys(config.credHelpers ?? {})];
    return [...new Set(keys.map(registryOfKey))];
  }
}

/**
 * Every login kept in the CLI's config in `dir`, for a build's FROM lines. A
 * registry whose helper fails is left out, as `docker build` leaves it out:
 * the build then fails, or not, on the engine's own words.
 */
export function configAllAuths(dir: string, helperOptions: HelperOptions = {}): AllAuths {
  const authFor = configAuth(dir, helperOptions);
  const store = new CredentialStore(dir, helperOptions);
  return async () => {
    const all: Record<string, RegistryAuth> = {};
    for (const registry of await store.known()) {
      // Any reference in the registry will do: credentials are per registry.
      const auth = await authFor(`${registry}/x`).catch(() => undefined);
      if (auth) all[auth.serveraddress] = auth;
    }
    return all;
  };
}

/**
 * The credentials to send with a pull, push or build for `ref`'s registry, from
 * the CLI's config in `dir`; undefined when none are kept. A helper that is
 * missing or fails rejects with its words rather than going on anonymously.
 */
export function configAuth(dir: string, helperOptions: HelperOptions = {}): AuthFor {
  const store = new CredentialStore(dir, helperOptions);
  return async (ref) => {
    const registry = registryOf(ref);
    if (!registry) return undefined;
    const kept = await store.get(registry);
    if (!kept) return undefined;
    const auth: RegistryAuth = {
      serveraddress: registry === DOCKER_HUB ? HUB_CREDENTIAL_KEY : registry,
      ...(kept.username ? { username: kept.username } : {}),
      ...(kept.identitytoken !== undefined
        ? { identitytoken: kept.identitytoken }
        : { password: kept.password ?? '' }),
    };
    return auth;
  };
}
