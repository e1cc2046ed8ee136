// Engines as separate hosts on one machine, for remote-engine and Swarm
// tests (../shared/ENVIRONMENT.md, "Several engines as separate hosts"): a
// host bridge with an address, and per node a network namespace joined to it
// by a veth pair, running its own dockerd (own data-root, exec-root, pidfile,
// socket and containerd namespaces) entered with `nsenter --net`, never
// `ip netns exec` (it remounts /sys and dockerd then fails). Nodes have no
// default route, so nothing tries to reach a registry outside. `stop()` tears
// down everything: daemons by pidfile, namespaces, links, the FORWARD rule,
// the temp folder.
//
//   const cluster = await startNodes({ count: 3 });
//   try { await nodeDocker(cluster.nodes[0], 'info'); } finally { await cluster.stop(); }
import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { systemClock } from '../../electron/engine/clock.ts';
import { terminateProcess } from '../../electron/engine/processes.ts';
import { ENGINE_MS } from './deadlines.ts';
import { freeSubnets } from './free-subnets.ts';

const execFileAsync = promisify(execFile);

export interface EngineNode {
  /** Also its hostname as Swarm shows it. */
  name: string;
  /** Its address on the nodes' bridge. */
  address: string;
  /** Its network namespace, for `nsenter --net=…`. */
  netns: string;
  /** The engine's unix socket on this machine. */
  socket: string;
  /** `unix://…` for DOCKER_HOST. */
  host: string;
  /** The node's own folder (data-root, exec-root, pidfile, log). */
  dir: string;
}

export interface NodeCluster {
  nodes: EngineNode[];
  /** The host's address on the nodes' bridge (what the nodes see this machine as). */
  hostAddress: string;
  bridge: string;
  stop(): Promise<void>;
}

/** `ip …`, failing with its stderr. */
async function ip(...args: string[]): Promise<void> {
  await execFileAsync('ip', args);
}

async function iptables(...args: string[]): Promise<void> {
  await execFileAsync('iptables', args);
}

/** Runs the docker CLI against a node, returning stdout (stderr in the error). */
export async function nodeDocker(node: EngineNode, ...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('docker', ['-H', node.host, ...args], {
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
  });
  return stdout;
}

/** Runs a command inside a node's network namespace (with the host's filesystem). */
export async function inNode(node: EngineNode, command: string, ...args: string[]) {
  return execFileAsync('nsenter', [`--net=/run/netns/${node.netns}`, command, ...args]);
}

/**
 * Starts `count` nodes on a fresh bridge. A unique tag per run names the
 * bridge, namespaces and links (15 bytes at most for a link), so suites that
 * run side by side never share one.
 */
export async function startNodes(opts: {
  count: number;
  dockerd?: string;
  /** More dockerd flags for a node (TLS listeners), made once its address is known. */
  dockerdArgs?: (node: EngineNode) => Promise<string[]>;
}): Promise<NodeCluster> {
  const tag = `${process.pid.toString(36)}${Math.random().toString(36).slice(2, 5)}`.slice(-7);
  const bridge = `bn${tag}`;
  const [cidr] = await freeSubnets(1);
  const prefix = cidr!.replace(/\.0\/24$/, '');
  const hostAddress = `${prefix}.1`;
  const root = await mkdtemp(join(tmpdir(), 'berth-nodes-'));
  const nodes: EngineNode[] = [];
  const undo: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of undo.reverse()) {
      // Teardown goes on past a step that fails: each is logged, none is fatal.
      await step().catch((error: unknown) => console.error('[nodes] teardown step failed', error));
    }
    undo.length = 0;
    await unmountUnder(root);
    await rm(root, { recursive: true, force: true });
  };

  try {
    await ip('link', 'add', bridge, 'type', 'bridge');
    undo.push(() => ip('link', 'del', bridge));
    await ip('addr', 'add', `${hostAddress}/24`, 'dev', bridge);
    await ip('link', 'set', bridge, 'up');
    // The system engine sets FORWARD's policy to DROP: let the nodes reach each other.
    await iptables('-I', 'FORWARD', '-i', bridge, '-o', bridge, '-j', 'ACCEPT');
    undo.push(() => iptables('-D', 'FORWARD', '-i', bridge, '-o', bridge, '-j', 'ACCEPT'));

    for (let i = 1; i <= opts.count; i++) {
      const name = `node${i}-${tag}`;
      const netns = `berth-${name}`;
      const dir = join(root, `node${i}`);
      await mkdir(dir, { recursive: true });
      const node: EngineNode = {
        name,
        address: `${prefix}.${10 + i}`,
        netns,
        socket: join(dir, 'docker.sock'),
        host: `unix://${join(dir, 'docker.sock')}`,
        dir,
      };
      await ip('netns', 'add', netns);
      undo.push(() => ip('netns', 'del', netns));
      const outside = `v${tag}${i}h`;
      const inside = `v${tag}${i}n`;
      await ip('link', 'add', outside, 'type', 'veth', 'peer', 'name', inside);
      undo.push(() => ip('link', 'del', outside).catch(() => undefined));
      await ip('link', 'set', inside, 'netns', netns);
      await ip('link', 'set', outside, 'master', bridge);
      await ip('link', 'set', outside, 'up');
      await ip('-n', netns, 'link', 'set', 'lo', 'up');
      await ip('-n', netns, 'addr', 'add', `${node.address}/24`, 'dev', inside);
      await ip('-n', netns, 'link', 'set', inside, 'up');
      undo.push(() => stopNodeEngine(node));
      await startNodeEngine(
        node,
        opts.dockerd ?? 'dockerd',
        (await opts.dockerdArgs?.(node)) ?? [],
      );
      nodes.push(node);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes, hostAddress, bridge, stop };
}

