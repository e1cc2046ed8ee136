// The disk domain's handlers, so app-services.ts takes them in one line.
import type Docker from 'dockerode';
import type { CallHandlers } from '../../contract/channels.ts';
import { ContractError } from '../../contract/errors.ts';
import { toErrorEnvelope } from '../engine-errors.ts';
import { diskUsageOf, type RawDf } from './df-rules.ts';
import { prune, prunePreview } from './disk-prune.ts';

/**
 * `/system/df` sizes every volume and writable layer, which takes long on a big
 * engine, so it goes without the calls' 15 s socket timeout; but a hung engine
 * must not leave the page measuring for ever.
 */
const DF_DEADLINE_MS = 120_000;

export function diskHandlers(deps: {
  calls(): Docker;
  streams(): Docker;
  /** The API version the connection read, when it has. */
  knownApiVersion(): string | undefined;
  /** How long `/system/df` may take (tests shorten it). */
  dfDeadlineMs?: number;
}): Pick<CallHandlers, 'disk.usage' | 'disk.prunePreview' | 'disk.prune'> {
  const pruneDeps = {
    calls: deps.calls,
    streams: deps.streams,
    apiVersion: async () =>
      deps.knownApiVersion() ?? (await deps.calls().version()).ApiVersion ?? '1.41',
  };
  return {
    'disk.usage': async () => {
      const deadline = AbortSignal.timeout(deps.dfDeadlineMs ?? DF_DEADLINE_MS);
      try {
        // dockerode's types omit df's options; it passes abortSignal on to its request.
        const df: unknown = await deps.streams().df({ abortSignal: deadline } as never);
        return diskUsageOf(df as RawDf);
      } catch (err) {
        if (deadline.aborted) {
          throw new ContractError({
            kind: 'timeout',
            message: `The engine did not say how much disk it uses within ${Math.round((deps.dfDeadlineMs ?? DF_DEADLINE_MS) / 1000)} s.`,
            hint: 'It may be busy or stuck: try Refresh, or look at the Engine page.',
          });
        }
        throw new ContractError(toErrorEnvelope(err, "Couldn't read the disk usage"));
      }
    },
    'disk.prunePreview': (query) => prunePreview(pruneDeps, query),
    'disk.prune': (query) => prune(pruneDeps, query),
  };
}
