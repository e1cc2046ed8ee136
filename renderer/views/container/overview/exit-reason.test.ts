import { describe, expect, it } from 'vitest';
import { explainState } from './exit-reason.ts';

const exited = (ExitCode: number, extra: object = {}) =>
  explainState({ Status: 'exited', ExitCode, OOMKilled: false, ...extra });

describe('explainState', () => {
  it('calls exit code 0 finished, not a failure', () => {
    expect(exited(0)).toMatchObject({ words: 'finished', failed: false });
    expect(exited(0).reason).toContain('exit code 0');
  });

  it('says out of memory when the OOMKilled flag is set, whatever the code', () => {
    expect(exited(137, { OOMKilled: true })).toMatchObject({
      words: 'stopped: out of memory',
      failed: true,
    });
    expect(exited(1, { OOMKilled: true }).words).toBe('stopped: out of memory');
  });

  it('explains 137 as killed, naming memory as one cause, when the flag is not set', () => {
    const s = exited(137);
    expect(s.words).toBe('killed');
    expect(s.reason).toMatch(/SIGKILL.*memory/);
  });

  it('calls 143 a stop on request, not a failure', () => {
    expect(exited(143)).toMatchObject({ words: 'stopped', failed: false });
  });

  it('tells a command that cannot run (126) from one not found (127)', () => {
    expect(exited(126).words).toBe('failed: command not runnable');
    expect(exited(127).words).toBe('failed: command not found');
  });

  it('gives any other code as failed with exit code N', () => {
    expect(exited(3)).toMatchObject({ words: 'failed with exit code 3', failed: true });
    expect(exited(3).reason).toContain('exit code 3');
  });

  it("keeps the engine's own words when it could not start the command", () => {
    const s = exited(127, { Error: 'exec: "nope": executable file not found in $PATH' });
    expect(s.reason).toContain('The engine said: exec: "nope"');
  });

  it('words the live states plainly, with no reason', () => {
    expect(explainState({ Status: 'running' })).toEqual({ words: 'running', failed: false });
    expect(explainState({ Status: 'created' }).words).toBe('created, not started yet');
    expect(explainState({ Status: 'paused' }).reason).toBeUndefined();
  });
});
