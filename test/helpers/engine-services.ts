// The app's services on a managed engine of their own, as most engine-backed
// suites need them: the engine started through the product's supervisor
// (managed-engine.ts), the busybox test image loaded, and createAppServices
// pointed at that engine only (no discovery), with its settings in a scratch
// folder of the suite's own.
//
//   let env: EngineServices;
//   beforeAll(async () => { env = await startEngineServices({ name: 'volumes' }); });
//   afterAll(async () => { await env?.dispose(); });

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAppServices,
  type AppServices,
  type AppServicesExtras,
} from '../../electron/services/app-services.ts';
import { SettingsFile } from '../../electron/services/settings.ts';
import { Dispatcher } from '../../electron/transport/dispatcher.ts';
import { ensureBusyboxImage } from './busybox-image.ts';
import { startManagedEngine, type TestEngine } from './managed-engine.ts';

export interface EngineServicesOptions {
  /** Names the scratch folder (`berth-<name>-…` in the temp folder). */
  name: string;
  /** Loads the busybox test image before the services start; default true. */
  busybox?: boolean;
  /** createAppServices' extras; a function is given the scratch folder (e.g. for a cache in it). */
  extras?: AppServicesExtras | ((scratch: string) => AppServicesExtras);
}

export interface EngineServices {
  engine: TestEngine;
  services: AppServices;
  /** A dispatcher on the services, as a transport would hold. */
  dispatcher: Dispatcher;
  /** The engine's data folder. */
  dataDir: string;
  /** The suite's own temp folder (settings.json lives in it); deleted by dispose. */
  scratch: string;
  /** Disposes the services, cleans the engine up (processes, mounts, folder, bridges) and deletes the scratch folder. */
  dispose(): Promise<void>;
}

export async function startEngineServices(opts: EngineServicesOptions): Promise<EngineServices> {
  const engine = await startManagedEngine();
  let scratch: string | undefined;
  let services: AppServices | undefined;
  const dispose = async () => {
    await services?.dispose();
    await engine.cleanup();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  };
  try {
    if (opts.busybox ?? true) await ensureBusyboxImage(engine.endpoint);
    scratch = await mkdtemp(join(tmpdir(), `berth-${opts.name}-`));
    const extras = typeof opts.extras === 'function' ? opts.extras(scratch) : opts.extras;
    services = createAppServices(
      {
        mode: engine.endpoint,
        discover: async () => [],
        managed: null,
        noEngineAdvice: 'Install docker.io.',
        settings: new SettingsFile(scratch),
      },
      extras,
    );
    await services.manager.init();
    return {
      engine,
      services,
      dispatcher: new Dispatcher(services),
      dataDir: engine.dataDir,
      scratch,
      dispose,
    };
  } catch (error) {
    // The suite's afterAll has nothing to dispose yet: leave no engine behind.
    await dispose();
    throw error;
  }
}
