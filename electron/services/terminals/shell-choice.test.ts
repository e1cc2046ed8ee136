import { describe, expect, it } from 'vitest';
import { isMissingExecutable } from '../containers/exec-capture.ts';
import { chooseShell } from './shell-choice.ts';

describe('chooseShell', () => {
  it('picks bash when the probe found it, sh otherwise', () => {
    expect(chooseShell('bash\r\n', 0)).toBe('bash');
    expect(chooseShell('sh\n', 0)).toBe('sh');
  });

  it('gives no shell when the probe could not run (no sh in the image)', () => {
    const engine = 'OCI runtime exec failed: exec: "sh": executable file not found in $PATH\r\n';
    expect(chooseShell(engine, 126)).toBeUndefined();
    expect(chooseShell('', null)).toBeUndefined();
    expect(chooseShell('something else', 0)).toBeUndefined();
  });

  it('recognises the engine saying a program is missing', () => {
    expect(isMissingExecutable('exec: "sh": executable file not found in $PATH')).toBe(true);
    expect(isMissingExecutable('permission denied')).toBe(false);
  });
});
