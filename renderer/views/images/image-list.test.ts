import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../electron/contract/channels.ts';
import { imageRowName, runReference, sizeText, splitRepoTag, visibleImages } from './image-list.ts';

const image = (id: string, repoTags: string[], created: number, size: number): ImageSummary => ({
  id,
  repoTags,
  created,
  size,
  layers: [],
  sharedSize: 0,
  usedBy: [],
  dangling: repoTags.length === 0,
});
const web = image('sha256:aaaa11112222333344445555', ['web:1', 'web:latest'], 20, 2_000_000);
const bare = image('sha256:bbbb11112222333344445555', [], 30, 999);
const db = {
  ...image('sha256:cccc11112222333344445555', ['db:5'], 10, 1_234_567_890),
  usedBy: ['postgres'],
};

describe('image list', () => {
  it('names a row by every tag and the short id', () => {
    expect(imageRowName(web)).toBe('web:1 web:latest aaaa11112222');
    expect(imageRowName(bare)).toBe('bbbb11112222');
  });

  it('runs an untagged image by its short id', () => {
    expect(runReference(web)).toBe('web:1');
    expect(runReference(bare)).toBe('bbbb11112222');
  });

  it('lists newest first, filtered by tag, id prefix, container or "dangling"', () => {
    expect(visibleImages([db, web, bare], '').map((i) => i.id)).toEqual([bare.id, web.id, db.id]);
    expect(visibleImages([db, web, bare], 'WEB').map((i) => i.id)).toEqual([web.id]);
    expect(visibleImages([db, web, bare], 'cccc').map((i) => i.id)).toEqual([db.id]);
    expect(visibleImages([db, web, bare], 'postg').map((i) => i.id)).toEqual([db.id]);
    expect(visibleImages([db, web, bare], 'dangling').map((i) => i.id)).toEqual([bare.id]);
  });

  it('sorts by the column picked, untagged images last when sorting by name', () => {
    const by = (key: 'repository' | 'size', direction: 'ascending' | 'descending') =>
      visibleImages([db, web, bare], '', { key, direction }).map((i) => i.id);
    expect(by('repository', 'ascending')).toEqual([db.id, web.id, bare.id]);
    expect(by('repository', 'descending')).toEqual([web.id, db.id, bare.id]);
    expect(by('size', 'descending')).toEqual([db.id, web.id, bare.id]);
  });

  it('splits a name into repository and tag, never at a registry port', () => {
    expect(splitRepoTag('registry:5000/team/web:1')).toEqual({
      repository: 'registry:5000/team/web',
      tag: '1',
    });
    expect(splitRepoTag('registry:5000/web')).toEqual({
      repository: 'registry:5000/web',
      tag: '',
    });
  });

  it('writes sizes as docker images does', () => {
    expect(sizeText(999)).toBe('999 B');
    expect(sizeText(2_000_000)).toBe('2.0 MB');
    expect(sizeText(1_234_567_890)).toBe('1.2 GB');
    expect(sizeText(56_700_000)).toBe('57 MB');
  });
});
