import { describe, expect, it } from 'vitest';
import type { ImageAnalysis } from '../../../contract/image-layers-channels.ts';
import { historyFromEntries } from './history-from-engine.ts';

// Newest first, as the engine answers.
const api = [
  { CreatedBy: '/bin/sh -c #(nop)  LABEL a=b', Size: 0, Created: 1700000300 },
  { CreatedBy: '/bin/sh -c touch /empty-file', Size: 0, Created: 1700000200 },
  { CreatedBy: '/bin/sh -c #(nop)  ENV X=1', Size: 0, Created: 1700000100 },
  { CreatedBy: '', Comment: 'Imported from -', Size: 2000, Created: 1700000000 },
];

const parent: ImageAnalysis = {
  imageId: `sha256:${'1'.repeat(64)}`,
  history: [
    { comment: 'Imported from -', emptyLayer: false },
    { createdBy: '/bin/sh -c #(nop)  ENV X=1', emptyLayer: true },
    { createdBy: '/bin/sh -c touch /empty-file', emptyLayer: false },
  ],
  layers: [],
  efficiency: { score: 1, wastedBytes: 0, worst: [] },
};

describe('history from the engine API', () => {
  it('marks 0-byte entries metadata-only when the non-zero ones are exactly the layers', () => {
    const history = historyFromEntries(api.slice(2), 1);
    expect(history).toEqual([
      { comment: 'Imported from -', emptyLayer: false, created: '2023-11-14T22:13:20.000Z' },
      {
        createdBy: '/bin/sh -c #(nop)  ENV X=1',
        emptyLayer: true,
        created: '2023-11-14T22:15:00.000Z',
      },
    ]);
  });

  it('says nothing when a 0-byte layer makes it ambiguous, unless the parent knows', () => {
    // 2 layers (the import and the empty file), only 1 entry with bytes.
    expect(historyFromEntries(api, 2)).toBeUndefined();
    const history = historyFromEntries(api, 2, parent);
    expect(history?.map((h) => h.emptyLayer)).toEqual([false, true, false, true]);
  });

  it('ignores a parent whose history is not where this one starts', () => {
    const stranger = { ...parent, history: [{ createdBy: 'something else', emptyLayer: false }] };
    expect(historyFromEntries(api, 2, stranger)).toBeUndefined();
  });
});
