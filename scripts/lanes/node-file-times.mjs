/**
 * A reporter for Node's test runner that writes how long each test file's tests took (the sum of
 * its top-level suites and tests) and whether they passed, as JSON, to $EMZANO_NODE_TIMES: the lane
 * runner starts the slowest files first next time, and names them in its summary.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

export default async function* fileTimes(source) {
  const files = new Map();
  for await (const event of source) {
    if ((event.type !== 'test:pass' && event.type !== 'test:fail') || event.data.nesting !== 0 || !event.data.file) continue;
    const file = relative(process.cwd(), event.data.file);
    const entry = files.get(file) ?? { file, seconds: 0, ok: true };
    entry.seconds += (event.data.details?.duration_ms ?? 0) / 1000;
    entry.ok &&= event.type === 'test:pass';
    files.set(file, entry);
  }
  if (process.env.EMZANO_NODE_TIMES) writeFileSync(process.env.EMZANO_NODE_TIMES, JSON.stringify([...files.values()], null, 2));
  yield '';
}
