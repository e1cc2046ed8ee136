// A remote engine over SSH on loopback (a network-namespace node with sshd,
// key auth through an ssh-agent): the containers list through the app next to
// `docker -H ssh://… ps -a`, which logs in over SSH for every command. Cold:
// from "show this engine" (engine.use, the engine not connected) to the whole
// list; warm: the list of a connected engine, from its live mirror. Goal: at
// most 1.0x, since the app keeps one SSH connection per engine rather than
// one session per request.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyboxImage, ensureBusyboxImage } from '../../test/helpers/busybox-image.ts';
import { nodeDocker, startNodes } from '../../test/helpers/netns-nodes.ts';
import { makeSshHome } from '../../test/helpers/ssh-home.ts';
import { startSshd } from '../../test/helpers/sshd-node.ts';
import { startWebApp } from '../../test/helpers/web-app.ts';
import { timed } from './cli.ts';
import { contractCall } from './contract-call.ts';
import { summarize, type BenchRow } from './stats.ts';

const GOAL = 'goal: at most 1.0x';

export async function measureSshList(containers: number, runs: number): Promise<BenchRow[]> {
  const cluster = await startNodes({ count: 2 });
  const [local, remote] = cluster.nodes as [(typeof cluster.nodes)[0], (typeof cluster.nodes)[0]];
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-bench-ssh-'));
  let stopApp = async () => {};
  let stopUser = async () => {};
  let stopSshd = async () => {};
  try {
    await ensureBusyboxImage(remote.host);
    for (let i = 0; i < containers; i++)
      await nodeDocker(remote, 'create', '--name', `bench-ssh-${i}`, busyboxImage, 'true');
    const sshd = await startSshd(remote);
    stopSshd = () => sshd.stop();
    const user = await makeSshHome(sshd);
    stopUser = () => user.stop();
    // Trusted beforehand: the first-contact question is the dialog's, not this figure's.
    await writeFile(user.knownHosts, `${sshd.knownHostsLine}\n`);
    const app = await startWebApp({
      dataDir,
      engine: local.host,
      env: user.appEnv,
    });
    stopApp = () => app.stop();
    const client = await contractCall(app.url, app.token);
    try {
      await client.call('engine.add', { address: sshd.url });
      const list = async () =>
        (await client.call('containers.list')) as { engineId: string; items: unknown[] };
      const cold: number[] = [];
      const warm: number[] = [];
      const cli: number[] = [];
      for (let run = 0; run < runs; run++) {
        cold.push(
          (
            await timed(async () => {
              await client.call('engine.use', sshd.url);
              for (;;) {
                const shown = await list();
                if (shown.engineId === sshd.url && shown.items.length >= containers) return;
                await new Promise((resolve) => setTimeout(resolve, 5));
              }
            })
          ).ms,
        );
        for (let i = 0; i < 3; i++) warm.push((await timed(list)).ms);
        cli.push((await timed(() => user.cli('ps', '-a'))).ms);
        // Back to the local engine, and the remote one closed: the next run connects again.
        await client.call('engine.use', local.host);
        await client.call('engine.disconnect', sshd.url);
      }
      const label = `docker -H ${sshd.url} ps -a`;
      return [
        ...summarize(
          `ssh:// list of ${containers} (cold: engine.use -> full list)`,
          cold,
          cli,
          label,
          `${GOAL}; connects the engine (events, mirrors) over the SSH session kept open`,
        ),
        ...summarize(
          `ssh:// list of ${containers} (warm: contract call)`,
          warm,
          cli,
          label,
          `${GOAL}; served from the live mirror kept by /events over SSH`,
        ),
      ];
    } finally {
      client.close();
    }
  } finally {
    await stopApp();
    await stopUser();
    await stopSshd();
    await cluster.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
