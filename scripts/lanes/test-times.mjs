/**
 * The test suite's own times, as BENCHMARKS.md's "Test suite" table: for each lane (and, for the
 * quick lane, each set of patterns) the last three passing runs recorded in
 * artifacts/test-times.jsonl, whole and step by step, as minimum, median and maximum.
 */
import { existsSync, readFileSync } from 'node:fs';

export const TIMES = 'artifacts/test-times.jsonl';

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The table's lines (Markdown), or none when no passing run is recorded. */
export function testSuiteTable(file = TIMES) {
  if (!existsSync(file)) return [];
  const runs = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((run) => run.ok && ['full', 'quick'].includes(run.lane));
  const lanes = new Map();
  for (const run of runs) {
    const label =
      run.lane === 'full' ? '`npm test`' : `\`npm run test:quick${run.patterns.length ? ` -- ${run.patterns.join(' ')}` : ''}\``;
    lanes.set(label, [...(lanes.get(label) ?? []), run]);
  }
  if (!lanes.size) return [];
  const stat = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return [sorted[0], sorted[Math.floor((sorted.length - 1) / 2)], sorted.at(-1)].map(seconds);
  };
  const lines = ['| Lane, step | Runs | Min | Median | Max |', '| --- | --- | --- | --- | --- |'];
  for (const [label, all] of [...lanes].sort(([a], [b]) => (a === '`npm test`' ? -1 : b === '`npm test`' ? 1 : a.localeCompare(b)))) {
    const last = all.slice(-3);
    lines.push(`| ${label}, whole lane | ${last.length} | ${stat(last.map((run) => run.totalMs)).join(' | ')} |`);
    for (const step of [...new Set(last.flatMap((run) => Object.keys(run.steps)))])
      lines.push(`| ${label}: ${step} | ${last.length} | ${stat(last.map((run) => run.steps[step] ?? 0)).join(' | ')} |`);
  }
  return lines;
}
