import { describe, expect, it } from 'vitest';
import { bytesFreed, planPrune, type PruneCandidate } from './prune-plan.ts';

function image(id: string, opts: Partial<PruneCandidate> = {}): PruneCandidate {
  return { id, parentId: '', repoTags: [], repoDigests: [], layers: [`l-${id}`], ...opts };
}
const removedBy = (images: PruneCandidate[], used: string[], all: boolean) =>
  planPrune(images, new Set(used), all).removed.sort();

describe('planPrune, dangling only', () => {
  it('removes untagged images that nothing builds on and no container uses', () => {
    const images = [image('a'), image('b', { repoTags: ['b:1'] }), image('c')];
    expect(removedBy(images, ['c'], false)).toEqual(['a']);
    expect(planPrune(images, new Set(['c']), false).keptInUse).toBe(1);
  });

  it('counts an image with only a digest as dangling', () => {
    const images = [image('a', { repoDigests: ['a@sha256:00'] })];
    expect(removedBy(images, [], false)).toEqual(['a']);
  });

  it('leaves untagged parents of other images, and removes them with their last dangling child', () => {
    const images = [
      image('base', { repoTags: ['base:1'] }),
      image('mid', { parentId: 'base' }),
      image('leaf', { parentId: 'mid' }),
      image('other', { parentId: 'mid', repoTags: ['other:1'] }),
      image('mid2', { parentId: 'base' }),
      image('leaf2', { parentId: 'mid2' }),
    ];
    // mid keeps a tagged child; mid2 goes with leaf2; base is tagged.
    expect(removedBy(images, [], false)).toEqual(['leaf', 'leaf2', 'mid2']);
  });

  it('stops at a parent a container uses', () => {
    const images = [image('mid'), image('leaf', { parentId: 'mid' })];
    expect(removedBy(images, ['mid'], false)).toEqual(['leaf']);
  });
});

describe('planPrune, all unused', () => {
  it('keeps what containers use and everything under it, removes the rest', () => {
    const images = [
      image('base', { repoTags: ['base:1'] }),
      image('app', { parentId: 'base', repoTags: ['app:1'] }),
      image('spare', { repoTags: ['spare:1', 'spare:2'] }),
      image('loose'),
    ];
    expect(removedBy(images, ['app'], true)).toEqual(['loose', 'spare']);
    expect(planPrune(images, new Set(['app']), true).keptInUse).toBe(2);
  });
});

describe('bytesFreed', () => {
  it('counts the chains no image left has, once each', () => {
    const images = [
      image('base', { layers: ['x'] }),
      image('a', { layers: ['x', 'y'] }),
      image('b', { layers: ['x', 'y', 'z'] }),
    ];
    const sizes: Record<string, number[]> = { a: [10, 20], b: [10, 20, 30], base: [10] };
    expect(bytesFreed(images, new Set(['b']), (id) => sizes[id]!)).toBe(30);
    expect(bytesFreed(images, new Set(['a', 'b']), (id) => sizes[id]!)).toBe(50);
    expect(bytesFreed(images, new Set(['a', 'b', 'base']), (id) => sizes[id]!)).toBe(60);
  });

  it('tells the same layer on another base apart (a chain, not a diffID)', () => {
    const images = [image('a', { layers: ['p', 'y'] }), image('b', { layers: ['q', 'y'] })];
    expect(bytesFreed(images, new Set(['a']), () => [1, 5])).toBe(6);
  });
});
