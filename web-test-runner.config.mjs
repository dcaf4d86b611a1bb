/**
 * Browser tests: real Chromium through Playwright with a fake camera and microphone, against a
 * host of their own per test file (test/helpers/browser-host.ts): the emulators on loopback ports
 * of their own (so the elements' calls to them are real cross-origin HTTP) and the server kit's
 * token, CLM, certificate, Dipar and remote-verification handlers mounted on the test server, as a
 * host would mount them. Each file runs in a browser context of its own and its page carries its
 * scope in a cookie, so files run two at a time without seeing each other's state.
 * Run through `node --import tsx` so this file can load the TypeScript emulators and server kit.
 *
 * `EMZANO_BROWSER_FILES` (set by scripts/test.mjs) narrows the files; `EMZANO_BROWSER_TIMES`
 * names a file where each test file's time is written, for the lane's summary.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { defaultReporter } from '@web/test-runner';
import { BrowserHostScopes, hostRoute, SCOPE_COOKIE } from './test/helpers/browser-host.ts';
import { TEST_CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';
import { pdfCommandsPlugin } from './test/helpers/pdf-commands.ts';
import { fileTimesReporter } from './scripts/lanes/browser-file-times.mjs';

const scopes = new BrowserHostScopes();

/**
 * `/__held/{fixture}?id=…` serves a fixture in two parts, with its length declared: the first
 * half at once, the rest when the test calls `/__held/release?id=…`. A test sees what the page
 * does with a document that is still downloading (`&cut=1`: the connection breaks instead).
 */
const held = new Map();
async function serveHeld(ctx) {
  const id = ctx.query.id ?? '';
  if (ctx.path === '/__held/release') {
    const release = held.get(id);
    held.delete(id);
    release?.();
    ctx.body = { released: Boolean(release) };
    return;
  }
  const file = readFileSync(join('test/fixtures', basename(ctx.path)));
  const half = Math.ceil(file.length / 2);
  ctx.respond = false;
  ctx.res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': String(file.length), 'Cache-Control': 'no-store' });
  ctx.res.write(file.subarray(0, half));
  await new Promise((resolve) => held.set(id, resolve));
  // `cut`: the connection breaks instead, the rest never sent.
  if (ctx.query.cut) ctx.res.destroy();
  else ctx.res.end(file.subarray(half));
}
const executablePath = await findChromium();
if (!executablePath) throw new Error('No Chromium found: run `npm run setup:test` or set CHROME_PATH.');

const files = process.env.EMZANO_BROWSER_FILES?.split(',').filter(Boolean) ?? ['test/browser/**/*.test.ts'];

export default {
  files,
  nodeResolve: true,
  // Two files at a time: each has its own host (scope) and browser context.
  concurrency: Number(process.env.EMZANO_BROWSER_CONCURRENCY ?? 2),
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 30_000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    pdfCommandsPlugin(),
    { name: 'emzano-host-scopes', serverStop: () => scopes.closeAll() },
  ],
  reporters: [
    defaultReporter(),
    // A file's host goes with its file: its emulators' servers and timers closed once it finished.
    {
      start: ({ sessions }) =>
        sessions.on('session-status-updated', (session) => session.status === 'FINISHED' && void scopes.release(session.id)),
    },
    ...(process.env.EMZANO_BROWSER_TIMES ? [fileTimesReporter(process.env.EMZANO_BROWSER_TIMES)] : []),
  ],
  middleware: [
    async (ctx, next) => {
      // A test file's page (`?wtr-session-id=…`) names its scope for every request it makes after.
      const session = ctx.query['wtr-session-id'];
      if (typeof session === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(session)) {
        ctx.cookies.set(SCOPE_COOKIE, session, { httpOnly: false, sameSite: 'strict', overwrite: true });
      }
      if (ctx.path.startsWith('/__held/')) {
        await serveHeld(ctx);
        return;
      }
      if (!hostRoute(ctx.path)) return next();
      const scope = BrowserHostScopes.scopeOf(ctx.get('cookie'));
      if (!scope) {
        // Never a host shared between files: a request that names no file's scope is a mistake.
        ctx.status = 404;
        ctx.body = { error: `${ctx.path}: no test file's scope (the ${SCOPE_COOKIE} cookie) on this request` };
        return;
      }
      const listener = (await scopes.host(scope)).listenerFor(ctx.path);
      ctx.respond = false;
      await listener(ctx.req, ctx.res);
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: TEST_CHROMIUM_ARGS },
    }),
  ],
};