/** Stops a node's dockerd and starts it again with other extra flags (another TLS certificate). */
export async function restartNodeEngine(
  node: EngineNode,
  extraArgs: string[],
  dockerd = 'dockerd',
): Promise<void> {
  await stopNodeEngine(node);
  await startNodeEngine(node, dockerd, extraArgs);
}

async function startNodeEngine(
  node: EngineNode,
  dockerd: string,
  extraArgs: string[],
): Promise<void> {
  const { dir, name } = node;
  const log = join(dir, 'dockerd.log');
  const out = openSync(log, 'a');
  // Its own UTS namespace too, so Swarm shows each node by its own hostname.
  const child = spawn(
    'unshare',
    [
      '--uts',
      'sh',
      '-c',
      'hostname "$1" && shift && exec "$@"',
      'sh',
      name,
      'nsenter',
      `--net=/run/netns/${node.netns}`,
      dockerd,
      `--data-root=${join(dir, 'data')}`,
      `--exec-root=${join(dir, 'exec')}`,
      `--pidfile=${join(dir, 'dockerd.pid')}`,
      `--host=${node.host}`,
      `--containerd-namespace=${name}`,
      `--containerd-plugins-namespace=${name}-plugins`,
      // Its own docker0 and iptables rules, inside its own namespace.
      '--storage-driver=overlay2',
      ...extraArgs,
    ],
    { detached: true, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  child.unref();
  const deadline = Date.now() + ENGINE_MS;
  for (;;) {
    try {
      await nodeDocker(node, 'version', '--format', '{{.Server.Version}}');
      return;
    } catch {
      if (Date.now() > deadline)
        throw new Error(
          `dockerd of ${name} did not answer in ${ENGINE_MS} ms:\n${await tail(log)}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

async function stopNodeEngine(node: EngineNode): Promise<void> {
  const pid = Number(
    (await readFile(join(node.dir, 'dockerd.pid'), 'utf8').catch(() => '')).trim(),
  );
  if (pid) await terminateProcess(pid, systemClock, { graceMs: 30_000, killMs: 10_000 });
}

/**
 * Lazily unmounts what is still mounted under `dir`: a dockerd stopped while
 * its swarm's overlay networks lived leaves their namespaces (exec/netns/lb_…)
 * bind-mounted, and the folder cannot go until they are unmounted.
 */
async function unmountUnder(dir: string): Promise<void> {
  const mountinfo = await readFile('/proc/self/mountinfo', 'utf8');
  const points = mountinfo
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((point) => point.startsWith(`${dir}/`))
    .sort()
    .reverse();
  for (const point of points) {
    await execFileAsync('umount', ['-l', point]).catch((error: unknown) =>
      console.error(`[nodes] could not unmount ${point}`, error),
    );
  }
}

async function tail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '(no log)');
  return text.split('\n').slice(-8).join('\n');
}
