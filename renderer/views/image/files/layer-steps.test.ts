import { describe, expect, it } from 'vitest';
import { layerSteps } from './layer-steps.ts';

describe('which step made each layer', () => {
  it('skips metadata-only steps and keeps a RUN that wrote nothing', () => {
    const history = [
      { createdBy: '/bin/sh -c #(nop) ADD file:abc in / ', emptyLayer: false },
      { createdBy: '/bin/sh -c #(nop)  CMD ["sh"]', emptyLayer: true },
      { createdBy: '/bin/sh -c true', emptyLayer: false },
      { createdBy: '/bin/sh -c #(nop) COPY file:def in /x ', emptyLayer: false },
    ];
    expect(layerSteps(history, 3)).toEqual([
      'ADD file:abc in /',
      'RUN true',
      'COPY file:def in /x',
    ]);
  });

  it('says nothing when the history does not match the layers (an imported image)', () => {
    expect(layerSteps([{ createdBy: 'x', emptyLayer: false }], 2)).toEqual(['', '']);
  });
});
