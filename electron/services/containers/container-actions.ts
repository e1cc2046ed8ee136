// Lifecycle actions on one container. The row's new state arrives through the
// engine's events, never from here: an action only says whether the engine
// accepted it, in the engine's own words when it did not.
import type Docker from 'dockerode';
import type { CallHandlers } from '../../contract/channels.ts';
import { ContractError } from '../../contract/errors.ts';
import { toErrorEnvelope } from '../engine-errors.ts';
import { hintForEngineMessage } from './engine-hints.ts';

type ActionChannel =
  | 'containers.start'
  | 'containers.stop'
  | 'containers.restart'
  | 'containers.pause'
  | 'containers.unpause'
  | 'containers.kill'
  | 'containers.remove'
  | 'containers.rename';

interface ActionContext {
  docker(): Docker;
  /** The name the list shows for an id, for messages ("Couldn't stop web: …"). */
  nameOf(id: string): string;
}

/** 304 Not Modified: already in the asked state. The CLI treats it as done, and so do we. */
const alreadyThere = (err: unknown) => (err as { statusCode?: number }).statusCode === 304;

export function containerActions(ctx: ActionContext): Pick<CallHandlers, ActionChannel> {
  const act = async (id: string, verb: string, work: (c: Docker.Container) => Promise<unknown>) => {
    try {
      await work(ctx.docker().getContainer(id));
    } catch (err) {
      if (alreadyThere(err)) return;
      const envelope = toErrorEnvelope(err, `Couldn't ${verb} ${ctx.nameOf(id)}`);
      const hint = envelope.hint ?? hintForEngineMessage(envelope.engineMessage);
      throw new ContractError(hint ? { ...envelope, hint } : envelope);
    }
  };
  const stopQuery = (o?: { timeoutSeconds?: number }) =>
    o?.timeoutSeconds !== undefined ? { t: o.timeoutSeconds } : {};

  return {
    'containers.start': (id) => act(id, 'start', (c) => c.start()),
    'containers.stop': (id, o) => act(id, 'stop', (c) => c.stop(stopQuery(o))),
    'containers.restart': (id, o) => act(id, 'restart', (c) => c.restart(stopQuery(o))),
    'containers.pause': (id) => act(id, 'pause', (c) => c.pause()),
    'containers.unpause': (id) => act(id, 'resume', (c) => c.unpause()),
    'containers.kill': (id, o) =>
      act(id, 'kill', (c) => c.kill(o?.signal ? { signal: o.signal } : {})),
    'containers.remove': (id, o) =>
      act(id, 'remove', (c) => c.remove({ force: o?.force ?? false, v: o?.volumes ?? false })),
    'containers.rename': (id, name) =>
      act(id, 'rename', (c) => c.rename({ name: name.replace(/^\//, '') })),
  };
}
