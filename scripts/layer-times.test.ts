import { describe, expect, it } from 'vitest';
import { formatDuration, stepLine, timesSummary } from './layer-times.ts';

describe('formatDuration', () => {
  it('gives whole seconds below a minute, minutes and seconds above', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(41_400)).toBe('41 s');
    expect(formatDuration(59_499)).toBe('59 s');
    expect(formatDuration(59_500)).toBe('1 min 00 s');
    expect(formatDuration(425_000)).toBe('7 min 05 s');
  });
});

describe('stepLine', () => {
  it('names the step and its time, and says when it failed', () => {
    expect(stepLine({ label: 'unit tests', ms: 41_000, ok: true })).toBe('=== unit tests: 41 s');
    expect(stepLine({ label: 'lint', ms: 3_000, ok: false })).toBe('=== lint: 3 s (failed)');
  });
});

describe('timesSummary', () => {
  it('lists every step with its time, aligned, and the total', () => {
    expect(
      timesSummary([
        { label: 'type check', ms: 12_000, ok: true },
        { label: 'unit tests', ms: 41_000, ok: true },
        { label: 'e2e tests', ms: 425_000, ok: false },
      ]),
    ).toBe(
      [
        'Times:',
        '  type check        12 s',
        '  unit tests        41 s',
        '  e2e tests   7 min 05 s (failed)',
        '  total       7 min 58 s',
      ].join('\n'),
    );
  });
});
