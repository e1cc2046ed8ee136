import { describe, expect, it } from 'vitest';
import type {
  ImageHistory,
  ImageHistoryEntry,
} from '../../../../electron/contract/image-history-channels.ts';
import { cleanCreatedBy } from '../../../../electron/contract/image-history/created-by.ts';
import { layerRows, rowLabel } from './layer-rows.ts';

const L = (n: number) => `sha256:${String(n).repeat(64)}`;

function entry(createdBy: string, size = 0, comment = ''): ImageHistoryEntry {
  return {
    created: 1,
    createdBy,
    cliText: createdBy,
    step: cleanCreatedBy(createdBy, comment),
    size,
    comment,
    tags: [],
  };
}

// Oldest first here; the engine lists them newest first.
const steps = [
  entry('', 2_000_000, 'Imported from -'),
  entry('/bin/sh -c echo base > /b', 5),
  entry('/bin/sh -c #(nop)  ENV A=1'),
  entry('/bin/sh -c #(nop) WORKDIR /w'),
];
const history: ImageHistory = {
  imageId: 'sha256:app',
  repoTags: ['app:1'],
  entries: [...steps].reverse(),
  diffIds: [L(1), L(2), L(3)],
  bases: [
    { id: 'sha256:bb', name: 'busybox:latest', layers: 1, steps: 1 },
    { id: 'sha256:base', name: 'base:1', layers: 2, steps: 2 },
  ],
};
const config = (empty: boolean[]) => ({
  history: steps.map((s, i) => ({ createdBy: s.createdBy, emptyLayer: empty[i]! })),
  layers: history.diffIds.map((diffId) => ({ diffId, size: 0, entries: 0 })),
});

describe('layerRows', () => {
  it('lists the steps newest first, each marked with the base image it came from', () => {
    const { rows, problem } = layerRows(history, null);
    expect(problem).toBeUndefined();
    expect(rows.map((r) => [r.text, r.base, r.layer])).toEqual([
      ['WORKDIR /w', undefined, undefined],
      ['ENV A=1', undefined, undefined],
      ['RUN echo base > /b', 'base:1', undefined],
      ['docker import -', 'busybox:latest', undefined],
    ]);
  });

  it("fills in each step's layer from the archive's config, a 0-byte WORKDIR's too", () => {
    const { rows } = layerRows(history, config([false, false, true, false]));
    expect(rows.map((r) => r.layer)).toEqual([
      { index: 2, diffId: L(3) },
      null,
      { index: 1, diffId: L(2) },
      { index: 0, diffId: L(1) },
    ]);
    expect(rowLabel(rows[1]!, '0 B')).toBe('ENV A=1, 0 B, metadata only, no layer');
    expect(rowLabel(rows[3]!, '2.0 MB')).toBe(
      'docker import -, 2.0 MB, layer 1 111111111111, base layer from busybox:latest, comment: Imported from -',
    );
  });

  it('says why when the archive does not match, and leaves the layers unknown', () => {
    const tooMany = layerRows(history, config([false, false, false, false]));
    expect(tooMany.problem).toBe(
      "The image's history records 4 steps that made a layer, but the image has 3 layers.",
    );
    expect(tooMany.rows.every((r) => r.layer === undefined)).toBe(true);
    const otherImage = layerRows(history, { ...config([false, false, true, false]), layers: [] });
    expect(otherImage.problem).toMatch(/other layers/);
    const shorter = layerRows(history, { ...config([false, false, true, false]), history: [] });
    expect(shorter.problem).toBe("The engine lists 4 history steps, the image's archive 0.");
  });
});
