// known_hosts as OpenSSH reads it (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"):
// `[marker] hostpatterns keytype base64key [comment]`, the patterns a comma
// list with `*`/`?` wildcards and `!` negation, or one hashed name
// `|1|base64(salt)|base64(HMAC-SHA1(salt, name))` as `ssh-keygen -H` and
// `HashKnownHosts yes` write. A host on another port than 22 is named
// `[host]:port`. `@revoked` refuses a key; `@cert-authority` lines vouch for
// host certificates, which Berth does not check, so they never make a plain
// key known (OpenSSH does the same for plain keys).
import { createHash, createHmac, randomBytes } from 'node:crypto';

export interface KnownHostEntry {
  file: string;
  /** 1-based, as editors and `ssh-keygen -R` messages count. */
  line: number;
  marker?: 'revoked' | 'cert-authority';
  /** The host field as written. */
  hosts: string;
  keyType: string;
  key: Buffer;
}

export type HostKeyVerdict =
  | { status: 'known'; entry: KnownHostEntry }
  | { status: 'revoked'; entry: KnownHostEntry }
  /** Known with a different key of the same type: the file and line hold the old one. */
  | { status: 'changed'; entry: KnownHostEntry }
  /** Not known; `otherTypes` are key types the host is known with. */
  | { status: 'unknown'; otherTypes: string[] };

/** How known_hosts names a host reached on `port`. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '' || fields[0]!.startsWith('#')) return;
    let marker: KnownHostEntry['marker'];
    if (fields[0]!.startsWith('@')) {
      const word = fields.shift()!;
      if (word === '@revoked') marker = 'revoked';
      else if (word === '@cert-authority') marker = 'cert-authority';
      else return; // an unknown marker: OpenSSH skips the line too
    }
    const [hosts, keyType, base64] = fields;
    if (!hosts || !keyType || !base64) return;
    const key = Buffer.from(base64, 'base64');
    if (key.length === 0 || blobType(key) !== keyType.replace(/-cert-v01@openssh\.com$/, ''))
      return; // a mangled line matches nothing, as in OpenSSH
    entries.push({ file, line: index + 1, ...(marker ? { marker } : {}), hosts, keyType, key });
  });
  return entries;
}

/** Whether an entry's host field names `name` (already `[host]:port` where needed). */
export function hostFieldMatches(field: string, name: string): boolean {
  const lower = name.toLowerCase();
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    return hashHostName(lower, Buffer.from(salt, 'base64')) === field;
  }
  let matched = false;
  for (const pattern of field.toLowerCase().split(',')) {
    const negated = pattern.startsWith('!');
    if (!globMatches(negated ? pattern.slice(1) : pattern, lower)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/** What the entries say of `key` offered by the host known as `name`. */
export function verdictFor(entries: KnownHostEntry[], name: string, key: Buffer): HostKeyVerdict {
  const type = blobType(key);
  const forHost = entries.filter((e) => hostFieldMatches(e.hosts, name));
  const revoked = forHost.find((e) => e.marker === 'revoked' && e.key.equals(key));
  if (revoked) return { status: 'revoked', entry: revoked };
  const plain = forHost.filter((e) => e.marker === undefined);
  const same = plain.find((e) => e.key.equals(key));
  if (same) return { status: 'known', entry: same };
  const changed = plain.find((e) => blobType(e.key) === type);
  if (changed) return { status: 'changed', entry: changed };
  return { status: 'unknown', otherTypes: [...new Set(plain.map((e) => e.keyType))] };
}

/** A line for known_hosts naming `name`, hashed as `ssh-keygen -H` would write it, or plain. */
export function knownHostsLine(name: string, key: Buffer, opts: { hashed: boolean }): string {
  const field = opts.hashed ? hashHostName(name.toLowerCase(), randomBytes(20)) : name;
  return `${field} ${blobType(key)} ${key.toString('base64')}`;
}

function hashHostName(name: string, salt: Buffer): string {
  const hash = createHmac('sha1', salt).update(name).digest('base64');
  return `|1|${salt.toString('base64')}|${hash}`;
}

/** OpenSSH's match_pattern: `*` any run, `?` one character, nothing else special. */
function globMatches(pattern: string, text: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(text);
}

/** The key type a public key blob names (its first SSH string). */
export function blobType(blob: Buffer): string {
  return readStrings(blob, 1)[0]?.toString('latin1') ?? '';
}

/** `SHA256:…` as `ssh-keygen -lf` prints it: unpadded base64 of the blob's SHA-256. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Bits and label as `ssh-keygen -lf` prints them: `256 SHA256:… comment (ED25519)`. */
export function keySize(blob: Buffer): { bits: number; label: string } {
  const type = blobType(blob);
  if (type === 'ssh-ed25519') return { bits: 256, label: 'ED25519' };
  if (type === 'sk-ssh-ed25519@openssh.com') return { bits: 256, label: 'ED25519-SK' };
  const curve = /^(sk-)?ecdsa-sha2-nistp(\d+)/.exec(type);
  if (curve) return { bits: Number(curve[2]), label: curve[1] ? 'ECDSA-SK' : 'ECDSA' };
  if (type === 'ssh-rsa' || type === 'ssh-dss') {
    // RSA: string type, mpint e, mpint n; DSA: string type, mpint p, ...
    const parts = readStrings(blob, 3);
    const modulus = type === 'ssh-rsa' ? parts[2] : parts[1];
    return { bits: modulus ? mpintBits(modulus) : 0, label: type === 'ssh-rsa' ? 'RSA' : 'DSA' };
  }
  return { bits: 0, label: type };
}

function mpintBits(value: Buffer): number {
  let i = 0;
  while (i < value.length && value[i] === 0) i++;
  if (i === value.length) return 0;
  return (value.length - i - 1) * 8 + (32 - Math.clz32(value[i]!));
}

/** The first `count` length-prefixed strings of an SSH wire blob. */
function readStrings(blob: Buffer, count: number): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (out.length < count && at + 4 <= blob.length) {
    const length = blob.readUInt32BE(at);
    if (at + 4 + length > blob.length) break;
    out.push(blob.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return out;
}
