/**
 * A web-test-runner reporter that writes how long each browser test file took (from its page
 * starting to its results collected) and how many of its tests passed, as JSON, for the test
 * lanes' summary (scripts/test.mjs): the slowest files are where a lane's time goes.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

export function fileTimesReporter(outFile) {
  const started = new Map();
  const files = [];
  return {
    start({ sessions }) {
      // Files that start with the run may be initialising before the reporter hears of it.
      const runStart = performance.now();
      sessions.on('session-status-updated', (session) => {
        if (session.status === 'INITIALIZING') started.set(session.id, performance.now());
        if (session.status !== 'FINISHED') return;
        const count = (suite) =>
          suite
            ? suite.tests.reduce((sum, test) => sum + (test.passed ? 1 : 0), 0) + suite.suites.reduce((sum, inner) => sum + count(inner), 0)
            : 0;
        files.push({
          file: relative(process.cwd(), session.testFile),
          seconds: (performance.now() - (started.get(session.id) ?? runStart)) / 1000,
          passed: count(session.testResults),
          ok: session.passed === true,
        });
      });
    },
    stop() {
      writeFileSync(outFile, JSON.stringify(files, null, 2));
    },
  };
}
