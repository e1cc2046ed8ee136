import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { exitCodeOf, secondsUntilKill, stateTone, stoppingText } from './state-tone.ts';

const c = (over: Partial<ContainerSummary>): ContainerSummary => ({
  id: 'c1',
  name: 'web',
  image: 'img',
  imageId: '',
  command: '',
  created: 1,
  state: 'exited',
  status: 'Exited (0) 1 second ago',
  statusAt: 0,
  ports: [],
  mounts: [],
  networks: [],
  labels: {},
  ...over,
});

describe('stateTone', () => {
  it('keeps red for a failure (exit 3)', () => {
    expect(stateTone(c({ status: 'Exited (3) 2 minutes ago' }))).toBe('failed');
  });

  it('shows a container stopped on request as neutral, even at 137', () => {
    expect(stateTone(c({ status: 'Exited (137) 1 minute ago', endedOnRequest: true }))).toBe(
      'neutral',
    );
  });

  it('takes a 137 nobody asked for (killed from outside, out of memory) for a failure', () => {
    expect(stateTone(c({ status: 'Exited (137) 1 minute ago' }))).toBe('failed');
  });

  it('shows exit 0 and exit 143 (ended by SIGTERM) as neutral', () => {
    expect(stateTone(c({ status: 'Exited (0) 1 minute ago' }))).toBe('neutral');
    expect(stateTone(c({ status: 'Exited (143) 1 minute ago' }))).toBe('neutral');
  });

  it('marks a running container that is being stopped as busy', () => {
    expect(stateTone(c({ state: 'running', status: 'Up 1 minute' }))).toBe('running');
    expect(
      stateTone(
        c({ state: 'running', status: 'Up 1 minute', stopping: { since: 0, timeoutSec: 10 } }),
      ),
    ).toBe('busy');
  });

  it('reads the exit code out of the status', () => {
    expect(exitCodeOf('Exited (-1) 3 seconds ago')).toBe(-1);
    expect(exitCodeOf('Up 3 seconds')).toBeNull();
  });
});

describe('the kill countdown', () => {
  const stopping = { since: 10_000, timeoutSec: 10 };

  it('counts whole seconds down to the kill', () => {
    expect(secondsUntilKill(stopping, 10_000)).toBe(10);
    expect(secondsUntilKill(stopping, 10_001)).toBe(10);
    expect(secondsUntilKill(stopping, 19_000)).toBe(1);
    expect(secondsUntilKill(stopping, 19_999)).toBe(1);
    expect(secondsUntilKill(stopping, 20_000)).toBe(0);
    expect(secondsUntilKill(stopping, 99_000)).toBe(0);
  });

  it('says what it waits for, then that it kills', () => {
    expect(stoppingText(stopping, 13_000)).toBe(
      'Stopping: waiting for it to stop, then it will be killed in 7 s',
    );
    expect(stoppingText(stopping, 21_000)).toBe('Stopping: killing it now');
  });
});
