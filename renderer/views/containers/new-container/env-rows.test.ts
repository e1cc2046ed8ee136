import { describe, expect, it } from 'vitest';
import { rowsOf, textOf } from './env-rows.ts';

describe('env rows', () => {
  it('reads KEY=value lines, values with = and spaces kept whole', () => {
    expect(rowsOf('A=1\n\n# note\nURL=http://x/?a=b\nEMPTY=\nODD')).toEqual([
      { key: 'A', value: '1' },
      { key: 'URL', value: 'http://x/?a=b' },
      { key: 'EMPTY', value: '' },
      { key: 'ODD', value: '' },
    ]);
  });

  it('writes them back, leaving out a row not filled in yet', () => {
    const rows = [
      { key: 'A', value: 'two words' },
      { key: '', value: '' },
      { key: 'B', value: '' },
    ];
    expect(textOf(rows)).toBe('A=two words\nB=');
    expect(rowsOf(textOf(rows))).toEqual([rows[0], rows[2]]);
  });
});
