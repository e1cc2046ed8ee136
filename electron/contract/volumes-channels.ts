// The volumes domain of the contract: the live list of the engine's volumes
// (a mirror like the containers', kept by events).
import { z } from 'zod';
import type { ResourceDelta, ResourceSnapshot } from './mirror-types.ts';

export interface VolumeCalls {
  /** `docker volume ls`, kept by events: the snapshot `volumes.delta` goes on from. */
  'volumes.list': { args: []; result: VolumesSnapshot };
}

export interface VolumeEvents {
  'volumes.delta': VolumesDelta;
}

export interface VolumeSummary {
  /** The volume's name: a volume has no other id. */
  id: string;
  name: string;
  driver: string;
  /** Where its files live on the engine's machine. */
  mountpoint: string;
  scope: string;
  /** As the engine wrote it (RFC 3339); empty when the driver does not say. */
  createdAt: string;
  labels: Record<string, string>;
  /** The driver's options (`docker volume create -o`). */
  options: Record<string, string>;
  /** Names of the containers that mount it, running or not (worked out from the containers). */
  usedBy: string[];
}

export type VolumesDelta = ResourceDelta<VolumeSummary>;
export type VolumesSnapshot = ResourceSnapshot<VolumeSummary>;

export const volumeCallArgs: { [K in keyof VolumeCalls]: z.ZodType<VolumeCalls[K]['args']> } = {
  'volumes.list': z.tuple([]),
};
