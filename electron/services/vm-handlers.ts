// The VM's channels (contract/vm-channels.ts): resources saved for the next
// start, and the serial console. Both answer "not a VM" clearly elsewhere.
import type { Readable } from 'node:stream';
import type { VmResources, VmStatus } from '../contract/vm-channels.ts';
import type { EngineManager } from './engine-manager.ts';

export function vmCalls(manager: EngineManager) {
  return {
    'vm.setResources': async (resources: VmResources): Promise<VmStatus> => {
      const status = await manager.vm().setResources(resources);
      manager.vmChanged();
      return status;
    },
  };
}

export function vmStreams(manager: EngineManager) {
  return {
    'vm.console': (query: { tail: number }): Readable => manager.vm().openConsole(query.tail),
  };
}
