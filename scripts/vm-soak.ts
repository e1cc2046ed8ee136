// `node scripts/vm-soak.ts [boots] [outDir]`: boots Berth's VM again and again
// through the app's own VM engine (supervisor and driver), ONE at a time, each
// on a fresh data folder as a fresh CI clone has, and keeps each boot's step
// times and console log. For hunting start flakes: run it while the machine is
// busy. Needs BERTH_VM_IMAGE_DIR (`npm run -s vm-image` prints it).
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsFile } from '../electron/services/settings.ts';
import { createVmEngine } from '../electron/services/vm-engine-adapter.ts';
import { signalProcess } from '../electron/engine/processes.ts';
import { promisify } from 'node:util';

/** Guest clock minus host clock, in seconds, from the engine's own /info (TLS certificates depend on it). */
async function guestClockSkew(url: string, certPath: string): Promise<string> {
  const env = {
    ...process.env,
    DOCKER_HOST: url,
    DOCKER_TLS_VERIFY: '1',
    DOCKER_CERT_PATH: certPath,
  };
  const before = Date.now();
  const { stdout } = await promisify(execFile)('docker', ['info', '--format', '{{.SystemTime}}'], {
    env,
    timeout: 60_000,
  });
  const host = (before + Date.now()) / 2;
  return `${((Date.parse(stdout.trim()) - host) / 1000).toFixed(1)} s`;
}

const boots = Number(process.argv[2] ?? 10);
const outDir = process.argv[3] ?? join(tmpdir(), 'berth-vm-soak');
const imageDir = process.env.BERTH_VM_IMAGE_DIR;
if (!imageDir) throw new Error('Set BERTH_VM_IMAGE_DIR (npm run -s vm-image prints it).');
await mkdir(outDir, { recursive: true });

for (let n = 1; n <= boots; n += 1) {
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-vm-soak-'));
  const engine = createVmEngine({
    dataDir,
    imageDir,
    shares: [],
    settings: new SettingsFile(dataDir),
  });
  const began = Date.now();
  let outcome = 'running';
  try {
    await engine.start();
  } catch (error) {
    outcome = `FAILED: ${String(error)}`;
  }
  const status = engine.status();
  const steps = status.history
    .filter((h) => h.at >= began)
    .map(
      (h) => `${((h.at - began) / 1000).toFixed(1).padStart(6)} s  [${h.step ?? '-'}] ${h.message}`,
    );
  const report = [`boot ${n}: ${outcome} after ${Date.now() - began} ms`, ...steps].join('\n');
  const skew =
    outcome === 'running'
      ? await guestClockSkew(engine.endpoint.url, engine.endpoint.certPath ?? '').catch(
          (error: unknown) => `unknown (${String(error)})`,
        )
      : 'n/a';
  const dockerd = steps.find((line) => line.includes('guest: ready')) ?? '';
  console.log(`${report.split('\n')[0]}; guest clock skew ${skew}; ${dockerd.trim()}`);
  await writeFile(
    join(outDir, `boot-${n}.txt`),
    `${report}\n\n${JSON.stringify(status, null, 2)}\n`,
  );
  await copyFile(engine.driver.layout.consoleLog, join(outDir, `boot-${n}.console.log`)).catch(
    () => undefined,
  );
  const pid = engine.driver.pid;
  await engine.stop().catch((error: unknown) => console.log(`  stop failed: ${String(error)}`));
  await engine.dispose();
  if (pid !== null) signalProcess(pid, 'SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
}
