// How long each step of `npm test` took, printed so that a CI log shows where
// its time goes without anyone timing it by hand.

/** 41 s, or 7 min 05 s past a minute. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

interface StepTime {
  label: string;
  ms: number;
  ok: boolean;
}

/** The line printed when a step ends: `=== unit tests: 41 s`. */
export function stepLine(step: StepTime): string {
  return `=== ${step.label}: ${formatDuration(step.ms)}${step.ok ? '' : ' (failed)'}`;
}

/** The closing table: one row per step that ran, then the total, durations aligned. */
export function timesSummary(steps: readonly StepTime[]): string {
  const rows = [
    ...steps.map((s) => [s.label, formatDuration(s.ms), s.ok ? '' : ' (failed)'] as const),
    ['total', formatDuration(steps.reduce((sum, s) => sum + s.ms, 0)), ''] as const,
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const timeWidth = Math.max(...rows.map(([, time]) => time.length));
  return [
    'Times:',
    ...rows.map(
      ([label, time, failed]) =>
        `  ${label.padEnd(labelWidth)}  ${time.padStart(timeWidth)}${failed}`,
    ),
  ].join('\n');
}
