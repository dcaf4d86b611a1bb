/**
 * The test lanes. Each lane is a list of phases; a phase's steps run side by side (the machine's
 * cores are used, the output of each kept in its own log), and the next phase starts when all
 * of them have passed. At the end the lane prints each step's wall time.
 *
 *   node scripts/test.mjs full            `npm test`: everything, as CI runs it
 *   node scripts/test.mjs quick [pat…]    `npm run test:quick`: the inner loop (static checks, the
 *                                         Node unit, server, security and fault tests, and the
 *                                         browser tests whose file names contain a pattern; with
 *                                         none, those of the elements changed since HEAD)
 *   node scripts/test.mjs node|browser|e2e|showcase|package [pat…]   one part, narrowed by patterns
 *   node scripts/test.mjs table           the last three runs of each lane as BENCHMARKS.md's table
 *
 * Logs go to artifacts/test-logs/ (a failing step's log is printed); each run's times are appended
 * to artifacts/test-times.jsonl.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { testSuiteTable, TIMES } from './lanes/test-times.mjs';

/** Each lane's logs in a folder of its own, so a quick lane never wipes a full run's under way. */
const LOGS = join('artifacts/test-logs', process.argv[2] ?? 'full');
const HISTORY = 'artifacts/test-file-times.json';
const CORES = Math.max(2, availableParallelism());
/** Node test files per folder; e2e files are served one built demo, the showcase reuses it. */
const NODE_DIRS = ['test/unit', 'test/server', 'test/security', 'test/faults'];
const SHOWCASE = ['test/e2e/screenshots.test.ts', 'test/e2e/frameworks.test.ts'];
/** The package as an integrator installs it (`npm pack` into apps outside the repository): the sandbox and the quickstarts. */
const PACKAGE = ['test/e2e/sandbox-package.test.ts', 'test/e2e/quickstarts.test.ts'];

const find = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? find(join(dir, entry.name)) : entry.name.endsWith('.test.ts') ? [join(dir, entry.name)] : [],
      )
    : [];
const matching = (files, patterns) =>
  patterns.length ? files.filter((file) => patterns.some((pattern) => file.includes(pattern))) : files;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** A command as one step: its output streamed (`live`) or kept in its log, printed if it fails. */
function command(name, cmd, args, { env = {}, live = false } = {}) {
  return {
    name,
    run: () =>
      new Promise((resolve) => {
        mkdirSync(LOGS, { recursive: true });
        const log = join(LOGS, `${name.replace(/[^a-z0-9-]+/gi, '-')}.log`);
        const out = live ? undefined : createWriteStream(log);
        const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
        child.stdout?.pipe(out, { end: false });
        child.stderr?.pipe(out, { end: false });
        child.on('error', (error) => {
          out?.end(`\n${cmd} could not be started: ${error.message}\n`);
          resolve({ ok: false, ...(out ? { log } : {}) });
        });
        child.on('close', (code) => {
          out?.end();
          out?.on('finish', () => resolve({ ok: code === 0, log }));
          if (!out) resolve({ ok: code === 0 });
        });
      }),
  };
}

/**
 * Node's test runner over `files`, two files at a time (or more, on a bigger machine), the slowest
 * first so that no long file starts last; each file's time noted for the summary and the next run.
 * Each file runs in a process of its own (the e2e files, each with its browsers).
 */
function nodeTests(name, files, { env = {}, live = false, concurrency = CORES } = {}) {
  const times = join(LOGS, `${name}-file-times.json`);
  const step = command(
    name,
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...NODE_REPORTERS, ...slowestFirst(files)],
    { env: { ...env, EMZANO_NODE_TIMES: times }, live },
  );
  return { ...step, times };
}

const NODE_REPORTERS = [
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/lanes/node-file-times.mjs',
  '--test-reporter-destination=stdout',
];

/**
 * The same for many small files: they are shared out among one process per core (the slowest
 * first, each to the shard with the least time so far), each process running its files one after
 * another (scripts/lanes/node-shard.mjs), so no file pays for a process of its own.
 */
function shardedNodeTests(name, files, { live = false } = {}) {
  const history = fileHistory();
  const shards = Array.from({ length: CORES }, () => ({ files: [], weight: 0 }));
  for (const file of slowestFirst(files)) {
    const lightest = shards.reduce((least, shard) => (shard.weight < least.weight ? shard : least));
    lightest.files.push(file);
    lightest.weight += history[file] ?? statSync(file).size / 1000;
  }
  const runs = shards
    .filter((shard) => shard.files.length > 0)
    .map((shard, index) =>
      command(
        `${name}-${index + 1}`,
        process.execPath,
        ['--import', 'tsx', ...NODE_REPORTERS, 'scripts/lanes/node-shard.mjs', ...shard.files],
        { env: { EMZANO_NODE_TIMES: join(LOGS, `${name}-${index + 1}-file-times.json`) }, live },
      ),
    );
  return {
    name,
    times: runs.map((run) => join(LOGS, `${run.name}-file-times.json`)),
    run: async () => {
      const results = await Promise.all(runs.map((run) => run.run()));
      return results.find((result) => !result.ok) ?? { ok: true };
    },
  };
}

