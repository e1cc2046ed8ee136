// The logs domain's handlers, so app-services.ts and transfer-kinds.ts each
// take them in one line: the `containers.logs` stream, and the whole log as a
// download (the CLI's own bytes: frames taken off, no timestamps).
import { Transform, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { LogQuery } from '../../contract/container-logs-channels.ts';
import type { DownloadHandler } from '../transfers/transfer-kinds.ts';
import { FrameReader } from './log-decoder.ts';
import { openLogStream, requestLogs } from './log-stream.ts';

export function containerLogStreams(
  bind: (open: (query: LogQuery) => Readable) => (query: LogQuery) => Readable,
  streams: () => Docker,
) {
  return {
    'containers.logs': bind((query: LogQuery) => openLogStream(streams(), query)),
  };
}

export function containerLogDownload(deps: {
  calls(): Docker;
  streams(): Docker;
}): DownloadHandler<{ id: string }> {
  return {
    direction: 'download',
    check: async ({ id }) => void (await deps.calls().getContainer(id).inspect()),
    open: async ({ id }) => {
      const { res, tty } = await requestLogs(deps.streams(), { id, follow: false }, false);
      if (tty) return res;
      const frames = new FrameReader();
      const strip = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          frames.push(chunk, (_type, bytes) => this.push(bytes));
          done();
        },
      });
      res.once('error', (err) => strip.destroy(err));
      return res.pipe(strip);
    },
  };
}
