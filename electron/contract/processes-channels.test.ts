import { describe, expect, it } from 'vitest';
import { processCallArgs } from './processes-channels.ts';

const signalArgs = processCallArgs['containers.signalProcess'];

describe('the Processes channels', () => {
  it('take a container, a whole positive PID and a signal name or number', () => {
    expect(signalArgs.safeParse(['web', { pid: 1234, signal: 'TERM' }]).success).toBe(true);
    expect(signalArgs.safeParse(['web', { pid: 1, signal: 'SIGKILL' }]).success).toBe(true);
    expect(signalArgs.safeParse(['web', { pid: 7, signal: '9' }]).success).toBe(true);
  });

  it('refuse what kill would read as something else, before any exec', () => {
    for (const target of [
      { pid: 0, signal: 'TERM' },
      { pid: -1, signal: 'TERM' }, // kill -TERM -1: every process it may signal
      { pid: 1.5, signal: 'TERM' },
      { pid: '12 13', signal: 'TERM' },
      { pid: 12, signal: 'TERM 13' },
      { pid: 12, signal: '-l' },
      { pid: 12, signal: 'TERM', extra: true },
    ]) {
      expect(signalArgs.safeParse(['web', target]).success, JSON.stringify(target)).toBe(false);
    }
    expect(signalArgs.safeParse(['../x', { pid: 12, signal: 'TERM' }]).success).toBe(false);
    expect(processCallArgs['containers.top'].safeParse(['web?x=1']).success).toBe(false);
  });
});
