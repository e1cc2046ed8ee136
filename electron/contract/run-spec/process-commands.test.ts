import { describe, expect, it } from 'vitest';
import { signalCommandLine, statsCommandLine, topCommandLine } from './process-commands.ts';

describe('the Stats and Processes commands', () => {
  it('are the docker lines for the container, pointed at the engine in use', () => {
    expect(statsCommandLine('web', 'posix')).toBe('docker stats web');
    expect(topCommandLine('web', null, 'posix')).toBe('docker top web');
    expect(topCommandLine('web', '-o pid,user,%cpu,%mem,args', 'posix')).toBe(
      "docker top web -o 'pid,user,%cpu,%mem,args'",
    );
    expect(signalCommandLine('web', 'SIGTERM', 12, 'posix')).toBe('docker exec web kill -TERM 12');
    expect(signalCommandLine('web', 'KILL', 1, 'posix', { context: 'berth' })).toBe(
      'docker --context berth kill --signal KILL web',
    );
  });

  it('quote an engine address that a shell would otherwise read', () => {
    const host = "unix:///tmp/a b/$(touch x)'.sock";
    expect(statsCommandLine('web', 'posix', { host })).toBe(
      `docker -H 'unix:///tmp/a b/$(touch x)'\\''.sock' stats web`,
    );
    expect(topCommandLine('web', null, 'powershell', { host })).toBe(
      `docker -H 'unix:///tmp/a b/$(touch x)''.sock' top web`,
    );
  });
});
