import { describe, expect, it } from 'vitest';
import { callArgs, streamArgs } from './channels.ts';
import { pullCommandLine, pushCommandLine, tagCommandLine } from './image-sharing-commands.ts';
import { platformProblem } from './image-platform.ts';

const first = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues[0]?.message;

describe('images.pull arguments', () => {
  it('take an optional os/arch[/variant] platform', () => {
    for (const platform of ['linux/amd64', 'linux/arm/v7', 'windows/amd64', 'linux/arm64/v8'])
      expect(streamArgs['images.pull'].safeParse([{ ref: 'busybox', platform }]).success).toBe(
        true,
      );
    expect(streamArgs['images.pull'].safeParse([{ ref: 'busybox' }]).success).toBe(true);
    for (const platform of [
      'linux',
      'linux/',
      '/amd64',
      'linux/amd64/v7/x',
      'linux/$(id)',
      'linux amd64',
      '',
    ])
      expect(streamArgs['images.pull'].safeParse([{ ref: 'busybox', platform }]).success).toBe(
        false,
      );
    expect(platformProblem('Linux/AMD64')).toBe('Platforms are lower case: try linux/amd64');
  });
});

describe('images.tag and images.push arguments', () => {
  it('tag any image to a name without digest', () => {
    expect(
      callArgs['images.tag'].safeParse(['sha256:' + 'a'.repeat(64), 'localhost:5000/x:1']).success,
    ).toBe(true);
    expect(
      callArgs['images.tag'].safeParse(['busybox', 'me/x@sha256:' + 'a'.repeat(64)]).success,
    ).toBe(false);
    expect(first(callArgs['images.tag'].safeParse(['busybox', 'Me/X']))).toContain('lower case');
  });

  it('push a repository:tag, refusing an id or a digest with a reason', () => {
    expect(streamArgs['images.push'].safeParse([{ ref: 'localhost:5000/x:1' }]).success).toBe(true);
    expect(first(streamArgs['images.push'].safeParse([{ ref: '0123456789ab' }]))).toContain(
      'not an image id',
    );
    expect(
      first(streamArgs['images.push'].safeParse([{ ref: 'x@sha256:' + 'a'.repeat(64) }])),
    ).toContain('not a digest');
    expect(streamArgs['images.push'].safeParse([{ ref: 'x;id' }]).success).toBe(false);
  });
});

describe('shown commands', () => {
  it('write docker pull, tag and push for the engine in use', () => {
    const target = { host: "unix:///tmp/it's here/docker.sock" };
    expect(pullCommandLine({ ref: 'busybox:1', platform: 'linux/arm64' }, 'posix', target)).toBe(
      "docker -H 'unix:///tmp/it'\\''s here/docker.sock' pull --platform linux/arm64 busybox:1",
    );
    expect(pullCommandLine({ ref: 'busybox' }, 'posix')).toBe('docker pull busybox');
    expect(tagCommandLine('busybox', 'localhost:5000/b:1', 'posix', { context: 'berth' })).toBe(
      'docker --context berth tag busybox localhost:5000/b:1',
    );
    expect(pushCommandLine('localhost:5000/b:1', 'powershell')).toBe(
      'docker push localhost:5000/b:1',
    );
  });
});
