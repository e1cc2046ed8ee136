// known_hosts against OpenSSH's own tools: files hashed by `ssh-keygen -H`,
// lines found by `ssh-keygen -F`, fingerprints printed by `ssh-keygen -lf`.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fingerprint,
  keySize,
  knownHostsLine,
  parseKnownHosts,
  verdictFor,
  type KnownHostEntry,
} from './known-hosts.ts';

const run = promisify(execFile);
let dir: string;
const keys: Record<string, { pub: string; blob: Buffer; file: string }> = {};

async function keygen(name: string, ...args: string[]) {
  const file = join(dir, name);
  await run('ssh-keygen', ['-q', '-N', '', '-C', `${name}-comment`, '-f', file, ...args]);
  const pub = (await readFile(`${file}.pub`, 'utf8')).trim();
  keys[name] = { pub, blob: Buffer.from(pub.split(' ')[1]!, 'base64'), file: `${file}.pub` };
}

/** `type base64` of a key, as a known_hosts line needs it. */
const keyPart = (name: string) => keys[name]!.pub.split(' ').slice(0, 2).join(' ');

async function hashedCopy(text: string, name: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  await run('ssh-keygen', ['-H', '-f', file]);
  return file;
}

const entriesOf = async (file: string): Promise<KnownHostEntry[]> =>
  parseKnownHosts(await readFile(file, 'utf8'), file);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-known-hosts-'));
  await Promise.all([
    keygen('ed', '-t', 'ed25519'),
    keygen('ed2', '-t', 'ed25519'),
    keygen('ecdsa', '-t', 'ecdsa', '-b', '384'),
    keygen('rsa', '-t', 'rsa', '-b', '2048'),
  ]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fingerprints', () => {
  it.each(['ed', 'ecdsa', 'rsa'])('describes a %s key as ssh-keygen -lf does', async (name) => {
    const { stdout } = await run('ssh-keygen', ['-lf', keys[name]!.file]);
    const { bits, label } = keySize(keys[name]!.blob);
    expect(stdout.trim()).toBe(
      `${bits} ${fingerprint(keys[name]!.blob)} ${name}-comment (${label})`,
    );
  });
});

describe('matching hosts', () => {
  const plain = () =>
    [
      '# a comment, then a blank line',
      '',
      `host.example,10.0.0.5 ${keyPart('ed')}`,
      `[host.example]:2222 ${keyPart('ecdsa')}`,
      `*.wild.test,!bad.wild.test ${keyPart('rsa')}`,
    ].join('\n');

  it('finds hosts in a file hashed by ssh-keygen -H, by name, address and [host]:port', async () => {
    const file = await hashedCopy(plain(), 'hashed');
    const entries = await entriesOf(file);
    expect(entries.filter((e) => e.hosts.startsWith('|1|'))).toHaveLength(3);
    expect(verdictFor(entries, 'host.example', keys.ed!.blob).status).toBe('known');
    expect(verdictFor(entries, 'HOST.example', keys.ed!.blob).status).toBe('known');
    expect(verdictFor(entries, '10.0.0.5', keys.ed!.blob).status).toBe('known');
    expect(verdictFor(entries, '[host.example]:2222', keys.ecdsa!.blob).status).toBe('known');
    expect(verdictFor(entries, 'elsewhere.example', keys.ed!.blob)).toEqual({
      status: 'unknown',
      otherTypes: [],
    });
  });

  it('calls a host known with other key types unknown for this type, naming the others', async () => {
    const entries = await entriesOf(await hashedCopy(plain(), 'hashed-types'));
    expect(verdictFor(entries, 'host.example', keys.ecdsa!.blob)).toEqual({
      status: 'unknown',
      otherTypes: ['ssh-ed25519'],
    });
    // Port 2222 is another name: its ed25519 key is not known there.
    expect(verdictFor(entries, '[host.example]:2222', keys.ed!.blob).status).toBe('unknown');
  });

  it('reports a changed key with the file and line ssh-keygen -F names', async () => {
    const file = await hashedCopy(plain(), 'hashed-changed');
    const verdict = verdictFor(await entriesOf(file), '10.0.0.5', keys.ed2!.blob);
    const { stdout } = await run('ssh-keygen', ['-F', '10.0.0.5', '-f', file]);
    const line = Number(/found: line (\d+)/.exec(stdout)?.[1]);
    expect(verdict).toMatchObject({ status: 'changed', entry: { file, line } });
  });

  it('honours wildcards and negations as OpenSSH does', async () => {
    const entries = parseKnownHosts(plain(), 'plain');
    expect(verdictFor(entries, 'a.wild.test', keys.rsa!.blob).status).toBe('known');
    expect(verdictFor(entries, 'bad.wild.test', keys.rsa!.blob).status).toBe('unknown');
    expect(verdictFor(entries, 'wild.test', keys.rsa!.blob).status).toBe('unknown');
  });

  it('refuses a key marked @revoked even where another line lists it', () => {
    const text = [`host.example ${keyPart('ed')}`, `@revoked * ${keyPart('ed')}`].join('\n');
    expect(verdictFor(parseKnownHosts(text, 'f'), 'host.example', keys.ed!.blob)).toMatchObject({
      status: 'revoked',
      entry: { line: 2 },
    });
  });

  it('never takes a @cert-authority line as the host key itself', () => {
    const text = `@cert-authority host.example ${keyPart('ed')}`;
    expect(verdictFor(parseKnownHosts(text, 'f'), 'host.example', keys.ed!.blob).status).toBe(
      'unknown',
    );
  });

  it('skips mangled lines rather than matching them', () => {
    const text = [`host.example ssh-ed25519`, `host.example ssh-rsa ${keys.ed!.pub.split(' ')[1]}`];
    expect(parseKnownHosts(text.join('\n'), 'f')).toEqual([]);
  });
});

describe('writing a trusted key', () => {
  it.each([
    ['hashed', true],
    ['plain', false],
  ])('writes a %s line that ssh-keygen -F and the reader both find', async (_name, hashed) => {
    const file = join(dir, `written-${String(hashed)}`);
    const line = knownHostsLine('[10.1.2.3]:2200', keys.ecdsa!.blob, { hashed });
    await writeFile(file, `${line}\n`);
    expect(line.startsWith('|1|')).toBe(hashed);
    const { stdout } = await run('ssh-keygen', ['-F', '[10.1.2.3]:2200', '-f', file]);
    expect(stdout).toContain(keys.ecdsa!.pub.split(' ')[1]);
    const entries = await entriesOf(file);
    expect(verdictFor(entries, '[10.1.2.3]:2200', keys.ecdsa!.blob).status).toBe('known');
  });
});
