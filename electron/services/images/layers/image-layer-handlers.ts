// The image page's layer analysis, as contract handlers. Scaffolding: the
// archive reader (layer-archive work) replaces these bodies.
import type { Readable } from 'node:stream';
import type { CallHandlers } from '../../../contract/channels.ts';
import { ContractError } from '../../../contract/errors.ts';

const notYet = () =>
  new ContractError({ kind: 'internal', message: 'Reading image layers is not built yet.' });

export function imageLayerCalls(): Pick<CallHandlers, 'images.layerFiles'> {
  return {
    'images.layerFiles': () => {
      throw notYet();
    },
  };
}

export function imageLayerStreams(): { 'images.analyse': (query: { ref: string }) => Readable } {
  return {
    'images.analyse': () => {
      throw notYet();
    },
  };
}
