// Percentiles and the table every scenario prints: Berth's figure next to the
// docker CLI doing the same work in the same run, as a ratio.

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export interface BenchRow {
  scenario: string;
  statistic: string;
  berthMs: number;
  cliMs: number;
  cliLabel: string;
  note?: string;
}

export function summarize(
  scenario: string,
  berth: number[],
  cli: number[],
  cliLabel: string,
  note?: string,
): BenchRow[] {
  return ['p50', 'p95'].map((statistic) => {
    const p = statistic === 'p50' ? 50 : 95;
    return {
      scenario,
      statistic: `${statistic} (n=${berth.length})`,
      berthMs: percentile(berth, p),
      cliMs: percentile(cli, p),
      cliLabel,
      ...(note ? { note } : {}),
    };
  });
}

export function printTable(rows: BenchRow[]): void {
  const header = ['scenario', 'statistic', 'Berth ms', 'docker CLI ms', 'ratio', 'CLI measure'];
  const body = rows.map((r) => [
    r.scenario,
    r.statistic,
    r.berthMs.toFixed(1),
    r.cliMs.toFixed(1),
    (r.berthMs / r.cliMs).toFixed(2),
    r.cliLabel,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const b of body) console.log(line(b));
  for (const r of rows)
    if (r.note && !r.statistic.startsWith('p95')) console.log(`  ${r.scenario}: ${r.note}`);
}
