import { describe, expect, it } from 'vitest';
import { imageCommitCallArgs } from './image-commit-channels.ts';
import { changeProblem, commitArgs, parseChanges, type CommitSpec } from './commit-spec.ts';

const spec: CommitSpec = {
  container: 'web',
  repository: 'me/web',
  tag: 'v1',
  message: 'first',
  author: 'Ann <ann@example.com>',
  pause: true,
  changes: ['ENV A=1', 'CMD ["sh"]'],
};

describe('changes', () => {
  it('takes the instructions docker commit --change takes, in any case', () => {
    for (const line of ['ENV A=1', 'expose 80', 'CMD ["sh"]', 'LABEL a=b', 'WORKDIR /x']) {
      expect(changeProblem(line)).toBeNull();
    }
  });

  it('refuses other instructions with the list, and an instruction without a value', () => {
    expect(changeProblem('RUN echo hi')).toMatch(/RUN cannot be a change: .*CMD, ENTRYPOINT/);
    expect(changeProblem('COPY . /')).toMatch(/cannot be a change/);
    expect(changeProblem('ENV')).toMatch(/ENV needs a value/);
  });

  it('reads one a line, skips blank ones and names the bad lines', () => {
    expect(parseChanges('ENV A=1\n\n  EXPOSE 80  \n')).toEqual({
      ok: true,
      value: ['ENV A=1', 'EXPOSE 80'],
    });
    expect(parseChanges('ENV A=1\nADD x /x')).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^Line 2: ADD cannot be a change/)],
    });
  });

  it('is checked again at the contract boundary', () => {
    const bad = imageCommitCallArgs['images.commit'].safeParse([
      { ...spec, changes: ['RUN rm -rf /'] },
    ]);
    expect(bad.success).toBe(false);
    expect(imageCommitCallArgs['images.commit'].safeParse([spec]).success).toBe(true);
  });

  it('refuses a tagged repository, a bad tag, and a tag without a repository', () => {
    const parse = (s: Partial<CommitSpec>) =>
      imageCommitCallArgs['images.commit'].safeParse([{ ...spec, ...s }]).success;
    expect(parse({ repository: 'me/web:v2' })).toBe(false);
    expect(parse({ repository: 'Me/Web' })).toBe(false);
    expect(parse({ repository: 'localhost:5000/me/web' })).toBe(true);
    expect(parse({ tag: '-x' })).toBe(false);
    expect(parse({ repository: '', tag: 'v1' })).toBe(false);
    expect(parse({ repository: '', tag: '' })).toBe(true);
  });
});

describe('commitArgs', () => {
  it('writes the CLI flags, pausing by default as the CLI does', () => {
    expect(commitArgs(spec)).toEqual([
      'commit',
      '--author',
      'Ann <ann@example.com>',
      '-m',
      'first',
      '-c',
      'ENV A=1',
      '-c',
      'CMD ["sh"]',
      'web',
      'me/web:v1',
    ]);
    expect(
      commitArgs({ ...spec, pause: false, author: '', message: '', changes: [], tag: '' }),
    ).toEqual(['commit', '-p=false', 'web', 'me/web']);
  });
});
