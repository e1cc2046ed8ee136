// reachTlsEngine and the engine connection's calls against real TLS servers
// on loopback, with certificates made by openssl (test/helpers/tls-certs.ts):
// the answer, a certificate for another name, TLS spoken to a plain HTTP
// port, and an untrusted engine worded the same way through dockerode.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineClient } from './engine-client.ts';
import { refusalOf } from '../../test/helpers/refusal.ts';
import { certFolder, makeCa } from '../../test/helpers/tls-certs.ts';
import { makeTempDir } from '../engine/fake-engine.testkit.ts';
import { reachTlsEngine } from '../engine/tls-reach.ts';

let dir: string;
let cleanup: () => Promise<void>;
let goodCerts: string;
let otherCaCerts: string;
let tlsPort: number;
let plainPort: number;
const servers: http.Server[] = [];

async function listen(server: http.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir('berth-tls-reach-'));
  const good = await makeCa(dir, 'good');
  const other = await makeCa(dir, 'other');
  const server = await good.issue({ name: 'engine', usage: 'server', altNames: ['IP:127.0.0.1'] });
  const client = await good.issue({ name: 'client', usage: 'client' });
  goodCerts = await certFolder(path.join(dir, 'good-certs'), good.caFile, client);
  otherCaCerts = await certFolder(path.join(dir, 'other-certs'), other.caFile, client);
  const read = (file: string) => readFileSync(file, 'utf8');
  tlsPort = await listen(
    https.createServer(
      {
        ca: read(good.caFile),
        cert: read(server.cert),
        key: read(server.key),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (_req, res) => {
        res.setHeader('Api-Version', '1.41');
        res.end(_req.url?.endsWith('/_ping') ? 'OK' : '[]');
      },
    ),
  );
  plainPort = await listen(http.createServer((_req, res) => res.end('OK')));
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await cleanup();
});

describe('reachTlsEngine', () => {
  it('resolves with the API version the engine answers', async () => {
    await expect(reachTlsEngine(`tcp://127.0.0.1:${tlsPort}`, goodCerts, 10_000)).resolves.toEqual({
      apiVersion: '1.41',
    });
  });

  it('refuses a certificate made out to another name, naming the names it lists', async () => {
    const envelope = await refusalOf(
      reachTlsEngine(`tcp://localhost:${tlsPort}`, goodCerts, 10_000),
    );
    expect(envelope).toMatchObject({
      kind: 'unreachable',
      message: `The engine's certificate at localhost:${tlsPort} is not made out to localhost (it names IP Address:127.0.0.1).`,
    });
  });

  it('says a plain HTTP port does not speak TLS', async () => {
    const envelope = await refusalOf(
      reachTlsEngine(`tcp://127.0.0.1:${plainPort}`, goodCerts, 10_000),
    );
    expect(envelope.message).toBe(
      `127.0.0.1:${plainPort} answered without TLS: the engine there does not use TLS on this port.`,
    );
  });

  it('refuses what is not a tcp:// address, and a folder without certificates', async () => {
    await expect(
      refusalOf(reachTlsEngine('unix:///var/run/docker.sock', goodCerts)),
    ).resolves.toMatchObject({
      kind: 'bad-request',
      message: expect.stringContaining('tcp:// engines only'),
    });
    await expect(
      refusalOf(reachTlsEngine(`tcp://127.0.0.1:${tlsPort}`, path.join(dir, 'none'))),
    ).resolves.toMatchObject({
      kind: 'bad-request',
      message: expect.stringContaining('cannot be read'),
    });
  });
});

describe("the engine connection's calls over TLS", () => {
  it('word an untrusted engine with its host and the CA file, as discovery does', async () => {
    const calls = engineClient(
      { url: `tcp://127.0.0.1:${tlsPort}`, certPath: otherCaCerts },
      { timeoutMs: 10_000 },
    );
    const envelope = await refusalOf(calls.listContainers());
    expect(envelope).toMatchObject({
      kind: 'unreachable',
      message: `The engine at 127.0.0.1:${tlsPort} is not trusted: its certificate is not signed by the CA in ${otherCaCerts}/ca.pem.`,
      hint: expect.stringContaining('--tlscacert'),
    });
  });
});
