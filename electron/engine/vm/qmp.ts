// A client of QEMU's machine protocol (QMP): JSON objects, one per line, over
// the socket QEMU serves (`-qmp unix:…`, or loopback TCP on Windows). QEMU
// greets first; the client must send `qmp_capabilities` before anything else.
// Replies come in order of requests; events (SHUTDOWN, POWERDOWN, …) may come
// between them at any time.
import net from 'node:net';
import { LineSplitter } from '../../contract/line-splitter.ts';
import type { Unsubscribe } from '../engine-driver.ts';
import { Listeners } from '../listeners.ts';

export interface QmpEvent {
  event: string;
  data?: unknown;
  timestamp?: { seconds: number; microseconds: number };
}

export type QmpMessage =
  | { kind: 'greeting'; version: string }
  | { kind: 'return'; id?: unknown; value: unknown }
  | { kind: 'error'; id?: unknown; class: string; desc: string }
  | { kind: 'event'; event: QmpEvent }
  | { kind: 'unknown'; raw: unknown };

/** One line of QMP output, classified; throws on text that is not JSON. */
export function parseQmpLine(line: string): QmpMessage {
  const raw: unknown = JSON.parse(line);
  if (typeof raw !== 'object' || raw === null) return { kind: 'unknown', raw };
  const obj = raw as Record<string, unknown>;
  if ('QMP' in obj) {
    const qemu = (obj.QMP as { version?: { qemu?: Record<string, number> } })?.version?.qemu;
    const version = qemu ? `${qemu.major}.${qemu.minor}.${qemu.micro}` : 'unknown';
    return { kind: 'greeting', version };
  }
  if ('return' in obj) return { kind: 'return', id: obj.id, value: obj.return };
  if ('error' in obj) {
    const error = (obj.error ?? {}) as { class?: string; desc?: string };
    return {
      kind: 'error',
      id: obj.id,
      class: error.class ?? 'GenericError',
      desc: error.desc ?? '',
    };
  }
  if (typeof obj.event === 'string') {
    const event: QmpEvent = { event: obj.event };
    if ('data' in obj) event.data = obj.data;
    if (obj.timestamp) event.timestamp = obj.timestamp as QmpEvent['timestamp'] & object;
    return { kind: 'event', event };
  }
  return { kind: 'unknown', raw };
}

export class QmpError extends Error {
  readonly command: string;
  readonly errorClass: string;

  constructor(command: string, errorClass: string, desc: string) {
    super(`QMP ${command} failed: ${desc} (${errorClass})`);
    this.command = command;
    this.errorClass = errorClass;
  }
}

/**
 * `human-monitor-command` returns the monitor's text, which is empty on
 * success; hostfwd_add and friends report failures only in that text.
 */
export function monitorFailure(output: string): string | null {
  const text = output.trim();
  if (text === '') return null;
  return /could not|error|invalid|failed|unknown|not found/i.test(text) ? text : null;
}

interface Pending {
  command: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export type QmpTarget = { socket: string } | { port: number };

export class QmpClient {
  readonly #socket: net.Socket;
  readonly #pending: Pending[] = [];
  readonly #eventListeners = new Listeners<QmpEvent>(logListenerError);
  readonly #closeListeners = new Listeners<void>(logListenerError);
  #closed = false;
  version = '';

  private constructor(socket: net.Socket) {
    this.#socket = socket;
  }

  /** Connects, reads the greeting and negotiates capabilities; rejects after `timeoutMs`. */
  static connect(
    target: QmpTarget,
    opts: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<QmpClient> {
    return new Promise((resolve, reject) => {
      const socket =
        'socket' in target ? net.connect(target.socket) : net.connect(target.port, '127.0.0.1');
      const client = new QmpClient(socket);
      let greeted = false;
      const fail = (error: Error) => {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        socket.destroy();
        reject(error);
      };
      const onAbort = () =>
        fail(opts.signal?.reason instanceof Error ? opts.signal.reason : new Error('aborted'));
      const timer = setTimeout(
        () => fail(new Error(`QMP did not greet within ${opts.timeoutMs} ms`)),
        opts.timeoutMs,
      );
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('error', (error) => {
        if (!greeted) fail(error);
      });
      client.#listen((greeting) => {
        greeted = true;
        client.version = greeting;
        client
          .execute('qmp_capabilities')
          .then(() => {
            clearTimeout(timer);
            opts.signal?.removeEventListener('abort', onAbort);
            resolve(client);
          })
          .catch((error: Error) => fail(error));
      });
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  execute(command: string, args?: Record<string, unknown>): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error(`QMP ${command}: the connection is closed`));
    return new Promise((resolve, reject) => {
      this.#pending.push({ command, resolve, reject });
      this.#socket.write(
        `${JSON.stringify(args ? { execute: command, arguments: args } : { execute: command })}\n`,
      );
    });
  }

  /** A human monitor command (hostfwd_add …); rejects with the monitor's words when it failed. */
  async monitor(commandLine: string): Promise<string> {
    const output = await this.execute('human-monitor-command', { 'command-line': commandLine });
    const text = typeof output === 'string' ? output : '';
    const failure = monitorFailure(text);
    if (failure)
      throw new QmpError('human-monitor-command', 'MonitorError', `${commandLine}: ${failure}`);
    return text;
  }

  onEvent(listener: (event: QmpEvent) => void): Unsubscribe {
    return this.#eventListeners.add(listener);
  }

  onClose(listener: () => void): Unsubscribe {
    return this.#closeListeners.add(listener);
  }

  close(): void {
    this.#socket.destroy();
  }

  #listen(onGreeting: (version: string) => void): void {
    const lines = new LineSplitter({ maxLineChars: 1 << 20 });
    this.#socket.on('data', (chunk: Buffer) => {
      for (const line of lines.push(chunk)) this.#handle(line, onGreeting);
    });
    this.#socket.on('error', () => {});
    this.#socket.on('close', () => {
      this.#closed = true;
      for (const pending of this.#pending.splice(0)) {
        pending.reject(new Error(`QMP ${pending.command}: QEMU closed the connection`));
      }
      this.#closeListeners.emit();
    });
  }

  #handle(line: string, onGreeting: (version: string) => void): void {
    if (line.trim() === '') return;
    let message: QmpMessage;
    try {
      message = parseQmpLine(line);
    } catch {
      return;
    }
    switch (message.kind) {
      case 'greeting':
        onGreeting(message.version);
        return;
      case 'return':
        this.#pending.shift()?.resolve(message.value);
        return;
      case 'error': {
        const pending = this.#pending.shift();
        pending?.reject(new QmpError(pending.command, message.class, message.desc));
        return;
      }
      case 'event':
        this.#eventListeners.emit(message.event);
        return;
      case 'unknown':
        return;
    }
  }
}

/** A listener's throw must not break the socket's reading of the next message. */
function logListenerError(error: unknown): void {
  console.warn('[qmp] a listener failed:', (error as Error).message ?? error);
}
