// Test certificates made with the openssl CLI alone (independent of the
// product's code): a CA, and server or client certificates it signs, with
// explicit validity dates where a test needs one expired. OpenSSL 3.0 (Debian
// 12) has no `x509 -not_before`, so `openssl ca -startdate/-enddate` signs them.
//
//   const ca = await makeCa(dir, 'good');
//   await ca.issue({ name: 'engine', usage: 'server', altNames: ['IP:10.0.0.2'] });
//   await ca.issue({ name: 'old', usage: 'client', notAfter: new Date('2025-01-02') });
import { execFile } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface IssuedCert {
  cert: string;
  key: string;
}

export interface TestCa {
  /** The CA certificate's file. */
  caFile: string;
  issue(opts: {
    name: string;
    usage: 'server' | 'client';
    /** subjectAltName entries (`IP:…`, `DNS:…`), for a server. */
    altNames?: string[];
    notBefore?: Date;
    notAfter?: Date;
  }): Promise<IssuedCert>;
}

const CA_CONFIG = `[ ca ]
default_ca = test
[ test ]
dir = .
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = anything
unique_subject = no
[ anything ]
commonName = supplied
`;

const DAY_MS = 24 * 60 * 60 * 1000;

async function openssl(cwd: string, args: string[]): Promise<void> {
  await execFileAsync('openssl', args, { cwd, timeout: 30_000 });
}

/** `openssl ca`'s date form: YYYYMMDDHHMMSSZ. */
function asn1Time(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/** A CA in its own folder `dir/name`, valid from yesterday for two days. */
export async function makeCa(dir: string, name: string): Promise<TestCa> {
  const caDir = join(dir, name);
  await mkdir(caDir, { recursive: true });
  await writeFile(join(caDir, 'ca.cnf'), CA_CONFIG);
  await writeFile(join(caDir, 'index.txt'), '');
  await writeFile(join(caDir, 'serial'), '01\n');
  await openssl(caDir, [
    ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
    ...['-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '2', '-subj', `/CN=${name} test CA`],
  ]);
  return {
    caFile: join(caDir, 'ca.pem'),
    async issue(opts) {
      const base = join(caDir, opts.name);
      await openssl(caDir, [
        ...['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-keyout', `${base}-key.pem`, '-out', `${base}.csr`, '-subj', `/CN=${opts.name}`],
      ]);
      const extensions = [
        `extendedKeyUsage=${opts.usage === 'server' ? 'serverAuth' : 'clientAuth'}`,
        ...(opts.altNames?.length ? [`subjectAltName=${opts.altNames.join(',')}`] : []),
      ];
      await writeFile(`${base}.ext`, `${extensions.join('\n')}\n`);
      const notBefore = opts.notBefore ?? new Date(Date.now() - DAY_MS);
      const notAfter = opts.notAfter ?? new Date(Date.now() + 2 * DAY_MS);
      await openssl(caDir, [
        ...['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca-key.pem'],
        ...['-in', `${base}.csr`, '-out', `${base}-cert.pem`, '-extfile', `${base}.ext`],
        ...['-startdate', asn1Time(notBefore), '-enddate', asn1Time(notAfter), '-notext'],
      ]);
      return { cert: `${base}-cert.pem`, key: `${base}-key.pem` };
    },
  };
}

/** A DOCKER_CERT_PATH-style folder (ca.pem, cert.pem, key.pem) at `dir`. */
export async function certFolder(dir: string, caFile: string, client: IssuedCert): Promise<string> {
  await mkdir(dir, { recursive: true });
  await copyFile(caFile, join(dir, 'ca.pem'));
  await copyFile(client.cert, join(dir, 'cert.pem'));
  await copyFile(client.key, join(dir, 'key.pem'));
  return dir;
}
