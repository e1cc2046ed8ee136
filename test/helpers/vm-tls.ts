// Throwaway TLS material for booting the VM image in tests, made with the
// openssl CLI (independent of the product's own certificate code): a CA, a
// server certificate for the guest's dockerd, and a client certificate.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface TlsFiles {
  /** PEM file paths. */
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

export interface TlsPem {
  ca: string;
  cert: string;
  key: string;
}

async function openssl(dir: string, args: string[]): Promise<void> {
  await execFileAsync('openssl', args, { cwd: dir });
}

async function signed(dir: string, name: string, subject: string, extensions: string) {
  await openssl(dir, [
    ...['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
    ...['-keyout', `${name}-key.pem`, '-out', `${name}.csr`, '-subj', subject],
  ]);
  await writeFile(join(dir, `${name}.ext`), extensions);
  await openssl(dir, [
    ...['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem'],
    ...['-CAcreateserial', '-days', '2', '-out', `${name}-cert.pem`, '-extfile', `${name}.ext`],
  ]);
}

/** Writes ca.pem, server-{cert,key}.pem and client-{cert,key}.pem into dir. */
export async function makeVmTls(dir: string): Promise<TlsFiles> {
  await openssl(dir, [
    ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
    ...['-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=berth-test-ca'],
  ]);
  await signed(
    dir,
    'server',
    '/CN=berth-vm',
    'subjectAltName=IP:127.0.0.1,IP:10.0.2.15,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  await signed(dir, 'client', '/CN=berth-test-client', 'extendedKeyUsage=clientAuth\n');
  return {
    caCert: join(dir, 'ca.pem'),
    serverCert: join(dir, 'server-cert.pem'),
    serverKey: join(dir, 'server-key.pem'),
    clientCert: join(dir, 'client-cert.pem'),
    clientKey: join(dir, 'client-key.pem'),
  };
}

/** The client's PEM texts, for node:https. */
export async function clientPem(files: TlsFiles): Promise<TlsPem> {
  const read = (file: string) => readFile(file, 'utf8');
  return {
    ca: await read(files.caCert),
    cert: await read(files.clientCert),
    key: await read(files.clientKey),
  };
}
