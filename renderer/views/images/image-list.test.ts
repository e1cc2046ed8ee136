import { describe, expect, it } from 'vitest';
import { imageRowName, runReference, sizeText, visibleImages } from './image-list.ts';

const web = {
  id: 'sha256:aaaa11112222333344445555',
  repoTags: ['web:1', 'web:latest'],
  created: 20,
  size: 2_000_000,
};
const bare = { id: 'sha256:bbbb11112222333344445555', repoTags: [], created: 30, size: 999 };
const db = {
  id: 'sha256:cccc11112222333344445555',
  repoTags: ['db:5'],
  created: 10,
  size: 1_234_567_890,
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

  it('lists newest first, filtered by tag or id prefix', () => {
    expect(visibleImages([db, web, bare], '').map((i) => i.id)).toEqual([bare.id, web.id, db.id]);
    expect(visibleImages([db, web, bare], 'WEB').map((i) => i.id)).toEqual([web.id]);
    expect(visibleImages([db, web, bare], 'cccc').map((i) => i.id)).toEqual([db.id]);
  });

  it('writes sizes as docker images does', () => {
    expect(sizeText(999)).toBe('999 B');
    expect(sizeText(2_000_000)).toBe('2.0 MB');
    expect(sizeText(1_234_567_890)).toBe('1.2 GB');
    expect(sizeText(56_700_000)).toBe('57 MB');
  });
});
