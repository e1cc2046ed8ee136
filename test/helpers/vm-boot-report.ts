// What a VM test says when its boot fails or hangs: the supervisor's status
// (state, step, error, the last steps of the start) and the tail of the VM's
// serial console, in the error itself, so a CI log holds the guest's last
// words. A copy of the whole console goes to .tmp/vm-consoles/ for a local run.
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EngineStatus } from '../../electron/contract/engine-types.ts';
import { vmLayout } from '../../electron/engine/vm/vm-layout.ts';

const consoleLines = 80;
const historyEntries = 20;
const keptConsoles = path.join(import.meta.dirname, '../../.tmp/vm-consoles');

type StatusPart = Pick<EngineStatus, 'state' | 'step' | 'error' | 'history'>;

/** The status and console of the VM in `dataDir`, as lines for a test's failure message. */
export async function vmBootReport(
  dataDir: string,
  status: StatusPart | null,
  label = 'vm',
): Promise<string> {
  const lines: string[] = [];
  if (status) {
    lines.push(`state: ${status.state}${status.step ? `, step: ${status.step}` : ''}`);
    if (status.error) lines.push(`error: ${JSON.stringify(status.error)}`);
    lines.push('last start steps:');
    for (const entry of status.history.slice(-historyEntries)) {
      const at = new Date(entry.at).toISOString().slice(11, 23);
      lines.push(`  ${at} [${entry.step ?? entry.state}] ${entry.message.slice(0, 300)}`);
    }
  }
  const file = vmLayout(dataDir).consoleLog;
  const text = await readFile(file, 'utf8').catch(
    (error: Error) => `(no console log: ${error.message})`,
  );
  const tail = text.replace(/\r/g, '').split('\n').slice(-consoleLines);
  lines.push(`VM console (${file}, last ${tail.length} lines):`, ...tail.map((l) => `  | ${l}`));
  const kept = path.join(
    keptConsoles,
    `${label}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`,
  );
  await mkdir(keptConsoles, { recursive: true })
    .then(() => copyFile(file, kept))
    .then(
      () => lines.push(`(whole console kept in ${kept})`),
      () => undefined,
    );
  return lines.join('\n');
}

/**
 * Polls `status` until the VM engine runs; throws on the error state or after
 * `ms`, with the boot report in the message.
 */
export async function waitForVmRunning(
  status: () => StatusPart,
  dataDir: string,
  ms: number,
  label?: string,
): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const now = status();
    if (now.state === 'running') return;
    const why =
      now.state === 'error'
        ? 'The VM did not start'
        : Date.now() > deadline
          ? `The VM did not start within ${ms} ms`
          : null;
    if (why) throw new Error(`${why}:\n${await vmBootReport(dataDir, now, label)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `work`, or its failure with the boot report added: for waits on a VM that boots. */
export async function withVmBootReport<T>(
  work: Promise<T>,
  status: () => StatusPart,
  dataDir: string,
  label?: string,
): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const report = await vmBootReport(dataDir, status(), label);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${report}`, {
      cause: error,
    });
  }
}
