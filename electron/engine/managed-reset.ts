// "Reset the managed engine": delete its folder (images, containers, volumes)
// and its bridge, so the next start begins from nothing. Only a stopped engine
// can be reset; deleting a data-root under a running dockerd corrupts it.

import { rm } from 'node:fs/promises';
import { ContractError } from '../contract/errors.ts';
import { deleteBridge } from './bridge.ts';
import { engineLayout, managedBridgeName } from './managed-layout.ts';
import { unmountAllUnder } from './mounts.ts';
import { findProcessesUsing } from './processes.ts';

export interface ResetOptions {
  dataDir: string;
  /** The bridge the engine used; by default the one named after `dataDir` (managedBridgeName). */
  bridge?: string;
  shortDirBase?: string;
}

/** Deletes the managed engine's folder and bridge; returns what was removed. */
export async function resetManagedEngine(opts: ResetOptions): Promise<string[]> {
  const layout = engineLayout(opts.dataDir, opts.shortDirBase);
  const dirs = [layout.engineDir, ...(layout.shortDir ? [layout.shortDir] : [])];
  const users = await findProcessesUsing(dirs);
  if (users.length > 0) {
    const list = users
      .slice(0, 5)
      .map((p) => `${p.pid} (${p.argv[0] ?? '?'})`)
      .join(', ');
    throw new ContractError({
      kind: 'conflict',
      message: `The managed engine is still running (process ${list}), so its data was not deleted.`,
      hint: 'Stop the engine first, then reset it.',
    });
  }
  const removed: string[] = [];
  for (const dir of dirs) {
    // A dockerd that was killed leaves its data-root bind-mounted on itself.
    removed.push(...(await unmountAllUnder(dir)).map((m) => `mount ${m}`));
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  const bridge = opts.bridge ?? managedBridgeName(opts.dataDir);
  if (await deleteBridge(bridge)) removed.push(`bridge ${bridge}`);
  return removed;
}
