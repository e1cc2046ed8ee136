// The channels of each mirrored resource: `R.list` answers its snapshot and
// `R.delta` carries its changes. Checked here for every resource, so a new one
// (volumes, networks) fails to compile until its domain file declares both.
import type { CallChannel, Calls, EventChannel, Events } from './channels.ts';
import type {
  MirroredResource,
  MirroredRows,
  ResourceDelta,
  ResourceSnapshot,
} from './mirror-types.ts';

type Holds<R extends MirroredResource> =
  Events[`${R}.delta`] extends ResourceDelta<MirroredRows[R]>
    ? Calls[`${R}.list`]['result'] extends ResourceSnapshot<MirroredRows[R]>
      ? true
      : never
    : never;

/** One entry per mirrored resource; `true` compiles only when its channels hold. */
export const mirroredResources: { [R in MirroredResource]: Holds<R> } = {
  containers: true,
  images: true,
  volumes: true,
  networks: true,
};

export function deltaChannel<R extends MirroredResource>(resource: R): `${R}.delta` & EventChannel {
  return `${resource}.delta` as `${R}.delta` & EventChannel;
}

export function listChannel<R extends MirroredResource>(resource: R): `${R}.list` & CallChannel {
  return `${resource}.list` as `${R}.list` & CallChannel;
}
