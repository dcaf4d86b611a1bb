/**
 * One shard of a lane's Node tests: many test files run in this one process, one after another,
 * so that each does not pay for a process and a TypeScript loader of its own (about a second of
 * CPU a file, more than many of them take). Started by scripts/test.mjs with `--import tsx`;
 * the files' tests register with node:test as each is imported, and its reporters say which file
 * each test came from.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) await import(pathToFileURL(resolve(file)).href);
