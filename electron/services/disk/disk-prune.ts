// `docker container prune`, `docker volume prune` and `docker builder prune`:
// a preview by the engine's own rules, then the prune, answered with what the
// engine says it removed and freed.
// - Containers (daemon/prune.go): every container not running (created,
//   exited, dead; a paused or restarting one counts as running); the engine
//   frees their writable layers (SizeRw).
// - Volumes (volume/service): local-driver volumes no container uses, running
//   or not. Up to API 1.41 (dockerd 20.10) that is every such volume, named or
//   anonymous, and the engine refuses an `all` filter; from API 1.42 only
//   anonymous ones unless `all=true`. The engine frees what it measured.
// - Build cache (BuildKit's cache manager): records not in use; without
//   `--all`, not internal, frontend or shared ones either.
import type Docker from 'dockerode';
import type {
  DiskPruneItem,
  DiskPrunePreview,
  DiskPruneQuery,
  DiskPruneResult,
} from '../../contract/disk-channels.ts';
import { ContractError } from '../../contract/errors.ts';
import { toErrorEnvelope } from '../engine-errors.ts';
import type { RawDf, RawDfCache } from './df-rules.ts';

export interface PruneDeps {
  /** Short questions (lists). */
  calls(): Docker;
  /** The prunes and `/system/df`, which walk whole filesystems: no socket timeout. */
  streams(): Docker;
  /** The engine's API version ("1.41"). */
  apiVersion(): Promise<string>;
}

/** Engines from API 1.42 prune anonymous volumes only, unless asked for all. */
export function volumesByAnonymity(apiVersion: string): boolean {
  const [major = 0, minor = 0] = apiVersion.split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 42);
}

const ANONYMOUS = 'com.docker.volume.anonymous';

interface RawVolume {
  Name: string;
  Driver?: string;
  Labels?: Record<string, string> | null;
  UsageData?: { Size?: number; RefCount?: number } | null;
}

interface VolumePlan {
  items: DiskPruneItem[];
  kept: number;
  allSupported: boolean;
  rule: string;
}

function planVolumes(
  volumes: readonly RawVolume[],
  all: boolean,
  byAnonymity: boolean,
): VolumePlan {
  const local = volumes.filter((v) => (v.Driver ?? 'local') === 'local');
  const unused = local.filter((v) => (v.UsageData?.RefCount ?? 0) === 0);
  const chosen =
    byAnonymity && !all ? unused.filter((v) => v.Labels && ANONYMOUS in v.Labels) : unused;
  return {
    items: chosen.map((v) => ({ id: v.Name, name: v.Name, size: v.UsageData?.Size ?? -1 })),
    kept: volumes.length - chosen.length,
    allSupported: byAnonymity,
    rule: byAnonymity
      ? all
        ? 'This engine removes every local volume no container uses, named or anonymous.'
        : 'This engine removes only anonymous volumes no container uses; named ones stay unless you choose all unused volumes.'
      : 'This engine (API 1.41 and older) removes every local volume no container uses, named or anonymous: it has no option to keep named ones.',
  };
}

function planCache(records: readonly RawDfCache[], all: boolean): DiskPruneItem[] {
  return records
    .filter((r) => !r.InUse)
    .filter((r) => all || !(r.Shared || r.Type === 'internal' || r.Type === 'frontend'))
    .map((r) => ({ id: r.ID, name: r.Description || r.Type || r.ID, size: r.Size ?? 0 }));
}

const total = (items: readonly DiskPruneItem[]) =>
  items.reduce((sum, i) => sum + Math.max(0, i.size), 0);

