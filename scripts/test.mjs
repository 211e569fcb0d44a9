#!/usr/bin/env node
// `npm test`: bootstrap (pinned pnpm, frozen install, build), type-check, run every vitest test, and print
// the plain `N passed, N failed` summary line CI recognises. Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap, root, run } from './bootstrap.mjs';

const pnpm = bootstrap();
process.stderr.write('[serin] type-checking\n');
run([...pnpm, 'exec', 'tsc', '-p', 'tsconfig.json', '--noEmit']);

const results = join(root, '.test-results.json');
rmSync(results, { force: true });
const vitest = spawnSync(
  pnpm[0],
  [...pnpm.slice(1), 'exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: root },
);

let passed = 0;
let failed = 0;
if (existsSync(results)) {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + countFilesFailedOutsideTests(report);
}
// vitest failed without a failed test (unhandled error, missing report): still a failure CI must see.
if (vitest.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(vitest.status === 0 && failed === 0 ? 0 : 1);

/**
 * Test files that failed with no failed test inside (import error, failing beforeAll): one failure each.
 * (vitest's numFailedTestSuites also counts describe blocks, so it double-counts a failed test.)
 */
function countFilesFailedOutsideTests(report) {
  return (report.testResults ?? []).filter(
    (s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
}
