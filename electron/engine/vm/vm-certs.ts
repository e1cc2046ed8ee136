// Per-VM TLS, as docker-machine made it: a CA of this VM alone, a server
// certificate for 127.0.0.1/localhost (the guest's dockerd, reached through
// QEMU's forward), and a client certificate for the app and the user's CLI.
// Made on first start (nothing secret is in the image), kept in
// `<dataDir>/vm/tls/` with keys readable by the owner only, made again when a
// file is missing or a certificate expires within a week.
// Keys come from node:crypto (fast, native); forge writes the X.509 parts.
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';

export interface VmTlsFiles {
  /** fw_cfg material for the guest's dockerd. */
  ca: string;
  serverCert: string;
  serverKey: string;
  /** The CLI-layout folder (ca.pem, cert.pem, key.pem): EngineEndpoint.certPath and DOCKER_CERT_PATH. */
  clientDir: string;
}

const VALID_DAYS = 3650;
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

export function vmTlsFiles(tlsDir: string): VmTlsFiles {
  return {
    ca: path.join(tlsDir, 'ca.pem'),
    serverCert: path.join(tlsDir, 'server-cert.pem'),
    serverKey: path.join(tlsDir, 'server-key.pem'),
    clientDir: path.join(tlsDir, 'client'),
  };
}

function newKeys(): {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  pem: string;
} {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey);
  return {
    privateKey: key,
    publicKey: forge.pki.setRsaPublicKey(key.n, key.e),
    pem: privateKey,
  };
}

function baseCert(
  publicKey: forge.pki.rsa.PublicKey,
  commonName: string,
  now: Date,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // Positive: a leading 0 nibble keeps the DER integer from reading as negative.
  cert.serialNumber = `0${randomBytes(16).toString('hex')}`;
  // A minute back, so a guest clock slightly behind the host's still accepts it.
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + VALID_DAYS * 24 * 3600 * 1000);
  cert.setSubject([
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'Berth VM' },
  ]);
  return cert;
}

/** Makes a fresh CA, server and client set (replacing any there). */
export async function generateVmTls(tlsDir: string, now = new Date()): Promise<VmTlsFiles> {
  const files = vmTlsFiles(tlsDir);
  const ca = newKeys();
  const caCert = baseCert(ca.publicKey, 'Berth VM CA', now);
  caCert.setIssuer(caCert.subject.attributes);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const leaf = (commonName: string, extensions: object[]) => {
    const keys = newKeys();
    const cert = baseCert(keys.publicKey, commonName, now);
    cert.setIssuer(caCert.subject.attributes);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      ...extensions,
    ]);
    cert.sign(ca.privateKey, forge.md.sha256.create());
    return { cert: forge.pki.certificateToPem(cert), key: keys.pem };
  };
  const server = leaf('localhost', [
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
  ]);
  const client = leaf('berth-client', [{ name: 'extKeyUsage', clientAuth: true }]);
  const caPem = forge.pki.certificateToPem(caCert);

  await rm(tlsDir, { recursive: true, force: true });
  await mkdir(files.clientDir, { recursive: true, mode: 0o700 });
  await chmod(tlsDir, 0o700);
  const put = async (file: string, text: string, mode: number) => {
    await writeFile(file, text, { mode });
    await chmod(file, mode);
  };
  await put(path.join(tlsDir, 'ca-key.pem'), ca.pem, 0o600);
  await put(files.ca, caPem, 0o644);
  await put(files.serverCert, server.cert, 0o644);
  // QEMU reads it into fw_cfg; the guest keeps it 0600 too.
  await put(files.serverKey, server.key, 0o600);
  await put(path.join(files.clientDir, 'ca.pem'), caPem, 0o644);
  await put(path.join(files.clientDir, 'cert.pem'), client.cert, 0o644);
  await put(path.join(files.clientDir, 'key.pem'), client.key, 0o600);
  return files;
}

async function stillGood(files: VmTlsFiles, now: Date): Promise<boolean> {
  try {
    const pems = [
      files.ca,
      files.serverCert,
      path.join(files.clientDir, 'ca.pem'),
      path.join(files.clientDir, 'cert.pem'),
    ];
    for (const file of pems) {
      const cert = new X509Certificate(await readFile(file));
      if (new Date(cert.validTo).getTime() - now.getTime() < RENEW_BEFORE_MS) return false;
    }
    await readFile(files.serverKey);
    await readFile(path.join(files.clientDir, 'key.pem'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    // An unreadable or mangled certificate is as good as missing: make a new set.
    if (error instanceof Error && /certificate|PEM|asn1|decode/i.test(error.message)) return false;
    throw error;
  }
}

/** The VM's TLS files, made when missing or about to expire; says which. */
export async function ensureVmTls(
  tlsDir: string,
  now = new Date(),
): Promise<{ files: VmTlsFiles; made: boolean }> {
  const files = vmTlsFiles(tlsDir);
  if (await stillGood(files, now)) return { files, made: false };
  return { files: await generateVmTls(tlsDir, now), made: true };
}
