// `npm test`: every layer in order (fastest first, so a broken build fails in
// seconds), each followed by its time, then the times of all steps and one
// closing line with the totals of all test layers.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stepLine, timesSummary } from './layer-times.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => `${root}node_modules/.bin/${name}`;
const reports = `${root}.tmp/test-reports`;
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const times = [];

function run(label, command, args) {
  console.log(`\n=== ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const step = { label, ms: Date.now() - started, ok: result.status === 0 };
  times.push(step);
  console.log(stepLine(step));
  return step.ok;
}

const node = process.execPath;
const checks = [
  ['prerequisites', node, ['scripts/check-prereqs.mjs']],
  ['type check', 'npm', ['run', '-s', 'typecheck']],
  ['lint', bin('eslint'), ['.']],
  ['format', bin('prettier'), ['--check', '.']],
  ['renderer build', 'npm', ['run', '-s', 'build:renderer']],
];
for (const [label, command, args] of checks) {
  if (!run(label, command, args)) {
    console.error(`\n${label} failed: the tests did not run.`);
    console.log(`\n${timesSummary(times)}`);
    console.log('Tests: 0 passed, 1 failed');
    process.exit(1);
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
for (const layer of ['unit', 'engine', 'vm', 'e2e']) {
  const report = `${reports}/${layer}.json`;
  const passed = run(`${layer} tests`, bin('vitest'), [
    'run',
    '--project',
    layer,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  ok &&= passed;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += json.numPassedTests;
    // A layer can fail outside any test (a hook, a suite that could not load): count it once.
    totals.failed += json.numFailedTests || (passed ? 0 : 1);
    totals.skipped += json.numPendingTests + json.numTodoTests;
    if (json.numTotalTests === 0) {
      console.error(`The ${layer} layer ran no test.`);
      ok = false;
      totals.failed += 1;
    }
  } catch {
    console.error(`The ${layer} layer wrote no report: it failed before running its tests.`);
    ok = false;
    totals.failed += 1;
  }
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${timesSummary(times)}`);
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
