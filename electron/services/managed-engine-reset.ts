// "Reset engine": the managed engine starts again from nothing. Its data
// (images, containers, volumes, networks) goes, and so does every host bridge
// it made: its own and one per user network, which dockerd leaves on the host.
// The networks' bridges are written down before anything is deleted, so a
// reset cut short (the app killed mid-way) still finds them the next time.
import { ContractError } from '../contract/errors.ts';
import {
  bridgesInEngineData,
  clearBridgeRecord,
  deleteIdleBridges,
  listNetworkBridges,
  readBridgeRecord,
  writeBridgeRecord,
} from '../engine/engine-bridges.ts';
import type { EngineLayout } from '../engine/managed-layout.ts';
import { resetManagedEngine } from '../engine/managed-reset.ts';
import { toErrorEnvelope } from './engine-errors.ts';

export const RESET_STEPS = [
  'record networks',
  'stop engine',
  'remove data',
  'remove bridges',
  'start engine',
] as const;
export type ResetStep = (typeof RESET_STEPS)[number];

export interface ResetDeps {
  dataDir: string;
  layout: Pick<EngineLayout, 'socketPath' | 'dataRoot'>;
  /** The engine's own bridge (managedBridgeName). */
  bridge: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Each step as it begins; null once the reset is over. */
  onStep(step: ResetStep | null, message: string): void;
}

export interface ResetOutcome {
  /** Folders, mounts and bridges deleted. */
  removed: string[];
  /** Bridges left because something still uses them. */
  kept: string[];
}

export async function resetEngine(deps: ResetDeps): Promise<ResetOutcome> {
  const outcome: ResetOutcome = { removed: [], kept: [] };
  const step = async <T>(name: ResetStep, message: string, run: () => Promise<T>): Promise<T> => {
    deps.onStep(name, message);
    try {
      return await run();
    } catch (err) {
      const envelope = toErrorEnvelope(err, `Couldn't reset the engine`);
      throw new ContractError({
        ...envelope,
        message: `Couldn't reset the engine (${name}): ${envelope.message}`,
        step: name,
        hint:
          name === 'start engine'
            ? 'Its data is gone; press Start to try again, and read the engine log.'
            : 'Nothing after this step was done: press Reset engine again, or read the engine log.',
      });
    }
  };
  try {
    const bridges = await step(
      'record networks',
      'Writing down the networks’ bridges',
      async () => {
        const live = (await listNetworkBridges(deps.layout.socketPath)) ?? [];
        const names = [...(await readBridgeRecord(deps.dataDir)), ...live];
        await writeBridgeRecord(deps.dataDir, names);
        return names;
      },
    );
    await step('stop engine', 'Stopping the engine', () => deps.stop());
    await step('remove data', 'Deleting its images, containers, volumes and networks', async () => {
      // After a crash the engine could not be asked: its own store still names the bridges.
      const stored = await bridgesInEngineData(deps.layout.dataRoot);
      bridges.push(...stored);
      await writeBridgeRecord(deps.dataDir, bridges);
      outcome.removed.push(
        ...(await resetManagedEngine({ dataDir: deps.dataDir, bridge: deps.bridge })),
      );
    });
    await step('remove bridges', 'Deleting the networks’ host bridges', async () => {
      const { deleted, kept } = await deleteIdleBridges(bridges);
      outcome.removed.push(...deleted.map((b) => `bridge ${b}`));
      outcome.kept.push(...kept);
      await clearBridgeRecord(deps.dataDir);
    });
    await step('start engine', 'Starting the engine again', () => deps.start());
    const kept = outcome.kept.length ? ` Kept in use: ${outcome.kept.join(', ')}.` : '';
    deps.onStep(null, `Reset done: removed ${outcome.removed.length} items.${kept}`);
    return outcome;
  } catch (err) {
    deps.onStep(null, `Reset failed: ${(err as Error).message}`);
    throw err;
  }
}
