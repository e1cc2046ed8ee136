// The volumes of one engine, on the resource mirror (mirror/resource-mirror.ts).
// A volume's id is its name. Its events name it (create, destroy; mount and
// unmount change nothing in the row), and "in use by" is worked out from the
// containers of the same engine before each delta goes out, as an image's is.
import type { ContainerSummary } from '../../contract/container-types.ts';
import type {
  VolumeSummary,
  VolumesDelta,
  VolumesSnapshot,
} from '../../contract/volumes-channels.ts';
import { HELPER_LABEL } from '../../contract/volume-files-channels.ts';
import type { EngineEvent } from '../events/engine-event.ts';
import { ResourceMirror } from '../mirror/resource-mirror.ts';

/** A volume as `GET /volumes` lists it, before what it derives from the containers. */
export type ListedVolume = Omit<VolumeSummary, 'usedBy'>;

export interface VolumeEngine {
  /** Every volume, or at least those named (a name missing from the answer is gone). */
  list(names?: string[]): Promise<ListedVolume[]>;
}

interface VolumesMirrorOptions {
  engineId: string;
  engine: VolumeEngine;
  containers(): Iterable<ContainerSummary>;
  onDelta(delta: VolumesDelta): void;
  onError(message: string): void;
  nextSeq?: () => number;
  coalesceMs?: number;
}

export class VolumesMirror {
  readonly #core: ResourceMirror<VolumeSummary>;
  readonly #opts: VolumesMirrorOptions;

  constructor(opts: VolumesMirrorOptions) {
    this.#opts = opts;
    this.#core = new ResourceMirror<VolumeSummary>({
      engineId: opts.engineId,
      noun: 'volumes',
      source: {
        list: async (names) =>
          (await opts.engine.list(names))
            .filter((v) => !names || names.includes(v.name))
            .map((v) => ({ ...v, usedBy: this.#core.get(v.id)?.usedBy ?? [] })),
      },
      onDelta: opts.onDelta,
      onError: opts.onError,
      derive: (rows) => this.#derive(rows),
      ...(opts.nextSeq ? { nextSeq: opts.nextSeq } : {}),
      ...(opts.coalesceMs !== undefined ? { coalesceMs: opts.coalesceMs } : {}),
    });
  }

  snapshot(): VolumesSnapshot {
    return this.#core.snapshot();
  }

  heal(): Promise<void> {
    return this.#core.heal();
  }

  applyEvent(event: EngineEvent): void {
    if (event.type !== 'volume') return;
    // A prune names no volume (dockerd 20.10 sends no destroy for the ones it removes).
    if (event.action === 'prune') this.#core.touchAll();
    if (!event.actorId) return;
    if (event.action === 'destroy') this.#core.remove(event.actorId);
    else if (event.action === 'create') this.#core.touch(event.actorId);
  }

  /** The container list moved: "in use by" may have. */
  containersChanged(): void {
    this.#core.rederive();
  }

  dispose(): void {
    this.#core.dispose();
  }

  #derive(rows: ReadonlyMap<string, VolumeSummary>): VolumeSummary[] {
    const usedBy = new Map<string, string[]>();
    for (const c of this.#opts.containers()) {
      // Berth's own short-lived reader of a volume's files is not a user of it.
      if (c.labels[HELPER_LABEL] !== undefined) continue;
      for (const m of c.mounts) {
        if (m.type !== 'volume' || !m.name) continue;
        const names = usedBy.get(m.name) ?? [];
        if (!names.includes(c.name)) names.push(c.name);
        usedBy.set(m.name, names);
      }
    }
    const changed: VolumeSummary[] = [];
    for (const volume of rows.values()) {
      const names = (usedBy.get(volume.name) ?? []).sort();
      if (names.join('\n') !== volume.usedBy.join('\n')) changed.push({ ...volume, usedBy: names });
    }
    return changed;
  }
}
