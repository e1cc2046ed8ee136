// The transport-agnostic half of every connection: validates a call's
// arguments against the contract, runs its handler, and turns any failure into
// the error envelope. It never throws; a transport only moves what it returns.
import {
  callArgs,
  type CallHandlers,
  isCallChannel,
  isStreamChannel,
  streamArgs,
  type StreamArgs,
  type StreamChannel,
} from '../contract/channels.ts';
import type { ZodError } from 'zod';
import { argumentPlace } from '../contract/argument-labels.ts';
import type { ErrorEnvelope } from '../contract/errors.ts';
import { check, describeProblems } from '../contract/schema-problems.ts';
import { toErrorEnvelope } from '../services/engine-errors.ts';
import type { EventHub, EventListener } from '../services/event-hub.ts';
import { MAX_PENDING_INPUT_BYTES } from '../contract/flow-control.ts';
import {
  destroySource,
  pumpStream,
  type StreamControl,
  type StreamSink,
  type StreamSource,
} from './stream-pump.ts';

/** A stream's handler returns a Readable, or a TwoWayStream when it takes input (a terminal). */
export type StreamHandlers = {
  [K in StreamChannel]: (...args: StreamArgs<K>) => StreamSource | Promise<StreamSource>;
};

export type { CallHandlers };

export interface ServiceSet {
  calls: CallHandlers;
  streams: StreamHandlers;
  events: EventHub;
  /** Adds advice to a failure before it leaves (a full VM disk's hint); as it was when absent. */
  adviseError?: (error: ErrorEnvelope) => ErrorEnvelope;
}

export type CallReply = { ok: true; value: unknown } | { ok: false; error: ErrorEnvelope };

export class Dispatcher {
  readonly #services: ServiceSet;

  constructor(services: ServiceSet) {
    this.#services = services;
  }

  async call(channel: string, args: unknown): Promise<CallReply> {
    if (!isCallChannel(channel)) {
      return { ok: false, error: unknownChannel(channel) };
    }
    const parsed = check(callArgs[channel], args);
    if (!parsed.success) {
      return { ok: false, error: badArguments(channel, parsed.error) };
    }
    try {
      const handler = this.#services.calls[channel] as (...a: unknown[]) => unknown;
      const value = await handler(...(parsed.data as unknown[]));
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: this.#advise(toErrorEnvelope(err)) };
    }
  }

  #advise(error: ErrorEnvelope): ErrorEnvelope {
    return this.#services.adviseError?.(error) ?? error;
  }

  /**
   * Opens a stream; failures (bad arguments included) arrive through `sink.end`.
   * Input and a resize sent while the handler is still opening the stream wait
   * for it (a terminal is sized as soon as it is shown), within the same bound
   * as input the program has not read yet.
   */
  openStream(channel: string, args: unknown, outlet: StreamSink): StreamControl {
    const sink: StreamSink = {
      data: (bytes) => outlet.data(bytes),
      end: (error) => outlet.end(error && this.#advise(error)),
      ...(outlet.refused ? { refused: (error) => outlet.refused!(error) } : {}),
    };
    const fail = (error: ErrorEnvelope): StreamControl => {
      sink.end(error);
      return { ack: () => {}, cancel: () => {}, input: () => {}, resize: () => {} };
    };
    if (!isStreamChannel(channel)) return fail(unknownChannel(channel));
    const parsed = check(streamArgs[channel], args);
    if (!parsed.success) return fail(badArguments(channel, parsed.error));

    let control: StreamControl | undefined;
    let cancelled = false;
    let early: Uint8Array[] = [];
    let earlyBytes = 0;
    let earlySize: [number, number] | undefined;
    const handler = this.#services.streams[channel] as (
      ...a: unknown[]
    ) => StreamSource | Promise<StreamSource>;
    Promise.resolve()
      .then(() => handler(...(parsed.data as unknown[])))
      .then((source) => {
        if (cancelled) {
          destroySource(source);
          sink.end();
          return;
        }
        control = pumpStream(source, sink);
        // The size first: a shell draws its first prompt for the size it starts with.
        if (earlySize) control.resize(...earlySize);
        for (const bytes of early) control.input(bytes);
        early = [];
      })
      .catch((err: unknown) => sink.end(toErrorEnvelope(err, `Couldn't open ${channel}`)));

    return {
      ack: (bytes) => control?.ack(bytes),
      cancel: () => {
        cancelled = true;
        early = [];
        control?.cancel();
      },
      input: (bytes) => {
        if (control) return control.input(bytes);
        if (cancelled) return;
        if (earlyBytes + bytes.byteLength > MAX_PENDING_INPUT_BYTES) {
          const message = `Input dropped: ${MAX_PENDING_INPUT_BYTES} bytes are already waiting for ${channel} to open.`;
          sink.refused?.({ kind: 'bad-request', message });
          return;
        }
        early.push(bytes);
        earlyBytes += bytes.byteLength;
      },
      resize: (cols, rows) => {
        if (control) control.resize(cols, rows);
        else earlySize = [cols, rows];
      },
    };
  }

  subscribe(listener: EventListener): () => void {
    return this.#services.events.subscribe(listener);
  }
}

function unknownChannel(channel: string): ErrorEnvelope {
  return {
    kind: 'unknown-channel',
    message: `There is no channel named "${channel.slice(0, 100)}".`,
  };
}

/**
 * The first few problems, each named as the form names its field ("Max retries:
 * at most 1000 (containers.create)"): short whatever the frame held, never a dump.
 */
function badArguments(channel: string, error: ZodError): ErrorEnvelope {
  const problems = describeProblems(error.issues, (path) => argumentPlace(channel, path));
  return { kind: 'bad-request', message: `${problems} (${channel})` };
}

/** Every stream channel answered by one handler: for tests of the transports. */
export function everyStream(
  handler: (...args: never[]) => StreamSource | Promise<StreamSource>,
): StreamHandlers {
  return Object.fromEntries(
    Object.keys(streamArgs).map((channel) => [channel, handler]),
  ) as unknown as StreamHandlers;
}
