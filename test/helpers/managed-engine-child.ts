// A stand-in for the app in a separate process: starts a managed engine, says
// so on stdout, then idles until a test kills it (as a user's crash would).
// Usage: node test/helpers/managed-engine-child.ts <dataDir> <bridge> <cidr>

import { ManagedDockerd } from '../../electron/engine/managed-dockerd.ts';
import { EngineSupervisor } from '../../electron/engine/supervisor.ts';

const [dataDir, bridge, bridgeCidr] = process.argv.slice(2);
if (!dataDir || !bridge || !bridgeCidr) {
  process.stderr.write('usage: managed-engine-child.ts <dataDir> <bridge> <cidr>\n');
  process.exit(2);
}

const driver = new ManagedDockerd({
  dataDir,
  bridge,
  bridgeCidr,
  iptables: false,
  dockerdPath: process.env.BERTH_TEST_DOCKERD ?? 'dockerd',
});
const supervisor = new EngineSupervisor({ driver });
try {
  await supervisor.start();
  process.stdout.write(`${JSON.stringify({ state: supervisor.state, pid: driver.pid })}\n`);
  setInterval(() => undefined, 60_000);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ state: supervisor.state, error: String(error) })}\n`);
  process.exit(1);
}
