// The boot step's core: spawns QEMU and waits until its QMP socket answers.
// QEMU fails within a second when it cannot start, and says why on stderr: a
// hardware accelerator it cannot use (start again with TCG), the API port
// taken by someone else meanwhile (pick another), or anything else (fail with
// its words). Until QMP answers the process belongs to this step alone: an
// early exit is handled here, not reported as a crash.
import { spawn, type ChildProcess } from 'node:child_process';
import { open, readFile, rm } from 'node:fs/promises';
import type { VmAccelerator } from '../../contract/vm-channels.ts';
import { sleep, type Clock } from '../clock.ts';
import { acceleratorRefused, fallBackToTcg, type AcceleratorChoice } from './accelerator.ts';
import { QmpClient, type QmpTarget } from './qmp.ts';

export interface LaunchInput {
  qemu: string;
  args: (accelerator: VmAccelerator, apiPort: number) => string[];
  choice: AcceleratorChoice;
  apiPort: number;
  /** Another port, when QEMU says the first is taken; also writes it where the guest reads it. */
  pickPort: () => Promise<number>;
  qmp: QmpTarget;
  /** QEMU's own stderr (not the guest's console). */
  errorLog: string;
  /** QEMU's environment, when not this process's own. */
  env?: NodeJS.ProcessEnv;
  clock: Clock;
  signal: AbortSignal;
  /** Each spawned QEMU, so the caller can end it if the step is abandoned. */
  onSpawn: (child: ChildProcess) => void;
}

export interface Launched {
  child: ChildProcess;
  pid: number;
  qmp: QmpClient;
  choice: AcceleratorChoice;
  apiPort: number;
  argv: string[];
}

export function portTaken(output: string): boolean {
  return /host forwarding rule|address already in use/i.test(output);
}

type Exited = { kind: 'exited'; code: number | null; signal: string | null };
type Outcome = { kind: 'up'; qmp: QmpClient } | Exited;

async function spawnOnce(
  input: LaunchInput,
  argv: string[],
): Promise<{ child: ChildProcess; outcome: Outcome; exited: Promise<Exited> }> {
  await rm(input.errorLog, { force: true });
  const err = await open(input.errorLog, 'w');
  let child: ChildProcess;
  try {
    // Own session: a Ctrl-C in the app's terminal does not take the VM down with it.
    child = spawn(input.qemu, argv, {
      detached: true,
      stdio: ['ignore', 'ignore', err.fd],
      ...(input.env ? { env: input.env } : {}),
    });
  } finally {
    await err.close();
  }
  input.onSpawn(child);
  const exited = new Promise<Exited>((resolve) => {
    child.once('exit', (code, signal) => resolve({ kind: 'exited', code, signal }));
    child.once('error', () => resolve({ kind: 'exited', code: null, signal: null }));
  });
  const gaveUp = new AbortController();
  const up = (async (): Promise<Outcome> => {
    for (;;) {
      try {
        const qmp = await QmpClient.connect(input.qmp, { timeoutMs: 2_000, signal: gaveUp.signal });
        return { kind: 'up', qmp };
      } catch (error) {
        if (gaveUp.signal.aborted) throw error;
        await sleep(input.clock, 100, gaveUp.signal);
      }
    }
  })();
  const onAbort = () => gaveUp.abort(input.signal.reason);
  input.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const outcome = await Promise.race([
      exited,
      up,
      new Promise<never>((_, reject) => {
        if (input.signal.aborted) reject(input.signal.reason);
        input.signal.addEventListener('abort', () => reject(input.signal.reason), { once: true });
      }),
    ]);
    return { child, outcome, exited };
  } finally {
    input.signal.removeEventListener('abort', onAbort);
    gaveUp.abort(new Error('QEMU launch settled'));
    up.catch(() => {});
  }
}

export async function launchQemu(input: LaunchInput): Promise<Launched> {
  let choice = input.choice;
  let apiPort = input.apiPort;
  for (let attempt = 1; ; attempt++) {
    input.signal.throwIfAborted();
    const argv = input.args(choice.accelerator, apiPort);
    const { child, outcome, exited } = await spawnOnce(input, argv);
    // A hardware accelerator may fail once the vCPUs run, just after QMP answered.
    const settled =
      outcome.kind === 'up' && choice.accelerator !== 'tcg'
        ? await Promise.race([exited, sleep(input.clock, 1_500).then(() => outcome)])
        : outcome;
    if (settled.kind === 'exited' && outcome.kind === 'up') outcome.qmp.close();
    if (settled.kind === 'up' && child.pid !== undefined) {
      return { child, pid: child.pid, qmp: settled.qmp, choice, apiPort, argv };
    }
    const said = (await readFile(input.errorLog, 'utf8').catch(() => '')).trim();
    if (attempt < 4 && acceleratorRefused(choice.accelerator, said)) {
      choice = fallBackToTcg(choice.accelerator, said);
      continue;
    }
    if (attempt < 4 && portTaken(said)) {
      apiPort = await input.pickPort();
      continue;
    }
    const how =
      settled.kind === 'exited' && settled.signal
        ? `was killed by ${settled.signal}`
        : 'exited at once';
    throw new Error(`QEMU ${how}${said ? `: ${said.split('\n').slice(-3).join(' / ')}` : ''}`);
  }
}
