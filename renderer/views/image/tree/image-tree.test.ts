import { describe, expect, it } from 'vitest';
import {
  allParents,
  buildImageTree,
  diskBytes,
  pathTo,
  treeRows,
  type TreeImage,
} from './image-tree.ts';

const image = (
  name: string,
  layers: string[],
  size: number,
  extra: Partial<TreeImage> = {},
): TreeImage => ({
  id: `sha256:${name.padEnd(64, '0')}`,
  repoTags: [`${name}:latest`],
  created: 100,
  size,
  layers,
  ...extra,
});

const a = image('a', ['L1'], 5);
const b = image('b', ['L1', 'L2'], 8, { created: 200 });
const c = image('c', ['L1', 'L3'], 9);
const d = image('d', ['L1', 'L2'], 8, { created: 300 }); // b plus a LABEL: the same layers
const e = image('e', ['M1', 'M2', 'M3'], 30, { sharedSize: 20 });
const f = image('f', ['M1', 'M2', 'M4'], 25, { sharedSize: 20 });
const g = image('g', [], 0); // FROM scratch, metadata only
const h = image('h', ['N1', 'N2'], 7);

/** Each node as `name(addedLayers, addedSize)`, children nested. */
function shape(nodes: ReturnType<typeof buildImageTree>): unknown[] {
  return nodes.map((n) => {
    const label = `${n.image ? n.image.repoTags[0]!.split(':')[0] : n.key}(${n.addedLayers},${n.addedSize})`;
    return n.children.length ? { [label]: shape(n.children) } : label;
  });
}

describe('buildImageTree', () => {
  it('hangs each image under the nearest image its layers extend, and folds single chains', () => {
    const tree = buildImageTree([h, g, f, e, d, c, b, a]);
    expect(shape(tree)).toEqual([
      { 'a(1,5)': [{ 'b(1,3)': ['d(0,0)'] }, 'c(1,4)'] },
      'g(0,0)',
      'h(2,7)',
      { 'base:M2(2,20)': ['e(1,10)', 'f(1,5)'] },
    ]);
  });

  it('names a shared base by its layers, with the bytes a lone child shares', () => {
    const [base] = buildImageTree([e, f]);
    expect(base).toMatchObject({ key: 'base:M2', layerCount: 2, size: 20 });
    expect(base!.image).toBeUndefined();
    // Without shared sizes the base's bytes are unknown, not guessed.
    const [unknown] = buildImageTree([
      { ...e, sharedSize: undefined },
      { ...f, sharedSize: undefined },
    ]);
    expect(unknown!.size).toBeUndefined();
  });

  it('adds up the bytes on disk once per layer, and says when it cannot', () => {
    // a 5 + b 3 + d 0 + c 4 + g 0 + h 7 + base 20 + e 10 + f 5
    expect(diskBytes(buildImageTree([h, g, f, e, d, c, b, a]))).toBe(54);
    expect(diskBytes(buildImageTree([{ ...e, sharedSize: null }, f]))).toBe(35);
    expect(
      diskBytes(
        buildImageTree([
          { ...e, sharedSize: null },
          { ...f, sharedSize: null },
        ]),
      ),
    ).toBeUndefined();
    // A base on top of an image: what it adds over that image.
    const top = buildImageTree([
      a,
      { ...e, layers: ['L1', 'X', 'Y'] },
      { ...f, layers: ['L1', 'X', 'Z'] },
    ]);
    expect(top[0]!.children[0]).toMatchObject({ key: 'base:X', size: 20, addedSize: 15 });
  });

  it('makes the older of two images on the same layers the parent', () => {
    const [parent] = buildImageTree([d, b]);
    expect(parent!.image?.id).toBe(b.id);
    expect(parent!.children.map((n) => n.image?.id)).toEqual([d.id]);
  });
});

describe('the rows of the tree', () => {
  const tree = buildImageTree([a, b, c, d, e, f]);

  it('lists expanded nodes depth first with their level and place among siblings', () => {
    const rows = treeRows(tree, allParents(tree));
    expect(rows.map((r) => [r.node.key.slice(0, 8), r.level, r.posInSet, r.setSize])).toEqual([
      ['sha256:a', 1, 1, 2],
      ['sha256:b', 2, 1, 2],
      ['sha256:d', 3, 1, 1],
      ['sha256:c', 2, 2, 2],
      ['base:M2', 1, 2, 2],
      ['sha256:e', 2, 1, 2],
      ['sha256:f', 2, 2, 2],
    ]);
    expect(treeRows(tree, new Set()).map((r) => r.node.key)).toEqual([
      'sha256:' + 'a'.padEnd(64, '0'),
      'base:M2',
    ]);
  });

  it('finds the way down to an image, to open its ancestors', () => {
    expect(pathTo(tree, d.id)).toEqual([a.id, b.id, d.id]);
    expect(pathTo(tree, f.id)).toEqual(['base:M2', f.id]);
    expect(pathTo(tree, 'sha256:nothere')).toEqual([]);
  });
});
