// A fake engine behind TLS with client certificates, as the VM's dockerd is
// (--tlsverify): certificates made by openssl in a temp folder, an HTTPS
// server on 127.0.0.1 that refuses clients without a certificate its CA
// signed. For the Docker context's and the endpoint client's tests.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TlsMaterialFiles {
  /** A DOCKER_CERT_PATH-style folder: ca.pem, cert.pem, key.pem (the client's). */
  clientDir: string;
  ca: string;
  cert: string;
  key: string;
  serverCert: string;
  serverKey: string;
}

/** A CA, a server certificate for 127.0.0.1, and a client certificate, in `dir`. */
export async function makeTlsMaterial(dir: string): Promise<TlsMaterialFiles> {
  const p = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => run('openssl', args, { cwd: dir, timeout: 30_000 });
  await openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=test CA',
    '-keyout',
    p('ca-key.pem'),
    '-out',
    p('ca.pem'),
  );
  await writeFile(p('server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  await writeFile(p('client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const who of ['server', 'client']) {
    await openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${who}`,
      '-keyout',
      p(`${who}-key.pem`),
      '-out',
      p(`${who}.csr`),
    );
    await openssl(
      'x509',
      '-req',
      '-in',
      p(`${who}.csr`),
      '-CA',
      p('ca.pem'),
      '-CAkey',
      p('ca-key.pem'),
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      p(`${who}.ext`),
      '-out',
      p(`${who}-cert.pem`),
    );
  }
  // The client's folder in the CLI's layout.
  await writeFile(p('cert.pem'), await readFile(p('client-cert.pem')));
  await writeFile(p('key.pem'), await readFile(p('client-key.pem')));
  const read = (name: string) => readFile(p(name), 'utf8');
  return {
    clientDir: dir,
    ca: await read('ca.pem'),
    cert: await read('client-cert.pem'),
    key: await read('client-key.pem'),
    serverCert: await read('server-cert.pem'),
    serverKey: await read('server-key.pem'),
  };
}

export interface TlsEngine {
  port: number;
  /** Request paths, with the client certificate's CN that made each. */
  requests: { url: string; client: string }[];
  close(): Promise<void>;
}

export async function startTlsEngine(material: TlsMaterialFiles): Promise<TlsEngine> {
  const requests: TlsEngine['requests'] = [];
  const server = https.createServer(
    {
      ca: material.ca,
      cert: material.serverCert,
      key: material.serverKey,
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const url = req.url ?? '';
      const client = (req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? '';
      requests.push({ url, client: String(client) });
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Api-Version', '1.41');
      if (/^(\/v[\d.]+)?\/_ping$/.test(url)) {
        res.setHeader('Content-Type', 'text/plain');
        res.end('OK');
      } else if (/^(\/v[\d.]+)?\/version$/.test(url)) {
        res.end(
          JSON.stringify({
            Version: '20.10-fake',
            ApiVersion: '1.41',
            MinAPIVersion: '1.12',
            Os: 'linux',
            Arch: 'amd64',
          }),
        );
      } else if (/^(\/v[\d.]+)?\/events/.test(url)) {
        // An event stream that stays open and quiet.
        res.writeHead(200);
        res.flushHeaders();
      } else if (/^(\/v[\d.]+)?\/containers\/f+\/json/.test(url)) {
        // Published on the VM's own loopback only: a port the VM cannot forward.
        res.end(
          JSON.stringify({
            Id: 'f'.repeat(64),
            Name: '/through-tls',
            State: { Running: true },
            NetworkSettings: { Ports: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8081' }] } },
          }),
        );
      } else if (/^(\/v[\d.]+)?\/containers\/json/.test(url)) {
        res.end(
          JSON.stringify([
            {
              Id: 'f'.repeat(64),
              Names: ['/through-tls'],
              Image: 'busybox',
              Command: 'sh',
              Created: 0,
              Ports: [],
              Labels: {},
              State: 'running',
              Status: 'Up',
              Mounts: [],
            },
          ]),
        );
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ message: `page not found: ${url}` }));
      }
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
