import { describe, expect, it } from 'vitest';
import { filesCommandLines } from './files-commands.ts';

describe('filesCommandLines', () => {
  it('shows docker cp out, docker cp in and docker diff for the engine in use', () => {
    const lines = filesCommandLines(
      'web',
      { path: '/etc/passwd', folder: '/etc', uploadName: null },
      'posix',
      { context: 'berth' },
    ).split('\n');
    expect(lines).toEqual([
      'docker --context berth cp web:/etc/passwd .',
      'docker --context berth cp FILE web:/etc',
      'docker --context berth diff web',
    ]);
  });

  it('quotes hostile paths and file names so pasting runs nothing else', () => {
    const text = filesCommandLines(
      'web',
      { path: "/tmp/a'; rm -rf ~; '", folder: '/tmp/$(id)', uploadName: 'x:y;z' },
      'posix',
      {},
    );
    expect(text).toContain(`docker cp 'web:/tmp/a'\\''; rm -rf ~; '\\''' .`);
    expect(text).toContain(`'./x:y;z' 'web:/tmp/$(id)'`);
  });
});
