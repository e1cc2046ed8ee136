import { describe, expect, it } from 'vitest';
import { pickHelperImage } from './helper-image.ts';

const MB = 1 << 20;

describe('pickHelperImage', () => {
  it('takes the smallest tagged image, by its tag', () => {
    expect(
      pickHelperImage([
        { Id: 'sha256:big', RepoTags: ['debian:12'], Size: 120 * MB },
        { Id: 'sha256:small', RepoTags: ['busybox:latest', 'bb:1'], Size: 2 * MB },
        { Id: 'sha256:mid', RepoTags: ['alpine:3'], Size: 7 * MB },
      ]),
    ).toBe('busybox:latest');
  });

  it('prefers a tagged image to a smaller dangling one, which may be pruned any moment', () => {
    expect(
      pickHelperImage([
        { Id: 'sha256:dangling', RepoTags: ['<none>:<none>'], Size: MB },
        { Id: 'sha256:tagged', RepoTags: ['app:1'], Size: 50 * MB },
      ]),
    ).toBe('app:1');
  });

  it('falls back to an untagged image by its id', () => {
    expect(pickHelperImage([{ Id: 'sha256:only', RepoTags: null, Size: MB }])).toBe('sha256:only');
  });

  it('answers null on an engine with no image at all', () => {
    expect(pickHelperImage([])).toBeNull();
  });
});
