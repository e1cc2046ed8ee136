// One HMP command through QMP's human-monitor-command, on a fresh connection:
// the port forwarder's `monitor` for tests that boot QEMU themselves (the
// product's driver keeps its own QMP client open instead).
import { createConnection } from 'node:net';
import { LineSplitter } from '../../electron/contract/line-splitter.ts';

export function hmp(socketPath: string, commandLine: string, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    const lines = new LineSplitter();
    let step = 0;
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`HMP ${commandLine}: no answer`)));
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      for (const line of lines.push(chunk)) {
        if (!line.trim()) continue;
        const message = JSON.parse(line) as Record<string, unknown>;
        if ('event' in message) continue;
        if ('error' in message) {
          socket.destroy();
          reject(new Error(`HMP ${commandLine}: ${JSON.stringify(message.error)}`));
          return;
        }
        step += 1;
        if (step === 1) socket.write('{"execute":"qmp_capabilities"}\n');
        else if (step === 2)
          socket.write(
            `${JSON.stringify({ execute: 'human-monitor-command', arguments: { 'command-line': commandLine } })}\n`,
          );
        else {
          socket.end();
          resolve(String(message.return ?? ''));
          return;
        }
      }
    });
  });
}
