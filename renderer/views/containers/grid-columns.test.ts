import { describe, expect, it } from 'vitest';
import { gridColumns } from './grid-columns.ts';

describe('gridColumns', () => {
  it('lays out every column when none is hidden, as the grid always did', () => {
    const all = gridColumns([]);
    expect(all.at).toEqual({ stats: 5, ports: 6, created: 7, actions: 8 });
    expect(all.template.split(' minmax').length).toBe(6);
    expect(all.className).toBe('');
    expect(all.count).toBe(8);
  });

  it('closes the gap a hidden column leaves, moving the numbered cells left', () => {
    const some = gridColumns(['image', 'ports']);
    expect(some.at).toEqual({ stats: 4, ports: 0, created: 5, actions: 6 });
    expect(some.template).toBe(
      '34px minmax(0, 1.2fr) minmax(0, 1.2fr) 100px minmax(0, 0.9fr) 212px',
    );
    expect(some.className).toBe('hide-image hide-ports');
    expect(some.count).toBe(6);
  });
});
