import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../contract/container-types.ts';
import type { EngineEvent } from '../events/engine-event.ts';
import { StopRequests } from './stop-requests.ts';

const row = (state: ContainerSummary['state'], status: string): ContainerSummary => ({
  id: 'c1',
  name: 'web',
  image: 'img',
  imageId: '',
  command: 'sh',
  created: 1,
  state,
  status,
  statusAt: 0,
  ports: [],
  mounts: [],
  networks: [],
  labels: {},
});
const exited = (code: number) => row('exited', `Exited (${code}) 1 second ago`);
const event = (
  action: string,
  attributes: Record<string, string> = {},
  sec = 100,
): EngineEvent => ({
  type: 'container',
  action,
  actorId: 'c1',
  attributes,
  timeSec: String(sec),
  timeNanos: '500000000',
});

describe('StopRequests', () => {
  it('marks a container ended by a stop (SIGTERM, then SIGKILL, then die) as ended on request', () => {
    const stops = new StopRequests();
    for (const e of [
      event('kill', { signal: '15' }),
      event('kill', { signal: '9' }),
      event('die', { exitCode: '137' }),
      event('stop'),
    ])
      stops.note(e);
    expect(stops.decorate(exited(137)).endedOnRequest).toBe(true);
  });

  it('leaves a container that died by itself unmarked', () => {
    const stops = new StopRequests();
    stops.note(event('start'));
    stops.note(event('die', { exitCode: '137' }));
    expect(stops.decorate(exited(137)).endedOnRequest).toBeUndefined();
  });

  it('counts an out-of-memory kill as a failure even after a stop was asked', () => {
    const stops = new StopRequests();
    stops.note(event('kill', { signal: '15' }));
    stops.note(event('oom'));
    stops.note(event('die', { exitCode: '137' }));
    expect(stops.decorate(exited(137)).endedOnRequest).toBeUndefined();
  });

  it('does not take a reload signal for a request to end', () => {
    const stops = new StopRequests();
    stops.note(event('kill', { signal: 'SIGHUP' }));
    stops.note(event('die', { exitCode: '1' }));
    expect(stops.decorate(exited(1)).endedOnRequest).toBeUndefined();
  });

  it('forgets the request when the container starts again', () => {
    const stops = new StopRequests();
    stops.note(event('kill', { signal: '9' }));
    stops.note(event('start'));
    stops.note(event('die', { exitCode: '3' }));
    expect(stops.decorate(exited(3)).endedOnRequest).toBeUndefined();
  });

  it('says a running container is stopping from its SIGTERM until it dies', () => {
    const stops = new StopRequests();
    stops.note(event('kill', { signal: '15' }, 100));
    expect(stops.decorate(row('running', 'Up 1 minute')).stopping).toEqual({
      since: 100_500,
      timeoutSec: 10,
    });
    stops.note(event('die', { exitCode: '143' }));
    expect(stops.decorate(row('running', 'Up 1 minute')).stopping).toBeUndefined();
  });

  it("uses the container's own stop timeout once read, and only while it is stopping", () => {
    const stops = new StopRequests();
    expect(stops.setStopTimeout('c1', 3)).toBe(false);
    stops.note(event('kill', { signal: 'SIGTERM' }, 100));
    expect(stops.setStopTimeout('c1', 3)).toBe(true);
    expect(stops.decorate(row('running', 'Up 1 minute')).stopping?.timeoutSec).toBe(3);
    stops.note(event('die', { exitCode: '143' }));
    expect(stops.setStopTimeout('c1', 5)).toBe(false);
  });

  it('drops marks that a fresh read carried over from before', () => {
    const stops = new StopRequests();
    const stale = { ...exited(3), endedOnRequest: true };
    expect(stops.decorate(stale).endedOnRequest).toBeUndefined();
  });
});
