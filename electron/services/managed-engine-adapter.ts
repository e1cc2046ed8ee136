// Builds the ManagedEngine the engine manager uses from the supervisor and the
// managed dockerd driver, and keeps a Docker context pointing at it so the
// user's own CLI reaches the same engine (`docker --context berth ps`).
import { open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { Readable } from 'node:stream';
import { ContractError } from '../contract/errors.ts';
import { dockerConfigDir, writeDockerContext } from '../engine/docker-context.ts';
import { readLastLines } from '../engine/log-tail.ts';
import { ManagedDockerd } from '../engine/managed-dockerd.ts';
import { dataDirSuffix, managedBridgeName } from '../engine/managed-layout.ts';
import { findExecutable } from '../engine/prerequisites.ts';
import { EngineSupervisor } from '../engine/supervisor.ts';
import type { EngineHistoryEntry } from '../contract/engine-types.ts';
import { resetEngine, type ResetStep } from './managed-engine-reset.ts';
import type { ManagedEngine, ManagedStatus } from './managed-engine-port.ts';

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
  let resetStep: ResetStep | null = null;
  let resetting: Promise<unknown> | null = null;
  const resetHistory: EngineHistoryEntry[] = [];
  const listeners = new Set<(status: ManagedStatus) => void>();
  const status = (): ManagedStatus => {
    const s = supervisor.status();
    if (resetHistory.length === 0) return s;
    const history = [...s.history, ...resetHistory].sort((a, b) => a.at - b.at).slice(-200);
    const step = resetStep ? `reset: ${resetStep}${s.step ? ` · ${s.step}` : ''}` : s.step;
    return { ...s, history, ...(step ? { step } : {}) };
  };
  const tell = () => {
    const now = status();
    for (const listener of listeners) listener(now);
  };
  supervisor.onStatus(() => tell());
  const start = async () => {
    await writeContext();
    await supervisor.start();
  };

  return {
    kind: 'native',
    endpoint: { url: endpoint },
    cliHint: { context: contextName, dockerHost: dockerHost.replace(/^DOCKER_HOST=/, '') },
    status,
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start,
    stop: () => supervisor.stop(),
    restart: () => supervisor.restart(),
    reset: () => {
      if (resetting) {
        throw new ContractError({
          kind: 'conflict',
          message: 'The engine is being reset already.',
          hint: 'Wait for it to start again.',
        });
      }
      const run = resetEngine({
        dataDir: settings.dataDir,
        layout: driver.layout,
        bridge: managedBridgeName(settings.dataDir),
        stop: () => supervisor.stop(),
        start,
        onStep: (step, message) => {
          resetStep = step;
          resetHistory.push({
            at: Date.now(),
            state: supervisor.status().state,
            ...(step ? { step: `reset: ${step}` } : {}),
            message,
          });
          if (resetHistory.length > 50) resetHistory.shift();
          tell();
        },
      });
      resetting = run;
      return run.finally(() => (resetting = null));
    },
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

async function readWholeLog(file: string): Promise<Readable> {
  try {
    // Opened first, so a missing file is an answer rather than an error mid-download.
    return (await open(file)).createReadStream();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new ContractError({
      kind: 'not-found',
      message: 'The managed engine has not written a log yet.',
      hint: 'Start it on the Engine page first.',
    });
  }
}

/** Caps what a slow reader can pile up; the UI keeps only the last few hundred lines anyway. */
const MAX_BUFFERED_LOG_BYTES = 1 << 20;

function followLog(
  file: string,
  tail: number,
  subscribe: (listener: (line: string) => void) => () => void,
): Readable {
  const early: string[] = [];
  let ready = false;
  const stream = new Readable({ read() {} });
  const push = (line: string) => {
    if (stream.readableLength < MAX_BUFFERED_LOG_BYTES) stream.push(`${line}\n`);
  };
  const unsubscribe = subscribe((line) => (ready ? push(line) : early.push(line)));
  stream.once('close', unsubscribe);
  readLastLines(file, tail)
    .then((lines) => {
      // Lines that arrived while the file was read may also be in the file's tail.
      const seen = new Set(lines.slice(-early.length));
      for (const line of lines) push(line);
      for (const line of early) if (!seen.has(line)) push(line);
      ready = true;
    })
    .catch((err: unknown) => stream.destroy(err as Error));
  return stream;
}
