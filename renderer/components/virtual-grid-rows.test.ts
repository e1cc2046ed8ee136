import { describe, expect, it } from 'vitest';
import {
  HEADER_INDEX,
  clampRow,
  currentRow,
  dataRowOf,
  headerTabIndex,
  indexOfDataRow,
  virtualRowStyle,
} from './virtual-grid-rows.ts';

describe('virtual grid rows', () => {
  it('numbers rows as aria-rowindex does: the header is 1, the first data row 2', () => {
    expect(dataRowOf(HEADER_INDEX)).toBe(1);
    expect(dataRowOf(0)).toBe(2);
    expect(dataRowOf(499)).toBe(501);
  });

  it('reads a row index back from data-row, the header as -1', () => {
    expect(indexOfDataRow('1')).toBe(HEADER_INDEX);
    expect(indexOfDataRow('2')).toBe(0);
    expect(indexOfDataRow(String(dataRowOf(41)))).toBe(41);
  });

  it('reads nothing from a missing, odd or out-of-grid data-row', () => {
    expect(indexOfDataRow(undefined)).toBeNull();
    expect(indexOfDataRow('')).toBeNull();
    expect(indexOfDataRow('0')).toBeNull();
    expect(indexOfDataRow('2.5')).toBeNull();
    expect(indexOfDataRow('row')).toBeNull();
  });

  it('stops a move at the last row and at the header when the header is focusable', () => {
    expect(clampRow(12, 10, true)).toBe(9);
    expect(clampRow(-5, 10, true)).toBe(HEADER_INDEX);
    expect(clampRow(-1, 10, true)).toBe(HEADER_INDEX);
    expect(clampRow(4, 10, true)).toBe(4);
  });

  it('stops a move at the first row when the header is not focusable', () => {
    expect(clampRow(-1, 10, false)).toBe(0);
    expect(clampRow(-20, 10, false)).toBe(0);
    expect(clampRow(10, 10, false)).toBe(9);
  });

  it('keeps the current row inside the rows left after some went away', () => {
    expect(currentRow(7, 20)).toBe(7);
    expect(currentRow(7, 3)).toBe(2);
    expect(currentRow(7, 0)).toBe(0);
    expect(currentRow(HEADER_INDEX, 5)).toBe(HEADER_INDEX);
  });

  it('gives the header the tab stop when it is current or the grid is empty', () => {
    expect(headerTabIndex(HEADER_INDEX, 5)).toBe(0);
    expect(headerTabIndex(0, 0)).toBe(0);
    expect(headerTabIndex(0, 5)).toBe(-1);
    expect(headerTabIndex(3, 5)).toBe(-1);
  });

  it('places a row absolutely at its start, one row high', () => {
    expect(virtualRowStyle(88, 44)).toEqual({
      position: 'absolute',
      top: 0,
      left: 0,
      right: 0,
      height: 44,
      transform: 'translateY(88px)',
    });
  });
});
