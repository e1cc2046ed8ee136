// Wires the app from the real machine: discovery over this process's
// environment and home folder, and the managed engine where one can run.
import { homedir } from 'node:os';
import { discoverEngines, noEngineAdvice } from '../engine/discovery.ts';
import type { AppOptions } from './app-options.ts';
import { createAppServices, type AppServices } from './app-services.ts';
import { createManagedEngine, findDockerd } from "./managed-engine-adapter.ts";
import { SettingsFile } from './settings.ts';

const PROBE_TIMEOUT_MS = 1500;

export async function createDefaultApp(options: AppOptions): Promise<AppServices> {
  const dockerd = findDockerd(process.env);
  const managed =
    process.platform === 'linux' && dockerd
      ? await createManagedEngine({ dataDir: options.dataDir, dockerdPath: dockerd })
      : null;
  const services = createAppServices({
    mode: options.engine,
    discover: () =>
      discoverEngines({
        env: process.env,
        homeDir: homedir(),
        platform: process.platform,
        ...(process.getuid ? { uid: process.getuid() } : {}),
        timeoutMs: PROBE_TIMEOUT_MS,
      }),
    managed,
    noEngineAdvice: noEngineAdvice(process.platform, dockerd !== null),
    settings: new SettingsFile(options.dataDir),
  });
  await services.manager.init();
  return services;
}
