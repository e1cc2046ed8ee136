// Builds the ManagedEngine the engine manager uses from the supervisor and the
// managed dockerd driver, and keeps a Docker context pointing at it so the
// user's own CLI reaches the same engine (`docker --context berth ps`).
import { homedir } from 'node:os';
import { dockerConfigDir, writeDockerContext } from '../engine/docker-context.ts';
import { ManagedDockerd } from '../engine/managed-dockerd.ts';
import { dataDirSuffix, managedBridgeName } from '../engine/managed-layout.ts';
import { findExecutable } from '../engine/prerequisites.ts';
import { EngineSupervisor } from '../engine/supervisor.ts';
import { resetEngine } from './managed-engine-reset.ts';
import type { ManagedEngine } from './managed-engine-port.ts';
import { followLog, readWholeLog, SupervisedStatus } from './supervised-engine.ts';

interface ManagedEngineSettings {
  dataDir: string;
  dockerdPath: string;
  /** Off when another engine runs beside ours: two daemons rewriting the same chains break each other. */
  iptables: boolean;
  /** Where the Docker CLI keeps contexts; tests point it at a temp folder. */
  dockerConfigDir?: string;
  /** The app's default data folder gets the plain `berth` context; any other folder its own. */
  isDefaultDataDir: boolean;
}

/** dockerd from PATH or the sbin folders, or BERTH_DOCKERD (`none` for "there is none"). */
export async function findDockerd(env: NodeJS.ProcessEnv): Promise<string | null> {
  if (env.BERTH_DOCKERD === 'none') return null;
  return findExecutable(env.BERTH_DOCKERD ?? 'dockerd');
}

export function createManagedEngine(settings: ManagedEngineSettings): ManagedEngine {
  const suffix = dataDirSuffix(settings.dataDir);
  const driver = new ManagedDockerd({
    dataDir: settings.dataDir,
    dockerdPath: settings.dockerdPath,
    iptables: settings.iptables,
    bridge: managedBridgeName(settings.dataDir),
  });
  const supervisor = new EngineSupervisor({ driver });
  const { endpoint, dockerHost } = driver.endpoint;
  const contextName = settings.isDefaultDataDir ? 'berth' : `berth-${suffix}`;
  const configDir =
    settings.dockerConfigDir ?? dockerConfigDir({ env: process.env, homeDir: homedir() });

  const writeContext = () =>
    writeDockerContext({
      configDir,
      name: contextName,
      host: endpoint,
      description: `Berth's managed engine (${settings.dataDir})`,
    }).catch((err: unknown) =>
      console.warn(
        `[engine] couldn't write the Docker context "${contextName}":`,
        (err as Error).message,
      ),
    );

  // A reset runs around the supervisor: its steps and history lines join the supervisor's.
  const board = new SupervisedStatus(supervisor);
  const start = async () => {
    await writeContext();
    await supervisor.start();
  };

  return {
    kind: 'native',
    endpoint: { url: endpoint },
    cliHint: { context: contextName, dockerHost: dockerHost.replace(/^DOCKER_HOST=/, '') },
    status: () => board.status(),
    onStatus: (listener) => board.onStatus(listener),
    start,
    stop: () => supervisor.stop(),
    restart: () => supervisor.restart(),
    reset: () =>
      board.reset(() =>
        resetEngine({
          dataDir: settings.dataDir,
          layout: driver.layout,
          bridge: managedBridgeName(settings.dataDir),
          stop: () => supervisor.stop(),
          start,
          onStep: (step, message) => board.resetStep(step, message),
        }),
      ),
    openLog: (tail) => followLog(driver.layout.logFile, tail, (l) => supervisor.onLogLine(l)),
    readLog: () => readWholeLog(driver.layout.logFile),
    dispose: async () => {
      try {
        await supervisor.stop();
      } finally {
        supervisor.dispose();
      }
    },
  };
}
