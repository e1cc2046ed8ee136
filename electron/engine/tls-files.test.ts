import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTlsMaterial, type TlsMaterialFiles } from './tls-engine.testkit.ts';
import { saveTlsFiles } from './tls-files.ts';

let scratch: string;
let material: TlsMaterialFiles;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'berth-tls-files-'));
  material = await makeTlsMaterial(scratch);
}, 60_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Paths of the client's files in the CLI's layout. */
const files = () => ({
  ca: path.join(material.clientDir, 'ca.pem'),
  cert: path.join(material.clientDir, 'cert.pem'),
  key: path.join(material.clientDir, 'key.pem'),
});

describe('saveTlsFiles', () => {
  it('copies paths into the folder as ca.pem, cert.pem and key.pem, for the user alone', async () => {
    const dir = path.join(scratch, 'saved-paths');
    await saveTlsFiles(dir, files());
    expect(await readFile(path.join(dir, 'cert.pem'), 'utf8')).toBe(material.cert);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(dir, 'key.pem'))).mode & 0o777).toBe(0o600);
  });

  it('takes pasted PEM text as well as paths', async () => {
    const dir = path.join(scratch, 'saved-text');
    const ca = material.ca;
    await saveTlsFiles(dir, { ...files(), ca: `\n  ${ca}  \n` });
    expect((await readFile(path.join(dir, 'ca.pem'), 'utf8')).trim()).toBe(ca.trim());
  });

  it('names the field whose file is missing, and writes nothing', async () => {
    const dir = path.join(scratch, 'missing');
    await expect(saveTlsFiles(dir, { ...files(), ca: '/nonexistent/ca.pem' })).rejects.toThrow(
      /^CA certificate cannot be read from \/nonexistent\/ca.pem/,
    );
    await expect(stat(dir)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a relative path and text that is not PEM', async () => {
    await expect(
      saveTlsFiles(path.join(scratch, 'x'), { ...files(), cert: 'cert.pem' }),
    ).rejects.toThrow(/^Client certificate is neither PEM text/);
    await expect(
      saveTlsFiles(path.join(scratch, 'x'), { ...files(), key: material.clientDir }),
    ).rejects.toThrow(/^Client key cannot be read/);
  });

  it('refuses a key that is not the client certificate’s', async () => {
    await expect(
      saveTlsFiles(path.join(scratch, 'x'), { ...files(), key: material.serverKey }),
    ).rejects.toThrow('Client key does not belong to the client certificate.');
  });

  it('refuses an expired client certificate, saying when it expired', async () => {
    const later = new Date(Date.now() + 10 * 24 * 3600 * 1000);
    await expect(saveTlsFiles(path.join(scratch, 'x'), files(), later)).rejects.toThrow(
      /^Client certificate expired on .*GMT\.$/,
    );
  });
});
