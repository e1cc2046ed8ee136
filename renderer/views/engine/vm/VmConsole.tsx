import { StreamedLog } from '../../../components/EngineLog.tsx';
import { consoleText } from './console-text.ts';

/** The VM's serial console: the kernel, the guest's init and dockerd, as plain text. */
export function VmConsole() {
  return (
    <StreamedLog
      channel="vm.console"
      title="VM console"
      tail={300}
      maxLines={1000}
      clean={consoleText}
    />
  );
}
