// Whether a container that ended was asked to: the engine's events say a
// `kill` (the SIGTERM of a stop, or a kill) or a `stop` came before its
// `die`. The list's summary cannot tell, and "Exited (137)" reads like a crash
// either way; an `oom` event means the engine's memory limit did it.
import type { ContainerSummary } from '../../contract/container-types.ts';
import type { EngineEvent } from '../events/engine-event.ts';

/** The engine's grace period for a stop unless the container has its own StopTimeout. */
export const DEFAULT_STOP_TIMEOUT_SEC = 10;

const TERM_SIGNALS = new Set(['15', 'SIGTERM', 'TERM']);
/** Signals that end a container; a `kill -s HUP` asks it to reload, not to end. */
const ENDING_SIGNALS = new Set([...TERM_SIGNALS, '9', 'SIGKILL', 'KILL', '2', 'SIGINT', 'INT']);

interface Tracked {
  requested: boolean;
  oom: boolean;
  /** When the SIGTERM of a stop went out (ms), while it still runs. */
  stoppingSince?: number;
  /** The container's own StopTimeout, once read (events do not carry it). */
  timeoutSec?: number;
}

export class StopRequests {
  readonly #byId = new Map<string, Tracked>();

  /** Takes one event; true when it started a stop's countdown (its timeout is worth reading). */
  note(event: EngineEvent): boolean {
    if (event.type !== 'container' || !event.actorId) return false;
    const id = event.actorId;
    const tracked = this.#byId.get(id) ?? { requested: false, oom: false };
    switch (event.action) {
      case 'kill': {
        const signal = event.attributes.signal ?? '15';
        if (!ENDING_SIGNALS.has(signal)) return false;
        tracked.requested = true;
        if (TERM_SIGNALS.has(signal) && tracked.stoppingSince === undefined) {
          tracked.stoppingSince = eventTimeMs(event);
          this.#byId.set(id, tracked);
          return true;
        }
        break;
      }
      case 'stop':
        tracked.requested = true;
        break;
      case 'oom':
        tracked.oom = true;
        break;
      case 'die':
      case 'died':
        delete tracked.stoppingSince;
        break;
      case 'start':
      case 'restart':
      case 'unpause':
        if (event.action !== 'unpause') {
          this.#byId.delete(id);
          return false;
        }
        break;
      case 'destroy':
      case 'remove':
        this.#byId.delete(id);
        return false;
      default:
        return false;
    }
    this.#byId.set(id, tracked);
    return false;
  }

  /** The container's StopTimeout, read after its stop began; false if the stop is over. */
  setStopTimeout(id: string, timeoutSec: number): boolean {
    const tracked = this.#byId.get(id);
    if (tracked?.stoppingSince === undefined) return false;
    tracked.timeoutSec = timeoutSec;
    return true;
  }

  /** The summary with what the events said, and nothing left over from before. */
  decorate(container: ContainerSummary): ContainerSummary {
    const { endedOnRequest: _ended, stopping: _stopping, ...plain } = container;
    const tracked = this.#byId.get(container.id);
    if (!tracked) return plain;
    const ended = container.state === 'exited' || container.state === 'dead';
    if (ended && tracked.requested && !tracked.oom) return { ...plain, endedOnRequest: true };
    if (!ended && tracked.stoppingSince !== undefined)
      return {
        ...plain,
        stopping: {
          since: tracked.stoppingSince,
          timeoutSec: tracked.timeoutSec ?? DEFAULT_STOP_TIMEOUT_SEC,
        },
      };
    return plain;
  }
}

function eventTimeMs(event: EngineEvent): number {
  return Number(event.timeSec) * 1000 + Math.floor(Number(event.timeNanos) / 1e6);
}
