import { describe, expect, it } from 'vitest';
import { imageEfficiency } from './efficiency.ts';
import { layerOf } from '../../../../test/helpers/layer-fixture.ts';

describe('image efficiency', () => {
  it('is 1 with nothing wasted when every path is written once', () => {
    const only = layerOf([
      { name: 'a', body: 'aaaa' },
      { name: 'd/', type: 'dir' },
    ]);
    expect(imageEfficiency([only])).toEqual({ score: 1, wastedBytes: 0, worst: [] });
  });

  it('counts every copy but the smallest as wasted; a removal is a 0-byte copy; folders do not count', () => {
    const l0 = layerOf([
      { name: 'big', body: 'x'.repeat(100) },
      { name: 'keep', body: 'k'.repeat(50) },
      { name: 'd/', type: 'dir' },
      { name: 'd/f', body: 'f'.repeat(30) },
    ]);
    const l1 = layerOf([
      { name: 'big', body: 'y'.repeat(120) },
      { name: 'd/', type: 'dir' },
      { name: 'd/.wh.f', body: '' },
    ]);
    const l2 = layerOf([{ name: 'd/', type: 'dir' }]);
    const result = imageEfficiency([l0, l1, l2]);
    // smallest: big 100 + keep 50 + d/f 0 = 150; all: 220 + 50 + 30 = 300
    expect(result.score).toBe(0.5);
    expect(result.wastedBytes).toBe(150);
    expect(result.worst).toEqual([
      { path: 'big', copies: 2, totalBytes: 220, wastedBytes: 120, layers: [0, 1] },
      { path: 'd/f', copies: 2, totalBytes: 30, wastedBytes: 30, layers: [0, 1] },
    ]);
  });

  it('a whole folder deleted wastes each file in it; a file replaced by a folder wastes the file', () => {
    const l0 = layerOf([
      { name: 'cache/', type: 'dir' },
      { name: 'cache/a', body: 'a'.repeat(10) },
      { name: 'cache/b', body: 'b'.repeat(20) },
      { name: 'p', body: 'p'.repeat(7) },
    ]);
    const l1 = layerOf([
      { name: '.wh.cache', body: '' },
      { name: 'p/', type: 'dir' },
    ]);
    const result = imageEfficiency([l0, l1]);
    expect(result.wastedBytes).toBe(37);
    expect(result.score).toBe(0);
    expect(result.worst.map((w) => [w.path, w.wastedBytes, w.layers])).toEqual([
      ['cache/b', 20, [0, 1]],
      ['cache/a', 10, [0, 1]],
      ['p', 7, [0, 1]],
    ]);
  });
});
