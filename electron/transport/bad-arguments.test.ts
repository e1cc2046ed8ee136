// What a caller that bypasses the forms gets for bad arguments: the field named
// in the dialog's words, a few problems at most, and a reply of a few hundred
// bytes however many problems the frame held.
import { describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../contract/errors.ts';
import { emptyRunSpec } from '../contract/run-spec/spec.ts';
import { EventHub } from '../services/event-hub.ts';
import { Dispatcher, type CallReply, type ServiceSet } from './dispatcher.ts';
import type { StreamSink } from './stream-pump.ts';

// Bad arguments never reach a handler: none is needed, and any call would throw.
const dispatcher = new Dispatcher({
  calls: {},
  streams: {},
  events: new EventHub(),
} as unknown as ServiceSet);

const spec = { ...emptyRunSpec(), image: 'busybox' };

function refusal(reply: CallReply) {
  if (reply.ok) throw new Error('expected a refusal');
  return reply.error;
}

describe('bad arguments', () => {
  it('name the field in plain words: "Max retries: at most 1000"', async () => {
    const reply = await dispatcher.call('containers.create', [
      { ...spec, restart: { name: 'on-failure', maxRetries: 5000 } },
    ]);
    expect(refusal(reply)).toEqual({
      kind: 'bad-request',
      message: 'Max retries: at most 1000 (containers.create)',
    });
  });

  it('say where a problem sits below a field, for re-create too', async () => {
    const reply = await dispatcher.call('containers.recreate', [
      'web',
      { ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 70000 }] },
    ]);
    expect(refusal(reply).message).toBe(
      'Ports, entry 1, "hostPort": at most 65535 (containers.recreate)',
    );
  });

  it('say which argument, on channels no form sends', async () => {
    const reply = await dispatcher.call('containers.stop', ['web', { timeoutSeconds: -1 }]);
    expect(refusal(reply).message).toBe(
      'Argument 2, "timeoutSeconds": at least 0 (containers.stop)',
    );
  });

  it('spell out the first three problems and count the rest', async () => {
    const reply = await dispatcher.call('containers.create', [
      {
        ...spec,
        name: 'a b',
        cpuShares: 1,
        cpuset: 'x',
        workdir: 'tmp',
        restart: { name: 'on-failure', maxRetries: -1 },
      },
    ]);
    expect(refusal(reply).message).toBe(
      'Name: A name starts with a letter or digit and has only letters, digits, _ . and - ' +
        '(2 characters at least); Max retries: at least 0; CPU shares: at least 2; ' +
        'and 2 more problems (containers.create)',
    );
  });

  it('refuse a 1 MB frame of 95,000 bad labels with a short reply', async () => {
    const labels: Record<string, number> = {};
    for (let i = 0; i < 95_000; i++) labels[`label ${i}`] = i;
    const frame = JSON.stringify({
      t: 'call',
      id: 1,
      ch: 'containers.create',
      args: [{ ...spec, labels }],
    });
    expect(frame.length).toBeGreaterThan(1_000_000);

    const started = performance.now();
    const reply = await dispatcher.call('containers.create', JSON.parse(frame).args);
    const elapsed = performance.now() - started;
    const size = JSON.stringify(reply).length;
    console.log(`95,000 bad labels: refused in ${elapsed.toFixed(1)} ms, reply ${size} bytes`);

    expect(refusal(reply).kind).toBe('bad-request');
    expect(size).toBeLessThan(4096);
  });

  it('keep a stream refusal just as short', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `bad id ${i}`);
    let ended: ErrorEnvelope | undefined;
    const sink: StreamSink = { data: () => {}, end: (error) => (ended = error) };
    dispatcher.openStream('containers.stats', [{ ids }], sink);
    expect(ended).toMatchObject({ kind: 'bad-request' });
    expect(JSON.stringify(ended).length).toBeLessThan(4096);
  });
});
