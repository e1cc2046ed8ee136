import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../electron/contract/images-channels.ts';
import { blockerText, removalBlockers } from './remove-blockers.ts';

const image = (id: string, repoTags: string[]): ImageSummary => ({
  id,
  repoTags,
  created: 0,
  size: 0,
  layers: [],
  sharedSize: 0,
  usedBy: [],
  dangling: repoTags.length === 0,
});

describe('removalBlockers', () => {
  it('names running and stopped containers apart, and every tag of a many-tagged image', () => {
    const [a, b, c] = removalBlockers(
      [image('a', ['a:1']), image('b', ['b:1', 'b:2']), image('c', [])],
      [
        { name: 'web', imageId: 'a', state: 'running' },
        { name: 'old', imageId: 'a', state: 'exited' },
        { name: 'held', imageId: 'a', state: 'paused' },
        { name: 'new', imageId: 'b', state: 'created' },
      ],
    );
    expect(a).toEqual({ id: 'a', running: ['held', 'web'], stopped: ['old'], tags: [] });
    expect(b).toEqual({ id: 'b', running: [], stopped: ['new'], tags: ['b:1', 'b:2'] });
    expect(blockerText(c!)).toBeNull();
    expect(blockerText(a!)).toBe(
      'running: held, web (the engine refuses even a forced removal); stopped: old (only a forced removal)',
    );
    expect(blockerText(b!)).toMatch(/its 2 tags all go: b:1, b:2$/);
  });
});
