// Wires the app from the real machine: discovery over this process's
// environment and home folder, and the managed engine where one can run: a
// private dockerd on Linux, Berth's Linux VM on macOS and Windows (and on
// Linux with --engine vm).
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EngineCandidate } from '../contract/engine-types.ts';
import { discoverEngines, noEngineAdvice } from '../engine/discovery.ts';
import { defaultDataDir, type AppOptions } from './app-options.ts';
import { createAppServices, type AppServices, type AppServicesExtras } from './app-services.ts';
import { ensureDataDir } from './data-dir.ts';
import { withoutOwnContext } from './engine-provider.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { embeddedEngineKind } from './embedded-engine.ts';
import { createManagedEngine, findDockerd } from './managed-engine-adapter.ts';
import type { ManagedEngine } from './managed-engine-port.ts';
import { SettingsFile } from './settings.ts';
import { createVmEngine, findVmImage } from './vm-engine-adapter.ts';
import { VmNetworking, vmSharedFolders } from './vm-networking.ts';

const PROBE_TIMEOUT_MS = 1500;

export async function createDefaultApp(
  options: AppOptions,
  face: Pick<AppServicesExtras, 'sampleSiteDir'> = {},
): Promise<AppServices> {
  await ensureDataDir(options.dataDir);
  const lock = await lockDataDir(options.dataDir);
  const discoverNow = () =>
    discoverEngines({
      env: process.env,
      homeDir: homedir(),
      platform: process.platform,
      ...(process.getuid ? { uid: process.getuid() } : {}),
      ...(process.env.BERTH_NO_WELL_KNOWN_SOCKETS === '1' ? { wellKnownSockets: [] } : {}),
      timeoutMs: PROBE_TIMEOUT_MS,
    });
  // One look answers both start-up questions: is another engine running (for
  // iptables), and what the manager lists first. Later looks (Retry) probe again.
  let firstLook: Promise<EngineCandidate[]> | null = discoverNow();
  // Awaited below; this only keeps a failure from counting as unhandled while dockerd is looked up.
  firstLook.catch(() => {});
  const discover = async () => {
    const look = firstLook ?? discoverNow();
    firstLook = null;
    // The Docker context Berth writes for its own engine is found too: that engine is already `managed`.
    return withoutOwnContext(await look, {
      url: managed?.endpoint.url,
      context: vmNetworking?.contextName,
    });
  };
  const settings = new SettingsFile(options.dataDir);
  const embedded = embeddedEngineKind(process.platform, options.engine);
  const dockerd =
    embedded === 'native' && process.platform === 'linux' ? await findDockerd(process.env) : null;
  let managed: ManagedEngine | null = null;
  let vmNetworking: VmNetworking | null = null;
  if (embedded === 'vm') {
    vmNetworking = new VmNetworking({
      dataDir: options.dataDir,
      isDefaultDataDir: options.dataDir === defaultDataDir({}, process.platform),
      env: process.env,
    });
    const networking = vmNetworking;
    managed = networking.attach(
      createVmEngine({
        dataDir: options.dataDir,
        // Electron's packaged resources folder; absent under plain Node.
        imageDir: findVmImage(
          process.env,
          (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath,
        ),
        ...(await vmSharedFolders(settings, process.env)),
        settings,
        portProblems: () => networking.portProblems(),
      }),
    );
  } else if (dockerd) {
    // iptables only when ours is the only engine (BERTH_MANAGED_IPTABLES=0|1 decides for tests).
    const forced = process.env.BERTH_MANAGED_IPTABLES;
    const iptables =
      forced !== undefined
        ? forced === '1'
        : !(await (firstLook ?? discoverNow())).some((c) => c.state === 'reachable');
    managed = createManagedEngine({
      dataDir: options.dataDir,
      dockerdPath: dockerd,
      iptables,
      isDefaultDataDir: options.dataDir === defaultDataDir({}, process.platform),
    });
  }
  const services = createAppServices(
    {
      mode: options.engine,
      discover,
      managed,
      noEngineAdvice: noEngineAdvice(process.platform, dockerd !== null),
      settings,
    },
    // Tests count the engine stats requests the app holds open from these lines.
    {
      ...face,
      layerCacheDir: join(options.dataDir, 'layer-cache'),
      ...(process.env.BERTH_TRACE_STATS === '1' ? { traceStats: (line) => console.log(line) } : {}),
    },
  );
  vmNetworking?.onChange(() => services.manager.vmChanged());
  const dispose = services.dispose;
  services.dispose = async () => {
    try {
      await dispose();
    } finally {
      await lock.release();
    }
  };
  await services.manager.init();
  return services;
}
