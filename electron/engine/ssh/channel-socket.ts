// One `docker system dial-stdio` channel dressed as the socket node:http
// expects. node:http's client and its Agent call setTimeout, setNoDelay,
// setKeepAlive, ref/unref and destroySoon on a socket, and read `timeout`;
// a bare ssh2 channel has none of them. setTimeout is real here (an idle
// timer reset by traffic, emitting 'timeout') so the calls client's socket
// deadline and the Agent's idle limit work over SSH as over a unix socket.
//
// The channel's end is held back until it closes: the remote command's exit
// status arrives between its EOF and its close, and an exit that is not 0
// (no docker CLI, an engine that does not answer) must fail the request
// with the remote's stderr rather than as a bare "socket hang up".
import { Duplex } from 'node:stream';
import type { ExecChannel } from 'ssh2';

/** How much of the remote's stderr an error quotes. */
const STDERR_LIMIT = 4096;

export interface ChannelEnding {
  /** The error for a remote command that exited with `code` (null: clean end). */
  exited(code: number | null, stderr: string): Error | null;
  /** The error for a channel closed without an exit status (the link dropped). */
  dropped(): Error;
}

export class ChannelSocket extends Duplex {
  readonly #channel: ExecChannel;
  #stderr = '';
  #exit: { code: number | null } | null = null;
  #timeoutMs = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(channel: ExecChannel, ending: ChannelEnding) {
    super({ allowHalfOpen: true });
    this.#channel = channel;
    channel.on('data', (chunk: Buffer) => {
      this.#touch();
      if (!this.push(chunk)) channel.pause();
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      if (this.#stderr.length < STDERR_LIMIT) this.#stderr += chunk.toString('utf8');
    });
    channel.on('exit', (code: number | null) => {
      this.#exit = { code: typeof code === 'number' ? code : null };
    });
    channel.on('error', (error: Error) => this.destroy(error));
    channel.on('close', () => {
      this.#clearTimer();
      if (this.destroyed) return;
      const error = this.#exit
        ? ending.exited(this.#exit.code, this.#stderr.slice(0, STDERR_LIMIT))
        : ending.dropped();
      if (error) this.destroy(error);
      else this.push(null);
    });
  }

  get timeout(): number {
    return this.#timeoutMs;
  }

  override _read(): void {
    this.#channel.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (e?: Error | null) => void) {
    this.#touch();
    this.#channel.write(chunk, encoding, callback);
  }

  override _final(callback: (e?: Error | null) => void): void {
    this.#channel.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (e?: Error | null) => void): void {
    this.#clearTimer();
    this.#channel.close();
    callback(error);
  }

  setTimeout(ms: number, onTimeout?: () => void): this {
    this.#timeoutMs = ms;
    if (onTimeout) this.once('timeout', onTimeout);
    this.#touch();
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  // The SSH connection, not each channel, is what keeps the process alive.
  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  destroySoon(): void {
    if (this.writable) this.end();
    if (this.writableFinished) this.destroy();
    else this.once('finish', () => this.destroy());
  }

  #touch(): void {
    this.#clearTimer();
    if (this.#timeoutMs > 0 && !this.destroyed) {
      this.#timer = setTimeout(() => this.emit('timeout'), this.#timeoutMs);
      this.#timer.unref();
    }
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
