// Berth's Linux VM: cold start (VM off, data disk and certificates made) to
// engine ready, and a warm restart, through the app's own supervisor, next to
// the kernel's own boot to userspace (QEMU start to the guest init's first
// marker) under the same accelerator in the same run. Also printed beside
// their goals: each start step's share, QEMU's resident memory and its CPU
// while idle.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineHistoryEntry } from '../../electron/contract/engine-types.ts';
import { SettingsFile } from '../../electron/services/settings.ts';
import { createVmEngine } from '../../electron/services/vm-engine-adapter.ts';
import { bootKernelToInit } from '../../test/helpers/vm-boot.ts';
import { timed } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

const IDLE_SECONDS = 20;
/** dockerd and the guest settle after `ready` before the VM counts as idle. */
const SETTLE_SECONDS = 10;

export async function measureVmStart(imageDir: string, runs: number): Promise<BenchRow[]> {
  const kernel: number[] = [];
  for (let i = 0; i < runs; i++) kernel.push(await bootKernelToInit(imageDir));

  const dataDir = await mkdtemp(join(tmpdir(), 'berth-bench-vm-'));
  const engine = createVmEngine({
    dataDir,
    imageDir,
    shares: [],
    settings: new SettingsFile(dataDir),
  });
  const cold: number[] = [];
  const warm: number[] = [];
  try {
    // The very first start also formats the data disk and makes the certificates.
    const first = await timed(() => engine.start());
    console.log(`  first start ever (new disk, new certificates): ${Math.round(first.ms)} ms`);
    await engine.stop();
    let shares = '';
    for (let i = 0; i < runs; i++) {
      const began = Date.now();
      cold.push((await timed(() => engine.start())).ms);
      shares = stepShares(engine.status().history, began);
      if (i === runs - 1) await reportResources(engine.driver.pid);
      warm.push((await timed(() => engine.restart())).ms);
      await engine.stop();
    }
    const accel = engine.vm.status().accelerator ?? 'unknown';
    console.log(`  accelerator: ${accel}; steps of the last cold start: ${shares}`);
    const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `  goal: cold start under 2x the kernel's boot to /init: ${(p50(cold) / p50(kernel)).toFixed(2)}x at p50` +
        (accel === 'tcg' ? ' (TCG); with KVM or HVF, under 3 s to ready: not measurable here' : ''),
    );
  } finally {
    await engine.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
  const label = 'kernel boot to /init (same accelerator)';
  return [
    ...summarize(
      'VM cold start -> engine ready',
      cold,
      kernel,
      label,
      'VM off, disk and certs made',
    ),
    ...summarize('VM warm restart -> engine ready', warm, kernel, label, 'power-off, then start'),
  ];
}

/** Each step's share of the start that began at `since`, from the supervisor's history. */
function stepShares(history: EngineHistoryEntry[], since: number): string {
  // A step shows twice in the history (as it begins, and its note as it ends): keep where it began.
  const steps = history.filter(
    (h, i) => h.at >= since && h.step && h.step !== history[i - 1]?.step,
  );
  const end = history.findLast((h) => h.state === 'running')?.at ?? Date.now();
  const total = end - (steps[0]?.at ?? end);
  return steps
    .map((h, i) => {
      const next = steps[i + 1]?.at ?? end;
      return `${h.step} ${Math.round(next - h.at)} ms (${Math.round(((next - h.at) / total) * 100)}%)`;
    })
    .join(', ');
}

/** QEMU's resident memory now and its CPU over an idle stretch, beside their goals. */
async function reportResources(pid: number | null): Promise<void> {
  if (pid === null) return;
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1]);
  const ticks = async () => {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
  const before = await ticks();
  await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  const cpu = ((await ticks()) - before) / 100 / IDLE_SECONDS;
  console.log(
    `  QEMU resident memory ${(rssKiB / 1024).toFixed(0)} MiB (goal under 1024 MiB); ` +
      `idle CPU ${(cpu * 100).toFixed(1)}% of a core over ${IDLE_SECONDS} s (goal under 1%)`,
  );
}
