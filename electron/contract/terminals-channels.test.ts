import { describe, expect, it } from 'vitest';
import { splitCommand, terminalCommandLine, terminalStreamArgs } from './terminals-channels.ts';

describe('terminal command lines', () => {
  it('shows exec, attach and a throwaway run, quoted for the shell', () => {
    expect(terminalCommandLine('exec', { name: 'web' }, 'posix')).toBe('docker exec -it web sh');
    expect(terminalCommandLine('attach', { name: 'web' }, 'posix', { context: 'berth' })).toBe(
      'docker --context berth attach web',
    );
    expect(
      terminalCommandLine(
        'image',
        { name: 'busybox:1', command: ['sh', '-c', "echo 'a b'; id"] },
        'posix',
      ),
    ).toBe(`docker run --rm -it busybox:1 sh -c 'echo '\\''a b'\\''; id'`);
    expect(
      terminalCommandLine('exec', { name: 'web', command: ['echo', '$HOME'] }, 'powershell'),
    ).toBe("docker exec -it web echo '$HOME'");
  });

  it('splits a typed command as a shell would, without running one', () => {
    expect(splitCommand('  ')).toEqual({});
    expect(splitCommand(`ls -la "/my dir" 'it''s' a\\ b ""`)).toEqual({
      command: ['ls', '-la', '/my dir', 'its', 'a b', ''],
    });
    expect(splitCommand(`echo "open`)).toEqual({ problem: 'A double quote is not closed' });
  });

  it('refuses sizes out of range and bad container refs', () => {
    const exec = terminalStreamArgs['containers.exec'];
    expect(exec.safeParse([{ id: 'web', cols: 1, rows: 1 }]).success).toBe(true);
    expect(exec.safeParse([{ id: 'web', cols: 500, rows: 200 }]).success).toBe(true);
    expect(exec.safeParse([{ id: 'web', cols: 0, rows: 1 }]).success).toBe(false);
    expect(exec.safeParse([{ id: '../x', cols: 80, rows: 24 }]).success).toBe(false);
  });
});
