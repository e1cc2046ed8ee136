import { describe, expect, it } from 'vitest';
import { findMatches, matchRanges } from './log-search.ts';

describe('log search', () => {
  it('finds rows containing the query, ignoring case, by sequence number', () => {
    const rows = [
      { seq: 7, text: 'GET /health 200' },
      { seq: 8, text: 'error: boom' },
      { seq: 9, text: 'Error again' },
      { seq: 10, text: 'err\u001b[31mor\u001b[0m in colour' },
    ];
    expect(findMatches({ id: 1, query: 'error', rows })).toEqual({ id: 1, seqs: [8, 9, 10] });
    expect(findMatches({ id: 2, query: '', rows }).seqs).toEqual([]);
  });

  it('finds every occurrence in a line for highlighting', () => {
    expect(matchRanges('abcABCab', 'ab')).toEqual([
      [0, 2],
      [3, 5],
      [6, 8],
    ]);
  });
});