export async function prunePreview(
  deps: PruneDeps,
  query: DiskPruneQuery,
): Promise<DiskPrunePreview> {
  try {
    if (query.kind === 'containers') {
      const [all, stopped] = await Promise.all([
        deps.calls().listContainers({ all: true }),
        deps.streams().listContainers({
          all: true,
          size: true,
          filters: JSON.stringify({ status: ['created', 'exited', 'dead'] }),
        }),
      ]);
      const items = stopped.map((c) => ({
        id: c.Id,
        name: (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
        size: (c as { SizeRw?: number }).SizeRw ?? 0,
      }));
      return {
        kind: 'containers',
        all: false,
        items,
        bytes: total(items),
        kept: all.length - items.length,
        allSupported: false,
        rule: 'Removes every container that is not running (created, exited or dead); running and paused ones stay.',
      };
    }
    const df = (await deps.streams().df()) as RawDf & { Volumes?: RawVolume[] | null };
    if (query.kind === 'volumes') {
      const byAnonymity = volumesByAnonymity(await deps.apiVersion());
      const plan = planVolumes(df.Volumes ?? [], query.all, byAnonymity);
      return {
        kind: 'volumes',
        all: byAnonymity && query.all,
        items: plan.items,
        bytes: total(plan.items),
        kept: plan.kept,
        allSupported: plan.allSupported,
        rule: plan.rule,
      };
    }
    const records = df.BuildCache ?? [];
    const items = planCache(records, query.all);
    return {
      kind: 'buildCache',
      all: query.all,
      items,
      bytes: total(items),
      kept: records.length - items.length,
      allSupported: true,
      rule:
        records.length === 0
          ? 'The engine keeps no build cache (the classic builder keeps none; BuildKit does).'
          : query.all
            ? 'Removes every build cache record not in use.'
            : 'Removes build cache records not in use, except internal, frontend and shared ones.',
    };
  } catch (err) {
    throw new ContractError(toErrorEnvelope(err, "Couldn't work out what a prune would remove"));
  }
}

interface Dial {
  modem: {
    dial(
      opts: {
        path: string;
        method: string;
        options?: Record<string, unknown>;
        statusCodes: Record<number, boolean | string>;
      },
      done: (err: unknown, data: unknown) => void,
    ): void;
  };
}

/** `POST /build/prune?all=…`: dockerode's own pruneBuilder sends no options. */
function pruneBuilder(docker: Docker, all: boolean) {
  return new Promise<{ CachesDeleted?: string[] | null; SpaceReclaimed?: number }>(
    (resolve, reject) =>
      (docker as unknown as Dial).modem.dial(
        {
          path: '/build/prune?',
          method: 'POST',
          options: all ? { all: true } : {},
          statusCodes: { 200: true, 500: 'server error' },
        },
        (err, data) => (err ? reject(err) : resolve(data as never)),
      ),
  );
}

export async function prune(deps: PruneDeps, query: DiskPruneQuery): Promise<DiskPruneResult> {
  try {
    if (query.kind === 'containers') {
      const names = new Map(
        (await deps.calls().listContainers({ all: true })).map((c) => [
          c.Id,
          (c.Names[0] ?? '').replace(/^\//, ''),
        ]),
      );
      const reply = await deps.streams().pruneContainers();
      return {
        kind: 'containers',
        removed: (reply.ContainersDeleted ?? []).map((id) => ({
          id,
          name: names.get(id) || id.slice(0, 12),
          size: -1,
        })),
        bytesFreed: reply.SpaceReclaimed ?? 0,
      };
    }
    if (query.kind === 'volumes') {
      const byAnonymity = volumesByAnonymity(await deps.apiVersion());
      const reply = await deps
        .streams()
        .pruneVolumes(byAnonymity && query.all ? { filters: { all: ['true'] } } : {});
      return {
        kind: 'volumes',
        removed: (reply.VolumesDeleted ?? []).map((name) => ({ id: name, name, size: -1 })),
        bytesFreed: reply.SpaceReclaimed ?? 0,
      };
    }
    const reply = await pruneBuilder(deps.streams(), query.all);
    return {
      kind: 'buildCache',
      removed: (reply.CachesDeleted ?? []).map((id) => ({ id, name: id, size: -1 })),
      bytesFreed: reply.SpaceReclaimed ?? 0,
    };
  } catch (err) {
    const what = { containers: 'containers', volumes: 'volumes', buildCache: 'the build cache' };
    throw new ContractError(toErrorEnvelope(err, `Couldn't prune ${what[query.kind]}`));
  }
}

export { planCache, planVolumes };
