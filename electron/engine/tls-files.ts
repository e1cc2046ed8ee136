// The client certificates of a remote TLS engine, as the user gives them in
// the "Add engine" dialog: each one PEM text pasted in, or the path of a PEM
// file on Berth's machine. They are checked before anything is written (each
// parses, the client certificate is current and matches its key), then kept
// in one folder in the CLI's DOCKER_CERT_PATH layout (ca.pem, cert.pem,
// key.pem, readable by the user alone), as `docker context create` keeps a
// context's copies: the originals may move or be deleted afterwards.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ContractError } from '../contract/errors.ts';

/** What the dialog sends: PEM text, or an absolute path to a PEM file. */
export interface TlsFilesInput {
  ca: string;
  cert: string;
  key: string;
}

/** The dialog's field names, so an error says which field to fix. */
const FIELD_NAMES: Record<keyof TlsFilesInput, string> = {
  ca: 'CA certificate',
  cert: 'Client certificate',
  key: 'Client key',
};

const PEM_HEADER = /-----BEGIN [A-Z0-9 ]+-----/;
/** A PEM file is a few kB; anything this big is not one. */
const MAX_PEM_BYTES = 256 * 1024;

/** Reads and checks the three; writes them into `dir` (made 0700) as ca.pem, cert.pem, key.pem (0600). */
export async function saveTlsFiles(
  dir: string,
  input: TlsFilesInput,
  now: Date = new Date(),
): Promise<void> {
  const ca = await readPem('ca', input.ca);
  const cert = await readPem('cert', input.cert);
  const key = await readPem('key', input.key);
  checkTlsFiles({ ca, cert, key }, now);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  for (const [name, text] of [
    ['ca.pem', ca],
    ['cert.pem', cert],
    ['key.pem', key],
  ] as const) {
    const file = path.join(dir, name);
    await writeFile(`${file}.tmp`, text, { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  }
}

/**
 * The checks the engine would otherwise fail on with a vaguer message: each
 * certificate parses, the client certificate is within its dates, and the key
 * is the certificate's. Whether the engine trusts the CA only the engine can say.
 */
export function checkTlsFiles(pem: TlsFilesInput, now: Date = new Date()): void {
  const ca = parseCertificate('ca', pem.ca);
  const cert = parseCertificate('cert', pem.cert);
  let key;
  try {
    key = createPrivateKey(pem.key);
  } catch (error) {
    throw fieldError('key', `is not a private key Berth can read (${(error as Error).message}).`);
  }
  if (!cert.checkPrivateKey(key)) {
    throw fieldError('key', 'does not belong to the client certificate.', {
      hint: 'Choose the key file made with that certificate (key.pem beside cert.pem).',
    });
  }
  if (new Date(cert.validTo) < now)
    throw fieldError('cert', `expired on ${cert.validTo}.`, {
      hint: 'Ask for a new client certificate, or make one with the CA that signed the engine’s.',
    });
  if (new Date(cert.validFrom) > now)
    throw fieldError('cert', `is not valid before ${cert.validFrom}.`, {
      hint: 'Check this computer’s clock.',
    });
  if (new Date(ca.validTo) < now) throw fieldError('ca', `expired on ${ca.validTo}.`);
}

async function readPem(field: keyof TlsFilesInput, value: string): Promise<string> {
  const text = value.trim();
  if (text === '') throw fieldError(field, 'is empty.');
  if (PEM_HEADER.test(text)) return `${text}\n`;
  if (!path.isAbsolute(text)) {
    throw fieldError(
      field,
      'is neither PEM text (-----BEGIN …) nor the absolute path of a file on this computer.',
    );
  }
  let content: Buffer;
  try {
    content = await readFile(text);
  } catch (error) {
    throw fieldError(field, `cannot be read from ${text}: ${(error as Error).message}`);
  }
  if (content.length > MAX_PEM_BYTES || !PEM_HEADER.test(content.toString('latin1'))) {
    throw fieldError(field, `: ${text} is not a PEM file (no -----BEGIN line).`);
  }
  return content.toString('utf8');
}

function parseCertificate(field: 'ca' | 'cert', pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (error) {
    throw fieldError(field, `is not a certificate Berth can read (${(error as Error).message}).`);
  }
}

function fieldError(
  field: keyof TlsFilesInput,
  problem: string,
  extra: { hint?: string } = {},
): ContractError {
  const name = FIELD_NAMES[field];
  return new ContractError({
    kind: 'bad-request',
    message: problem.startsWith(':') ? `${name}${problem}` : `${name} ${problem}`,
    ...extra,
  });
}
