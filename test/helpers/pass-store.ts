// A throwaway password store for Debian's docker-credential-pass: its own
// GNUPGHOME with a key made without a passphrase, and its own
// PASSWORD_STORE_DIR, so tests never touch the user's keys or store.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PassStore {
  /** GNUPGHOME and PASSWORD_STORE_DIR, for the helper's environment. */
  env: { GNUPGHOME: string; PASSWORD_STORE_DIR: string };
  /** What `pass ls` shows: the store's entries. */
  list(): Promise<string>;
  /** Stops the store's gpg-agent and deletes it all. */
  cleanup(): Promise<void>;
}

export async function makePassStore(): Promise<PassStore> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-pass-'));
  const env = { GNUPGHOME: join(dir, 'gnupg'), PASSWORD_STORE_DIR: join(dir, 'store') };
  const opts = { env: { ...process.env, ...env }, timeout: 30_000 };
  await mkdir(env.GNUPGHOME, { mode: 0o700 });
  await run(
    'gpg',
    [
      '--batch',
      '--passphrase',
      '',
      '--quick-gen-key',
      'berth-test@example.invalid',
      'default',
      'default',
      'never',
    ],
    opts,
  );
  const { stdout } = await run('gpg', ['--list-secret-keys', '--with-colons'], opts);
  const fingerprint = /^fpr:+([0-9A-F]+):/m.exec(stdout)?.[1];
  if (!fingerprint) throw new Error(`gpg made no key: ${stdout}`);
  await run('pass', ['init', fingerprint], opts);
  return {
    env,
    list: async () => (await run('pass', ['ls'], opts)).stdout,
    cleanup: async () => {
      await run('gpgconf', ['--kill', 'gpg-agent'], opts).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
