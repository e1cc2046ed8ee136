// How a service reads in its row: ports as `docker service ls` prints them,
// and its rolling update in words with how far it got.
import type {
  PublishedPort,
  SwarmServiceRow,
  SwarmTaskRow,
} from '../../../electron/contract/swarm-types.ts';
import { updateProgress } from '../../../electron/contract/swarm-derive.ts';

/** `*:8080->80/tcp`, as `docker service ls` shows a published port. */
export function portsText(ports: PublishedPort[]): string {
  return (
    ports
      .map((p) =>
        p.published !== undefined
          ? `*:${p.published}->${p.target}/${p.protocol}${p.mode === 'host' ? ' (host)' : ''}`
          : `${p.target}/${p.protocol}`,
      )
      .join(', ') || '—'
  );
}

const UNDER_WAY = new Set(['updating', 'rollback_started']);

export interface UpdateText {
  words: string;
  /** While tasks are being replaced: how many run the service's image, of how many. */
  progress?: { updated: number; desired: number };
}

/** The service's last update, with progress while it runs; null when it was never updated. */
export function updateText(
  service: SwarmServiceRow,
  tasks: Iterable<SwarmTaskRow>,
): UpdateText | null {
  const update = service.update;
  if (!update) return null;
  const words = update.state.replace(/_/g, ' ');
  if (!UNDER_WAY.has(update.state)) return { words };
  return { words, progress: updateProgress(service, tasks) };
}

/** The image without the digest the CLI pins (`busybox:latest@sha256:…`). */
export function unpinned(image: string): string {
  return image.replace(/@sha256:[0-9a-f]{64}$/, '');
}
