import { describe, expect, it } from 'vitest';
import { findBases, type HistoryStep, type ImageChain } from './base-images.ts';

interface Local extends ImageChain {
  layers: string[];
  history: HistoryStep[];
}

const step = (createdBy: string, created = 1): HistoryStep => ({ createdBy, created });
const busybox: Local = {
  id: 'sha256:b',
  repoTags: ['busybox:latest'],
  created: 1,
  layers: ['L0'],
  history: [step('')],
};
const base: Local = {
  id: 'sha256:base',
  repoTags: ['app/base:1'],
  created: 2,
  layers: ['L0', 'L1'],
  history: [step(''), step('RUN a', 2)],
};
const app: Local = {
  id: 'sha256:app',
  repoTags: ['app:1'],
  created: 3,
  layers: ['L0', 'L1', 'L2'],
  history: [step(''), step('RUN a', 2), step('ENV x', 3), step('RUN b', 3)],
};

async function basesOf(image: Local, locals: Local[]) {
  const byId = new Map(locals.map((l) => [l.id, l]));
  return findBases(
    { ...image, diffIds: image.layers },
    locals.filter((l) => l.id !== image.id),
    {
      layersOf: async (id) => byId.get(id)!.layers,
      historyOf: async (id) => byId.get(id)!.history,
    },
  );
}

describe('findBases', () => {
  it('finds every image the chain was built from, fewest steps first', async () => {
    expect(await basesOf(app, [busybox, base, app])).toEqual([
      { id: 'sha256:b', name: 'busybox:latest', layers: 1, steps: 1 },
      { id: 'sha256:base', name: 'app/base:1', layers: 2, steps: 2 },
    ]);
  });

  it('takes a base with the same layers that only added metadata, but not a later child', async () => {
    const labelled: Local = {
      ...base,
      id: 'sha256:labelled',
      repoTags: [],
      created: 4,
      history: [...base.history, step('LABEL x', 4)],
    };
    expect((await basesOf(labelled, [busybox, base, labelled])).map((b) => b.name)).toEqual([
      'busybox:latest',
      'app/base:1',
    ]);
    // base is older than labelled and has the same layers: labelled is no base of it.
    expect((await basesOf(base, [busybox, base, labelled])).map((b) => b.name)).toEqual([
      'busybox:latest',
    ]);
  });

  it('ignores images with the same first layers but another history, and gone ones', async () => {
    const rebuilt: Local = { ...base, id: 'sha256:other', history: [step(''), step('RUN z', 2)] };
    const gone: Local = { ...base, id: 'sha256:gone', layers: [], history: [] };
    expect((await basesOf(app, [busybox, rebuilt, gone])).map((b) => b.name)).toEqual([
      'busybox:latest',
    ]);
  });

  it('names an untagged base by its short id', async () => {
    const untagged = { ...base, id: `sha256:${'a'.repeat(64)}`, repoTags: [] };
    const [, found] = await basesOf(app, [busybox, untagged]);
    expect(found!.name).toBe('aaaaaaaaaaaa');
  });
});
