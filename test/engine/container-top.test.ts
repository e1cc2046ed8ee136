// The Processes tab's calls against a real engine, with `docker top` and
// `docker exec … ps` as the truth.
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessList } from '../../electron/contract/processes-channels.ts';
import {
  containerProcesses,
  TOP_PS_ARGS,
} from '../../electron/services/containers/container-processes.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import { docker, startManagedEngine, type TestEngine } from '../helpers/managed-engine.ts';
import { ensureNoKillImage, sleepOnlyImage } from '../helpers/no-kill-image.ts';

let engine: TestEngine;
let calls: ReturnType<typeof containerProcesses>;

beforeAll(async () => {
  engine = await startManagedEngine();
  await ensureBusyboxImage(engine.endpoint);
  const client = new Docker({ socketPath: engine.socketPath });
  calls = containerProcesses({ docker: () => client, nameOf: (id) => id });
});

afterAll(async () => {
  await engine?.cleanup();
});

async function until(check: () => boolean | Promise<boolean>, ms = FOLLOW_MS): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `docker top NAME ARGS…` as rows of its columns (the last one, the command, may hold spaces). */
async function cliTop(name: string, ...psArgs: string[]): Promise<string[][]> {
  const lines = (await docker(engine, 'top', name, ...psArgs)).trim().split('\n');
  const columns = lines[0]!.trim().split(/\s+/).length;
  return lines.slice(1).map((line) => {
    const parts = line.trim().split(/\s+/);
    return [...parts.slice(0, columns - 1), parts.slice(columns - 1).join(' ')];
  });
}

const pidOf = (list: ProcessList, command: string) =>
  Number(list.processes.find((p) => p.at(-1) === command)?.[0]);

describe('containers.top and containers.signalProcess', () => {
  it('lists what `docker top` lists, and TERM ends one process found by its PID inside', async () => {
    await docker(
      engine,
      'run',
      '-d',
      '--name',
      'procs',
      busyboxImage,
      'sh',
      '-c',
      'sleep 100000 & sleep 200000',
    );
    let list: ProcessList = { titles: [], processes: [], psArgs: null };
    await until(async () => {
      list = await calls['containers.top']('procs');
      return list.processes.length === 2;
    });
    expect(list.psArgs).toBe(TOP_PS_ARGS);
    expect(list.titles).toEqual(['PID', 'USER', '%CPU', '%MEM', 'COMMAND']);
    const cli = await cliTop('procs', ...TOP_PS_ARGS.split(' '));
    const pidUserCommand = (rows: string[][]) => rows.map((r) => [r[0], r[1], r[4]]).sort();
    expect(pidUserCommand(list.processes)).toEqual(pidUserCommand(cli));

    const hostPid = pidOf(list, 'sleep 100000');
    const inside = await docker(engine, 'exec', 'procs', 'ps', '-o', 'pid,args');
    const insidePid = Number(/^\s*(\d+)\s+sleep 100000$/m.exec(inside)?.[1]);
    expect(insidePid).not.toBe(hostPid); // the namespaces differ: mapping is needed
    const sent = await calls['containers.signalProcess']('procs', { pid: hostPid, signal: 'TERM' });
    expect(sent.containerPid).toBe(insidePid);
    await until(async () => !(await cliTop('procs')).some((r) => r.at(-1) === 'sleep 100000'));
    // Only that process: the main one runs on.
    expect((await cliTop('procs')).map((r) => r.at(-1))).toEqual(['sleep 200000']);
    expect(await docker(engine, 'inspect', '--format', '{{.State.Running}}', 'procs')).toMatch(
      /true/,
    );
  });

  it("signals the main process from the engine, since the kernel shields a container's PID 1 from inside", async () => {
    const list = await calls['containers.top']('procs');
    const main = Number(
      (await docker(engine, 'inspect', '--format', '{{.State.Pid}}', 'procs')).trim(),
    );
    expect(pidOf(list, 'sleep 200000')).toBe(main);
    expect(
      await calls['containers.signalProcess']('procs', { pid: main, signal: 'SIGKILL' }),
    ).toEqual({
      containerPid: 1,
    });
    await until(async () =>
      /false/.test(await docker(engine, 'inspect', '--format', '{{.State.Running}}', 'procs')),
    );
  });

  it('says plainly when the image has no kill, and leaves the process alone', async () => {
    const image = await ensureNoKillImage(engine.endpoint);
    await docker(engine, 'run', '-d', '--name', 'nokill', image, 'sleep', '300000');
    await docker(engine, 'exec', '-d', 'nokill', 'sleep', '100001');
    let list: ProcessList = { titles: [], processes: [], psArgs: null };
    await until(async () => {
      list = await calls['containers.top']('nokill');
      return list.processes.length === 2;
    });
    const pid = pidOf(list, 'sleep 100001');
    await expect(
      calls['containers.signalProcess']('nokill', { pid, signal: 'TERM' }),
    ).rejects.toMatchObject({
      envelope: {
        kind: 'not-found',
        message: expect.stringMatching(/the image has no `kill` command/),
        engineMessage: expect.stringMatching(/executable file not found/),
      },
    });
    expect((await cliTop('nokill')).map((r) => r.at(-1)).sort()).toEqual([
      'sleep 100001',
      'sleep 300000',
    ]);
  });

  it('says which tool is missing when the image has no ps to find the PID inside', async () => {
    const image = await ensureNoKillImage(engine.endpoint, sleepOnlyImage);
    await docker(engine, 'run', '-d', '--name', 'bare', image, 'sleep', '300000');
    await docker(engine, 'exec', '-d', 'bare', 'sleep', '100002');
    let list: ProcessList = { titles: [], processes: [], psArgs: null };
    await until(async () => {
      list = await calls['containers.top']('bare');
      return list.processes.length === 2;
    });
    await expect(
      calls['containers.signalProcess']('bare', {
        pid: pidOf(list, 'sleep 100002'),
        signal: 'TERM',
      }),
    ).rejects.toMatchObject({
      envelope: {
        kind: 'not-found',
        message: expect.stringMatching(/this image's ps is missing/),
        hint: expect.stringMatching(/Only the main process/),
      },
    });
  });

  it("says a stopped container has no processes, in the engine's words", async () => {
    await expect(calls['containers.top']('procs')).rejects.toMatchObject({
      envelope: { message: expect.stringMatching(/procs.*is not running/) },
    });
  });
});
