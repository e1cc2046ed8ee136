// The terminal channels' handlers, each bound to the engine shown when it opens
// (the connection ends the stream when another engine is shown).
import type Docker from 'dockerode';
import type { EngineManager } from '../engine-manager.ts';
import type { AttachQuery, ExecQuery, ImageShellQuery } from '../../contract/terminals-channels.ts';
import { openAttach, openExec, openImageShell, type TerminalStream } from './terminal-streams.ts';

function onShownEngine<Q>(
  manager: EngineManager,
  open: (docker: Docker, query: Q) => Promise<TerminalStream>,
): (query: Q) => Promise<TerminalStream> {
  return async (query) => {
    const connection = manager.connection();
    const stream = await open(connection.streams, query);
    connection.track(stream.output);
    return stream;
  };
}

export function terminalHandlers(manager: EngineManager) {
  return {
    'containers.exec': onShownEngine<ExecQuery>(manager, openExec),
    'containers.attach': onShownEngine<AttachQuery>(manager, openAttach),
    'images.shell': onShownEngine<ImageShellQuery>(manager, openImageShell),
  };
}
