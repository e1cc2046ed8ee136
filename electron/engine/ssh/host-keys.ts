// Checking the key an SSH host offers against the user's known_hosts, and
// adding one the user chose to trust. A key is offered for trust only after a
// connection saw it: the UI names the host and fingerprint, never the key
// itself, so nothing but a key this machine was really offered can be added.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ContractError, type SshHostKey } from '../../contract/errors.ts';
import {
  blobType,
  fingerprint,
  keySize,
  knownHostsLine,
  knownHostsName,
  parseKnownHosts,
  verdictFor,
  type KnownHostEntry,
} from './known-hosts.ts';
import { hostChanged, hostRevoked, hostUnknown } from './ssh-errors.ts';
import type { SshTarget } from './ssh-target.ts';

/** Keys refused as unknown, by `host port fingerprint`: what trustOfferedKey may add. */
const offered = new Map<string, { target: SshTarget; blob: Buffer }>();
const MAX_OFFERED = 64;

export async function readKnownHosts(files: string[]): Promise<KnownHostEntry[]> {
  const texts = await Promise.all(
    files.map((file) =>
      readFile(file, 'utf8').then(
        (text) => parseKnownHosts(text, file),
        () => [],
      ),
    ),
  );
  return texts.flat();
}

export function describeKey(target: SshTarget, blob: Buffer): SshHostKey {
  const { bits, label } = keySize(blob);
  return {
    host: target.host,
    port: target.port,
    keyType: blobType(blob),
    bits,
    label,
    fingerprint: fingerprint(blob),
  };
}

/** Null when the key is known for the host; else the refusal to report. */
export async function checkHostKey(target: SshTarget, blob: Buffer): Promise<ContractError | null> {
  const entries = await readKnownHosts(target.knownHostsFiles);
  const verdict = verdictFor(entries, knownHostsName(target.host, target.port), blob);
  const key = describeKey(target, blob);
  switch (verdict.status) {
    case 'known':
      return null;
    case 'revoked':
      return hostRevoked(target, key, verdict.entry);
    case 'changed':
      return hostChanged(target, key, verdict.entry);
    case 'unknown':
      if (offered.size >= MAX_OFFERED) offered.delete(offered.keys().next().value!);
      offered.set(offeredKey(key), { target, blob });
      return hostUnknown(target, key, verdict.otherTypes);
  }
}

/** The key types known_hosts lists for the target, so they are asked for first (as OpenSSH does). */
export async function knownKeyTypes(target: SshTarget): Promise<string[]> {
  const name = knownHostsName(target.host, target.port);
  const entries = await readKnownHosts(target.knownHostsFiles);
  return [
    ...new Set(
      entries
        .filter((e) => e.marker === undefined && verdictFor([e], name, e.key).status === 'known')
        .map((e) => e.keyType),
    ),
  ];
}

/**
 * Appends a key a connection was offered (and refused as unknown) to the
 * user's known_hosts, hashed when that file already hashes its names or
 * `HashKnownHosts yes` says so. Refuses a key never offered, or one that is
 * no longer unknown (the file changed meanwhile).
 */
export async function trustOfferedKey(
  key: Pick<SshHostKey, 'host' | 'port' | 'fingerprint'>,
): Promise<{ file: string }> {
  const seen = offered.get(offeredKey(key));
  if (!seen) {
    throw new ContractError({
      kind: 'not-found',
      message: `Berth was not offered the key ${key.fingerprint} by ${key.host}, so it cannot trust it.`,
      hint: 'Connect again, then trust the key the host offers.',
    });
  }
  const refusal = await checkHostKey(seen.target, seen.blob);
  if (refusal && refusal.envelope.kind !== 'ssh-host-unknown') throw refusal;
  offered.delete(offeredKey(key));
  if (!refusal) return { file: seen.target.knownHostsFiles[0]! };
  const file = seen.target.knownHostsFiles[0]!;
  const existing = await readFile(file, 'utf8').catch(() => '');
  const hashed = seen.target.hashKnownHosts || /^\s*(@\S+\s+)?\|1\|/m.test(existing);
  const line = knownHostsLine(knownHostsName(seen.target.host, seen.target.port), seen.blob, {
    hashed,
  });
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  await appendFile(file, `${separator}${line}\n`, { mode: 0o600 });
  return { file };
}

function offeredKey(key: Pick<SshHostKey, 'host' | 'port' | 'fingerprint'>): string {
  return `${key.host.toLowerCase()} ${key.port} ${key.fingerprint}`;
}