/** What each test file took when last measured here (artifacts/test-file-times.json). */
function fileHistory() {
  try {
    return JSON.parse(readFileSync(HISTORY, 'utf8'));
  } catch {
    return {};
  }
}

/** The files in the order to start them: the slowest known first, then the rest by size. */
function slowestFirst(files) {
  const history = fileHistory();
  const weight = (file) => history[file] ?? statSync(file).size / 1000;
  return [...files].sort((a, b) => weight(b) - weight(a));
}

/** The browser tests (web-test-runner) of `files`, the slowest first; each file's time noted for the summary. */
function browserTests(files, { live = false } = {}) {
  const times = join(LOGS, 'browser-file-times.json');
  const step = command(
    'browser',
    process.execPath,
    ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.mjs'],
    { env: { EMZANO_BROWSER_FILES: slowestFirst(files).join(','), EMZANO_BROWSER_TIMES: times }, live },
  );
  return { ...step, times };
}

/** Something to do in the runner itself (starting the shared demo server). */
const task = (name, run) => ({
  name,
  run: async () => {
    try {
      return (await run()) ?? { ok: true };
    } catch (error) {
      console.error(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { ok: false };
    }
  },
});

/** The elements touched since HEAD (their browser test files' names contain these). */
function changedElements() {
  const git = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { encoding: 'utf8' });
  const diff = spawnSync('git', ['diff', '--name-only', 'HEAD'], { encoding: 'utf8' });
  if (git.status !== 0) return [];
  const paths = [...git.stdout.split('\n').map((line) => line.slice(3)), ...diff.stdout.split('\n')].filter(Boolean);
  const names = new Set();
  for (const path of paths) {
    const element = /^src\/components\/([a-z-]+)\//.exec(path)?.[1] ?? /^src\/emzano-([a-z-]+)\.ts$/.exec(path)?.[1];
    if (element && element !== 'shared' && element !== 'pdf-viewer') names.add(element);
    if (/^src\/components\/pdf-viewer\//.test(path)) names.add('sign-pdf');
    if (/^src\/providers\/dipar\//.test(path)) names.add('dipar');
    const test = /^test\/browser\/(.+)\.test\.ts$/.exec(path)?.[1];
    if (test) names.add(test);
  }
  return [...names];
}

const staticChecks = () => [
  command('typecheck', 'npx', [
    'tsc',
    '--noEmit',
    '-p',
    'tsconfig.json',
    '--incremental',
    '--tsBuildInfoFile',
    'node_modules/.cache/tsc/typecheck.tsbuildinfo',
  ]),
  command('eslint', 'npx', ['eslint', '--cache', '--cache-location', 'node_modules/.cache/eslint/', '.']),
  command('prettier', 'npx', [
    'prettier',
    '--check',
    '.',
    '--log-level',
    'warn',
    '--cache',
    '--cache-location',
    'node_modules/.cache/prettier/lanes',
  ]),
];

/** The shared demo for the e2e and showcase steps: built once, served by `vite preview`. */
function sharedDemo() {
  let server;
  return {
    start: task('demo server', async () => {
      const { startDemoServer } = await import('./lanes/demo-server.mjs');
      server = await startDemoServer({ built: true });
      process.env.EMZANO_DEMO_URL = server.url;
    }),
    stop: () => server?.close(),
  };
}

const build = () => command('build', process.execPath, ['scripts/build.mjs']);
/** The browser files that load the built dist/ (the script-tag bundle): built first, never stale. */
const needsBuild = (files) => files.some((file) => file.endsWith('cdn-bundle.test.ts'));

function lane(name, patterns) {
  const browserFiles = matching(find('test/browser').sort(), patterns);
  const e2eFiles = find('test/e2e')
    .filter((file) => !SHOWCASE.includes(file) && !PACKAGE.includes(file))
    .sort();
  const demo = sharedDemo();
  switch (name) {
    case 'full': {
      if (patterns.length) throw new Error('npm test runs everything; narrow with test:quick, test:node, test:browser or test:e2e.');
      const browser = browserTests(browserFiles);
      return {
        phases: [
          [command('setup', process.execPath, ['scripts/setup-test-env.mjs'])],
          [...staticChecks(), build()],
          [shardedNodeTests('node', [...NODE_DIRS, 'test/build'].flatMap(find).sort())],
          [demo.start],
          // One after the other: each keeps both cores busy, and two at once thrash (slower in sum).
          [nodeTests('e2e', e2eFiles)],
          [browser],
          [nodeTests('showcase', SHOWCASE)],
          [nodeTests('package', PACKAGE)],
        ],
        cleanup: demo.stop,
      };
    }
    case 'quick': {
      const wanted = patterns.length ? patterns : changedElements();
      // No pattern and nothing changed: no browser file (matching nothing is not matching everything).
      const files = wanted.length ? matching(find('test/browser').sort(), wanted) : [];
      if (!wanted.length) console.log('quick: no pattern given and no element changed since HEAD: no browser tests.');
      else
        console.log(
          `quick: browser tests for ${wanted.join(', ')}: ${files.length ? files.map((file) => relative('test/browser', file)).join(', ') : 'none match'}`,
        );
      // A pattern that names no file is a typing mistake, not a pass.
      if (patterns.length && !files.length) throw new Error(`quick: no browser test file's name contains ${patterns.join(' or ')}.`);
      const browser = files.length ? browserTests(files) : undefined;
      return {
        phases: [
          [...staticChecks(), ...(needsBuild(files) ? [build()] : [])],
          [shardedNodeTests('node', NODE_DIRS.flatMap(find).sort())],
          ...(browser ? [[browser]] : []),
        ],
      };
    }
    case 'node':
      return {
        phases: [[shardedNodeTests('node', matching([...NODE_DIRS, 'test/build'].flatMap(find).sort(), patterns), { live: true })]],
      };
    case 'browser':
      return { phases: [...(needsBuild(browserFiles) ? [[build()]] : []), [browserTests(browserFiles, { live: true })]] };
    case 'e2e':
      return { phases: [[demo.start], [nodeTests('e2e', matching(e2eFiles, patterns), { live: true })]], cleanup: demo.stop };
    case 'package':
      return { phases: [[build()], [nodeTests('package', matching(PACKAGE, patterns), { live: true })]] };
    case 'showcase':
      return { phases: [[demo.start], [nodeTests('showcase', matching(SHOWCASE, patterns), { live: true })]], cleanup: demo.stop };
    default:
      throw new Error(`No lane "${name}": full, quick, node, browser, e2e, showcase, package or table.`);
  }
}

async function main() {
  const [name = 'full', ...patterns] = process.argv.slice(2);
  if (name === 'table') {
    const lines = testSuiteTable();
    return console.log(lines.length ? lines.join('\n') : `No passing run of a lane recorded in ${TIMES} yet.`);
  }
  rmSync(LOGS, { recursive: true, force: true });
  const { phases, cleanup } = lane(name, patterns);
  const started = performance.now();
  const steps = {};
  let failed;
  try {
    for (const phase of phases) {
      const results = await Promise.all(
        phase.map(async (step) => {
          const begun = performance.now();
          if (phase.length > 1) console.log(`▶ ${step.name}`);
          const result = await step.run();
          steps[step.name] = performance.now() - begun;
          console.log(`${result.ok ? '✔' : '✖'} ${step.name} (${seconds(steps[step.name])})`);
          return { step, result };
        }),
      );
      failed = results.find(({ result }) => !result.ok);
      if (failed) break;
    }
  } finally {
    await cleanup?.();
  }
  const totalMs = performance.now() - started;
  if (failed?.result.log) {
    const lines = readFileSync(failed.result.log, 'utf8').split('\n');
    console.log(`\n── ${failed.step.name} failed; its log (${failed.result.log}), last 400 lines ──`);
    console.log(lines.slice(-400).join('\n'));
  }
  console.log(`\nLane ${name}: ${failed ? 'FAILED' : 'passed'} in ${seconds(totalMs)}`);
  for (const [step, ms] of Object.entries(steps)) console.log(`  ${step.padEnd(14)} ${seconds(ms).padStart(8)}`);
  const measured = phases
    .flat()
    .flatMap((step) => [step.times ?? []].flat().filter((times) => existsSync(times)))
    .flatMap((times) => JSON.parse(readFileSync(times, 'utf8')));
  if (measured.length) {
    const slowest = [...measured].sort((a, b) => b.seconds - a.seconds).slice(0, 6);
    console.log(`  slowest files: ${slowest.map((file) => `${file.file} ${file.seconds.toFixed(1)} s`).join(', ')}`);
    const history = { ...fileHistory(), ...Object.fromEntries(measured.map((file) => [file.file, Number(file.seconds.toFixed(1))])) };
    writeFileSync(HISTORY, `${JSON.stringify(history, null, 2)}\n`);
  }
  mkdirSync('artifacts', { recursive: true });
  appendFileSync(TIMES, `${JSON.stringify({ lane: name, patterns, ok: !failed, at: new Date().toISOString(), totalMs, steps })}\n`);
  process.exitCode = failed ? 1 : 0;
}

await main();
