import { describe, expect, it } from 'vitest';
import { historyCommandLines } from './history-commands.ts';

describe('historyCommandLines', () => {
  it('shows docker history --no-trunc and docker image inspect for the image', () => {
    expect(historyCommandLines('busybox:latest', 'posix', {})).toBe(
      'docker history --no-trunc busybox:latest\ndocker image inspect busybox:latest',
    );
  });

  // The e2e test runs these lines through a real shell; here, that each word is quoted.
  it('quotes a hostile engine address and image name for each shell', () => {
    const host = "unix:///tmp/it's $(touch pwned)/docker.sock";
    const ref = 'localhost:5000/a;b`x`:t';
    expect(historyCommandLines(ref, 'posix', { host })).toBe(
      [
        `docker -H 'unix:///tmp/it'\\''s $(touch pwned)/docker.sock' history --no-trunc 'localhost:5000/a;b\`x\`:t'`,
        `docker -H 'unix:///tmp/it'\\''s $(touch pwned)/docker.sock' image inspect 'localhost:5000/a;b\`x\`:t'`,
      ].join('\n'),
    );
    expect(historyCommandLines(ref, 'powershell', { context: 'a b' })).toBe(
      [
        `docker --context 'a b' history --no-trunc 'localhost:5000/a;b\`x\`:t'`,
        `docker --context 'a b' image inspect 'localhost:5000/a;b\`x\`:t'`,
      ].join('\n'),
    );
  });
});
