import { describe, expect, it } from 'vitest';
import { benchProblems } from './bench-rule.ts';
import type { BenchRow } from './stats.ts';

const row = (cliMs: number, berthMs = 10): BenchRow => ({
  scenario: 'open',
  statistic: 'p50 (n=5)',
  berthMs,
  cliMs,
  cliLabel: 'docker logs',
});
const known = ['logs', 'row'];

describe('benchProblems', () => {
  it('passes a run where every chosen scenario gave rows with both figures', () => {
    const produced = new Map([
      ['logs', [row(12)]],
      ['row', [row(3)]],
    ]);
    expect(benchProblems(known, undefined, produced)).toEqual([]);
    expect(benchProblems(known, ['logs'], new Map([['logs', [row(12)]]]))).toEqual([]);
  });

  it('fails a chosen scenario that did not run or gave no rows', () => {
    expect(benchProblems(known, ['logs', 'row'], new Map([['row', []]]))).toEqual([
      'Scenario logs did not run.',
      'Scenario row produced no rows.',
    ]);
  });

  it('fails a row without a CLI figure: NaN, infinite, zero or negative', () => {
    const produced = new Map([['logs', [row(Number.NaN), row(Infinity), row(0), row(-1), row(5)]]]);
    expect(benchProblems(known, ['logs'], produced)).toHaveLength(4);
    expect(benchProblems(known, ['logs'], produced)[0]).toBe(
      'logs: "open" (p50 (n=5)) has no CLI figure (NaN).',
    );
  });

  it('fails a row without a Berth figure', () => {
    const produced = new Map([['logs', [row(5, Number.NaN)]]]);
    expect(benchProblems(known, ['logs'], produced)).toEqual([
      'logs: "open" (p50 (n=5)) has no Berth figure (NaN).',
    ]);
  });

  it('fails when BENCH_ONLY names an unknown scenario, or chooses none', () => {
    expect(benchProblems(known, ['lgos'], new Map())).toEqual([
      'BENCH_ONLY names no scenario: lgos (known: logs, row)',
      'No scenario was chosen.',
    ]);
  });
});
