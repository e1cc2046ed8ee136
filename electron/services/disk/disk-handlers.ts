// The disk domain's handlers, so app-services.ts takes them in one line.
import type Docker from 'dockerode';
import type { CallHandlers } from '../../contract/channels.ts';
import { ContractError } from '../../contract/errors.ts';
import { toErrorEnvelope } from '../engine-errors.ts';
import { diskUsageOf, type RawDf } from './df-rules.ts';
import { prune, prunePreview } from './disk-prune.ts';

export function diskHandlers(deps: {
  calls(): Docker;
  streams(): Docker;
  /** The API version the connection read, when it has. */
  knownApiVersion(): string | undefined;
}): Pick<CallHandlers, 'disk.usage' | 'disk.prunePreview' | 'disk.prune'> {
  const pruneDeps = {
    calls: deps.calls,
    streams: deps.streams,
    apiVersion: async () =>
      deps.knownApiVersion() ?? (await deps.calls().version()).ApiVersion ?? '1.41',
  };
  return {
    // `/system/df` measures every volume and writable layer: no socket timeout.
    'disk.usage': async () => {
      try {
        return diskUsageOf((await deps.streams().df()) as RawDf);
      } catch (err) {
        throw new ContractError(toErrorEnvelope(err, "Couldn't read the disk usage"));
      }
    },
    'disk.prunePreview': (query) => prunePreview(pruneDeps, query),
    'disk.prune': (query) => prune(pruneDeps, query),
  };
}
