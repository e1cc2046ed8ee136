// What an engine event tells us about a container before we ask the engine
// for the details: enough to move a row within a blink. The mirror then
// refreshes the row from the engine, so guesses never last.
import type { ContainerState, ContainerSummary } from '../../contract/container-types.ts';
import type { EngineEvent } from '../events/engine-event.ts';

type ContainerChange =
  | { kind: 'upsert'; container: ContainerSummary }
  | { kind: 'remove'; id: string }
  | { kind: 'none' };

const stateAfter: Record<string, ContainerState> = {
  create: 'created',
  start: 'running',
  restart: 'running',
  unpause: 'running',
  pause: 'paused',
  die: 'exited',
  died: 'exited', // Podman's word
};

/** The state an event says the container is in now, if it says one. */
export function stateImpliedBy(event: EngineEvent): ContainerState | undefined {
  return stateAfter[event.action];
}

/** Applies one container event to the known row, if the event says enough. */
export function applyContainerEvent(
  known: ContainerSummary | undefined,
  event: EngineEvent,
): ContainerChange {
  if (event.type !== 'container' || !event.actorId) return { kind: 'none' };
  if (event.action === 'destroy' || event.action === 'remove')
    return { kind: 'remove', id: event.actorId };

  const base: ContainerSummary = known ?? {
    id: event.actorId,
    name: event.attributes.name ?? event.actorId.slice(0, 12),
    image: event.attributes.image ?? '',
    imageId: '',
    command: '',
    created: Number(event.timeSec),
    state: 'created',
    status: 'Created',
    statusAt: eventTimeMs(event),
    ports: [],
    mounts: [],
    networks: [],
    labels: labelsOf(event),
  };
  const next: ContainerSummary = { ...base };
  if (event.action === 'rename' && event.attributes.name)
    next.name = event.attributes.name.replace(/^\//, '');
  const state = stateAfter[event.action];
  if (state) {
    next.state = state;
    next.statusAt = eventTimeMs(event);
    // The status text is rewritten below without a health part; the re-read brings it back.
    if (state !== 'paused') delete next.health;
    if (state === 'exited') {
      const code = event.attributes.exitCode ?? event.attributes.containerExitCode;
      next.status = code !== undefined ? `Exited (${code}) Less than a second ago` : 'Exited';
    } else if (state === 'running') next.status = 'Up Less than a second';
    else if (state === 'paused')
      next.status = `${base.status.replace(/ \(Paused\)$/, '')} (Paused)`;
  }
  if (!known || state || event.action === 'rename') return { kind: 'upsert', container: next };
  return { kind: 'none' };
}

function eventTimeMs(event: EngineEvent): number {
  return Number(event.timeSec) * 1000 + Math.floor(Number(event.timeNanos) / 1e6);
}

/** The attributes of a container event are its labels plus `name` and `image`. */
function labelsOf(event: EngineEvent): Record<string, string> {
  const { name: _name, image: _image, exitCode: _code, ...labels } = event.attributes;
  return labels;
}
