// A raw HTTP exchange over one dial-stdio channel, for readers that parse the
// answer themselves (images/layers/engine-get.ts): the channel opens
// asynchronously, so pause/resume/close given before it exists are applied
// once it does.
import type { ChannelSocket } from './channel-socket.ts';
import type { SshSession } from './ssh-session.ts';

export interface RawSink {
  data(chunk: Buffer): void;
  eof(): void;
  fail(error: Error): void;
}

export interface RawExchange {
  pause(): void;
  resume(): void;
  close(): void;
}

export function rawExchange(session: SshSession, request: string, sink: RawSink): RawExchange {
  let socket: ChannelSocket | undefined;
  let paused = false;
  let closed = false;
  session.openChannel().then(
    (opened) => {
      socket = opened;
      if (closed) return opened.destroy();
      opened.on('data', (chunk: Buffer) => sink.data(chunk));
      opened.on('end', () => sink.eof());
      opened.on('error', (error) => sink.fail(error));
      if (paused) opened.pause();
      opened.write(request);
    },
    (error: Error) => sink.fail(error),
  );
  return {
    pause: () => {
      paused = true;
      socket?.pause();
    },
    resume: () => {
      paused = false;
      socket?.resume();
    },
    close: () => {
      closed = true;
      socket?.destroy();
    },
  };
}
