// The bench's own rule: every figure stands next to the CLI doing the same
// work in the same run. A scenario that was asked for and did not run, or ran
// without a row, or a row without a CLI figure, fails the bench rather than
// printing a table that looks complete.
import type { BenchRow } from './stats.ts';

const figure = (ms: number) => Number.isFinite(ms) && ms > 0;

/** What is wrong with the scenarios asked for (BENCH_ONLY), before anything runs. */
export function choiceProblems(known: readonly string[], asked?: readonly string[]): string[] {
  const problems: string[] = [];
  const unknown = (asked ?? []).filter((name) => !known.includes(name));
  if (unknown.length)
    problems.push(
      `BENCH_ONLY names no scenario: ${unknown.join(', ')} (known: ${known.join(', ')})`,
    );
  if (!known.some((name) => !asked || asked.includes(name)))
    problems.push('No scenario was chosen.');
  return problems;
}

/** What breaks the rule, one sentence each; empty when the run is sound. */
export function benchProblems(
  known: readonly string[],
  asked: readonly string[] | undefined,
  produced: ReadonlyMap<string, readonly BenchRow[]>,
): string[] {
  const problems = choiceProblems(known, asked);
  for (const name of known.filter((n) => !asked || asked.includes(n))) {
    const rows = produced.get(name);
    if (!rows) problems.push(`Scenario ${name} did not run.`);
    else if (rows.length === 0) problems.push(`Scenario ${name} produced no rows.`);
    for (const row of rows ?? []) {
      const which = `${name}: "${row.scenario}" (${row.statistic})`;
      if (!figure(row.cliMs)) problems.push(`${which} has no CLI figure (${row.cliMs}).`);
      if (!figure(row.berthMs)) problems.push(`${which} has no Berth figure (${row.berthMs}).`);
    }
  }
  return problems;
}
