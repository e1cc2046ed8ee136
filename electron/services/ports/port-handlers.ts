// The ports domain's handlers, over the engine shown.
import type { CallHandlers } from '../../contract/channels.ts';
import { checkPorts } from './port-check.ts';

export function portHandlers(engineId: () => string | null): Pick<CallHandlers, 'ports.check'> {
  return { 'ports.check': (ports) => checkPorts(engineId(), ports) };
}
