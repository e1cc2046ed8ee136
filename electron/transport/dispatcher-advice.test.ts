// The dispatcher lets the app add advice to every failure on its way out
// (the VM's hint on a full data disk): calls, streams that cannot open, and
// streams that break.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../contract/errors.ts';
import { EventHub } from '../services/event-hub.ts';
import { Dispatcher, type ServiceSet } from './dispatcher.ts';

const noSpace = Object.assign(new Error('(HTTP code 500) server error'), {
  statusCode: 500,
  json: { message: 'mkdir /var/lib/docker/volumes/v: no space left on device' },
});

const advise = (error: ErrorEnvelope): ErrorEnvelope => ({ ...error, hint: 'advised' });

function dispatcherWith(parts: Partial<ServiceSet>): Dispatcher {
  return new Dispatcher({
    calls: {},
    streams: {},
    events: new EventHub(),
    adviseError: advise,
    ...parts,
  } as unknown as ServiceSet);
}

function ended(dispatcher: Dispatcher, channel: string, args: unknown): Promise<ErrorEnvelope> {
  return new Promise((resolve) => {
    dispatcher.openStream(channel, args, {
      data: () => {},
      end: (error) => resolve(error ?? { kind: 'internal', message: 'ended without an error' }),
    });
  });
}

describe('advice on failures', () => {
  it('reaches a failed call, keeping the engine’s words', async () => {
    const dispatcher = dispatcherWith({
      calls: {
        'volumes.create': () => Promise.reject(noSpace),
      } as unknown as ServiceSet['calls'],
    });
    const reply = await dispatcher.call('volumes.create', [
      { name: 'data', driver: 'local', options: {}, labels: {} },
    ]);
    expect(reply).toMatchObject({
      ok: false,
      error: {
        engineMessage: 'mkdir /var/lib/docker/volumes/v: no space left on device',
        hint: 'advised',
      },
    });
  });

  it('reaches a stream that cannot open and one that breaks', async () => {
    const refusing = dispatcherWith({
      streams: { 'engine.log': () => Promise.reject(noSpace) } as unknown as ServiceSet['streams'],
    });
    expect(await ended(refusing, 'engine.log', [{ tail: 10 }])).toMatchObject({ hint: 'advised' });

    const breaking = dispatcherWith({
      streams: {
        'engine.log': () =>
          new Readable({
            read() {
              this.destroy(noSpace);
            },
          }),
      } as unknown as ServiceSet['streams'],
    });
    expect(await ended(breaking, 'engine.log', [{ tail: 10 }])).toMatchObject({
      hint: 'advised',
    });
  });
});
