// A real Swarm of engines as separate hosts (netns-nodes.ts), for the Swarm
// suites and benchmarks: node 1 inits it advertising its bridge address, the
// others join as workers, and every node holds the busybox test image (made
// once on node 1, then `docker save | docker load` into the others, so all
// hold the same image id) under its `latest` tag and a second tag, `v2`, for
// rolling updates. `stop()` leaves the swarm on every node and tears the
// nodes down.
import { spawn } from 'node:child_process';
import { ensureBusyboxImage, busyboxImage } from './busybox-image.ts';
import { nodeDocker, startNodes, type EngineNode, type NodeCluster } from './netns-nodes.ts';

export const busyboxV2 = 'berth-test/busybox:v2';

export interface SwarmCluster extends NodeCluster {
  manager: EngineNode;
  workers: EngineNode[];
}

/** `docker -H FROM save IMAGE… | docker -H TO load`. */
function copyImages(from: EngineNode, to: EngineNode, images: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const save = spawn('docker', ['-H', from.host, 'save', ...images], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const load = spawn('docker', ['-H', to.host, 'load', '-q'], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    save.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    load.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    save.stdout.pipe(load.stdin);
    let pending = 2;
    const done = (code: number | null) => {
      if (code !== 0) reject(new Error(`docker save | load into ${to.name} failed: ${stderr}`));
      else if (--pending === 0) resolve();
    };
    save.once('close', done);
    load.once('close', done);
  });
}

export async function startSwarm(count = 3): Promise<SwarmCluster> {
  const cluster = await startNodes({ count });
  const stop = async () => {
    for (const node of [...cluster.nodes].reverse()) {
      await nodeDocker(node, 'swarm', 'leave', '--force').catch(() => undefined);
    }
    await cluster.stop();
  };
  try {
    const [manager, ...workers] = cluster.nodes as [EngineNode, ...EngineNode[]];
    await nodeDocker(manager, 'swarm', 'init', '--advertise-addr', manager.address);
    const token = (await nodeDocker(manager, 'swarm', 'join-token', '-q', 'worker')).trim();
    await ensureBusyboxImage(manager.host);
    await nodeDocker(manager, 'tag', busyboxImage, busyboxV2);
    await Promise.all(
      workers.map(async (worker) => {
        await nodeDocker(worker, 'swarm', 'join', '--token', token, `${manager.address}:2377`);
        await copyImages(manager, worker, [busyboxImage, busyboxV2]);
      }),
    );
    return { ...cluster, manager, workers, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
