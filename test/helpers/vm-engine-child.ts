// A stand-in for the app in a separate process: starts Berth's VM through the
// VM engine (supervisor and driver), says so on stdout, then idles until a
// test kills it (as a user's crash would), leaving QEMU running.
// Usage: node test/helpers/vm-engine-child.ts <dataDir> <imageDir> [share]

import { SettingsFile } from '../../electron/services/settings.ts';
import { createVmEngine } from '../../electron/services/vm-engine-adapter.ts';

const [dataDir, imageDir, share] = process.argv.slice(2);
if (!dataDir || !imageDir) {
  process.stderr.write('usage: vm-engine-child.ts <dataDir> <imageDir> [share]\n');
  process.exit(2);
}

const engine = createVmEngine({
  dataDir,
  imageDir,
  shares: share ? [share] : [],
  settings: new SettingsFile(dataDir),
});
try {
  await engine.start();
  const said = {
    state: engine.status().state,
    pid: engine.driver.pid,
    apiPort: engine.driver.apiPort,
  };
  process.stdout.write(`${JSON.stringify(said)}\n`);
  setInterval(() => undefined, 60_000);
} catch (error) {
  const said = {
    state: engine.status().state,
    error: String(error),
    log: engine.status().lastLogLines,
  };
  process.stdout.write(`${JSON.stringify(said)}\n`);
  process.exit(1);
}
