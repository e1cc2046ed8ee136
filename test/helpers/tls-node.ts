// One real dockerd serving TLS, as a remote engine: a network-namespace node
// (netns-nodes.ts) whose dockerd also listens with --tlsverify on
// tcp://ADDR:2376, with a CA, server and client certificates made by openssl
// (tls-certs.ts), and one stopped container to list (on an empty imported
// image: no pull, no build).
//
//   const tls = await startTlsNode(scratch);
//   try { ... tls.url, tls.clientDir ... } finally { await tls.stop(); }
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { nodeDocker, restartNodeEngine, startNodes, type EngineNode } from './netns-nodes.ts';
import { certFolder, makeCa, type IssuedCert, type TestCa } from './tls-certs.ts';

const run = promisify(execFile);

export interface TlsNode {
  node: EngineNode;
  /** `tcp://ADDR:2376`. */
  url: string;
  /** The CA the engine trusts and that signed its certificate. */
  ca: TestCa;
  /** A DOCKER_CERT_PATH-style folder the engine accepts. */
  clientDir: string;
  /** The container the engine holds. */
  containerName: string;
  /** Starts the engine again with another server certificate. */
  restartWith(server: IssuedCert): Promise<void>;
  stop(): Promise<void>;
}

export async function startTlsNode(scratch: string, containerName = 'over-tls'): Promise<TlsNode> {
  const ca = await makeCa(join(scratch, 'pki'), 'good');
  const client = await ca.issue({ name: 'client', usage: 'client' });
  const clientDir = await certFolder(join(scratch, 'certs-good'), ca.caFile, client);
  const tlsArgs = (node: EngineNode, server: IssuedCert) => [
    '--tlsverify',
    `--tlscacert=${ca.caFile}`,
    `--tlscert=${server.cert}`,
    `--tlskey=${server.key}`,
    `--host=tcp://${node.address}:2376`,
  ];
  const cluster = await startNodes({
    count: 1,
    dockerdArgs: async (node) =>
      tlsArgs(
        node,
        await ca.issue({ name: 'engine', usage: 'server', altNames: [`IP:${node.address}`] }),
      ),
  });
  const node = cluster.nodes[0]!;
  try {
    await run('sh', [
      '-c',
      `tar cf - -T /dev/null | docker -H "$1" import - berth-test/empty:1`,
      'sh',
      node.host,
    ]);
    await nodeDocker(node, 'create', '--name', containerName, 'berth-test/empty:1', 'true');
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return {
    node,
    url: `tcp://${node.address}:2376`,
    ca,
    clientDir,
    containerName,
    restartWith: (server) => restartNodeEngine(node, tlsArgs(node, server)),
    stop: () => cluster.stop(),
  };
}
