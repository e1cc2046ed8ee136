// A Readable of JSON lines for the Swarm streams: `send` queues one value,
// `onClose` runs when the renderer cancels (or the engine's connection ends
// it). The watches send little (a delta per change, a tick's worth at most),
// so they keep no back-pressure of their own; logs pause their source instead.
import { Readable } from 'node:stream';

export interface JsonLines {
  stream: Readable;
  /** Queues a value; returns false once the reader's buffer is full (or the stream is closed). */
  send(value: unknown): boolean;
  /** Ends the stream (cleanly, or with an error). */
  end(error?: Error): void;
  get closed(): boolean;
}

export function jsonLines(onClose: () => void, onRead: () => void = () => {}): JsonLines {
  let closed = false;
  const stream = new Readable({
    read() {
      onRead();
    },
    destroy(error, done) {
      if (!closed) {
        closed = true;
        onClose();
      }
      done(error);
    },
  });
  return {
    stream,
    send: (value) => (closed ? false : stream.push(`${JSON.stringify(value)}\n`)),
    end: (error) => {
      if (closed) return;
      if (error) stream.destroy(error);
      else {
        closed = true;
        onClose();
        stream.push(null);
      }
    },
    get closed() {
      return closed;
    },
  };
}
