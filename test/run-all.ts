/**
 * `npm test`: type check, lint, unit and integration tests, production build, browser tests.
 * Ends with one plain line "N passed, N failed" totalled over every suite (type check, lint and build
 * count as one test each) and exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' };
const bin = (name: string) => path.join('node_modules', '.bin', name);

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  return result.status === 0;
}

/** A step that passes or fails as a whole. */
function step(name: string, command: string, args: string[]): void {
  console.log(`\n=== ${name} ===`);
  const ok = run(command, args);
  if (ok) total.passed += 1;
  else total.failed += 1;
  console.log(`${name}: ${ok ? 'passed' : 'FAILED'}`);
}

/** A vitest run, counted test by test from its JSON report. */
function vitest(name: string, projects: string[]): void {
  console.log(`\n=== ${name} ===`);
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-vitest-')), 'report.json');
  const args = ['run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  const ok = run(bin('vitest'), args);
  try {
    const json = JSON.parse(fs.readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      numTotalTestSuites: number;
      testResults: { status: string }[];
    };
    const failedSuites = json.testResults.filter((r) => r.status === 'failed').length;
    total.passed += json.numPassedTests;
    // A suite that failed before running its tests (setup error) still counts as a failure.
    total.failed += Math.max(json.numFailedTests, !ok && json.numFailedTests === 0 ? Math.max(1, failedSuites) : 0);
    total.skipped += json.numPendingTests + json.numTodoTests;
  } catch {
    total.failed += 1;
    console.log(`${name}: no report was written (the run failed before any test).`);
  }
}

step('Type check', bin('tsc'), ['--noEmit']);
step('Lint', bin('eslint'), ['.', '--max-warnings=0']);
vitest('Unit and integration tests', ['unit', 'integration']);
step('Production build', bin('next'), ['build']);
if (fs.existsSync(path.join('.next', 'BUILD_ID'))) vitest('Browser tests', ['e2e']);
else {
  console.log('Browser tests: skipped because the build failed.');
  total.failed += 1;
}

console.log(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 ? 1 : 0);
