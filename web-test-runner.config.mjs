/**
 * Browser tests: real Chromium through Playwright with a fake camera and microphone, the Emzano
 * emulator on its own loopback port (so the element's calls to it are real cross-origin HTTP),
 * and the server kit's token, CLM and certificate handlers mounted on the test server, as a host
 * would mount them (the certificate handler in front of the RA emulator, on a port of its own).
 * Run through `node --import tsx` so this file can load the TypeScript emulator and server kit.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import {
  startDiparEmulatorServer,
  startEmulatorServer,
  startRaEmulatorServer,
  startVideoIdEmulatorServer,
} from './demo/emulator/server.ts';
import { demoRemoteVerificationHandler } from './demo/emulator/video-id/video-id-host.ts';
import { demoDiparHandler } from './demo/emulator/dipar/dipar-host.ts';
import { createClmHandler, createTokenHandler } from './src/server/index.ts';
import { SARA, testCertificateHandler } from './test/helpers/ra-people.ts';
import { CLM_CREDENTIALS } from './demo/emulator/clm.ts';
import { toNodeListener } from './src/server/node.ts';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';
import { pdfCommandsPlugin } from './test/helpers/pdf-commands.ts';

const API_KEY = 'wtr-emulator-key';
const emzano = await startEmulatorServer({ apiKey: API_KEY });
/**
 * The test pages are the host. Its signed-in user is the `test-user` cookie a test may set (one
 * user for every test that does not), and `anonymous` is a visitor the host does not vouch for.
 */
const authorize = (request) => {
  const user = /(?:^|;\s*)test-user=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? 'browser-tests';
  return user === 'anonymous' ? false : { subject: user };
};
const tokenListener = toNodeListener(createTokenHandler({ apiKey: API_KEY, baseUrl: emzano.url, authorize }));
// The host's CLM endpoint, as a host mounts it (the CLM paths below /api/emzano/clm).
const clmListener = toNodeListener(createClmHandler({ ...CLM_CREDENTIALS, baseUrl: emzano.url, authorize }));
/**
 * The host's certificate endpoint in front of the CA's RA gateway (its emulator, on its own
 * port). Every user the host vouches for was verified as Sara Ahmadi, except `unverified`;
 * a test that issues resets the RA emulator first (`POST /__ra/reset`), since the CA keeps one
 * active certificate per person.
 */
const ra = await startRaEmulatorServer();
// DSS accepts the certificates the RA emulator issues (and checks them: dates, revocation, person).
emzano.emulator.trustIssuer(ra.emulator.issuer);
const certificateListener = toNodeListener(
  testCertificateHandler(ra.baseUrl, {
    authorize,
    person: (subject) => (subject === 'unverified' ? undefined : SARA),
    // The KYC id RequestApprove names (a host's token handler binds it; here, one per user).
    orderId: (subject) => `kyc-${subject}`,
  }),
);
const raListener = toNodeListener(ra.emulator.handle);
/**
 * The host's Dipar endpoint (`/api/dipar/…`) in front of the Dipar broker emulator on its own
 * port; `/__dipar/…` reaches the emulator's controls, and `/__dipar-result` is the host reading
 * the signed result of the signed-in user's verification (`readResult`), as its server would.
 */
const dipar = await startDiparEmulatorServer();
const diparHandler = demoDiparHandler({ emulator: dipar.emulator, baseUrl: dipar.url, authorize });
const diparListener = toNodeListener(diparHandler);
const diparControls = toNodeListener(dipar.emulator.handle);
const diparResult = toNodeListener(async (request) => {
  const who = authorize(request);
  if (!who) return new Response('{}', { status: 403 });
  try {
    return Response.json({ result: (await diparHandler.readResult(who.subject)) ?? null });
  } catch (error) {
    return Response.json({ refused: error instanceof Error ? error.name : String(error) });
  }
});
/**
 * The host's remote-verification endpoint (`/api/remote-verification/…`) in front of the video
 * identity-verification emulator on its own port, whose webhook reports reach the handler
 * in-process; `/__video-id/…` reaches the emulator's controls.
 */
const videoId = await startVideoIdEmulatorServer({ stepMs: 300 });
// Streams end every 700 ms (the browser reconnects at once): each walk spans several streams, so
// the tests prove what a dropped connection does (Last-Event-ID, nothing missed, nothing twice).
const remoteListener = toNodeListener(
  demoRemoteVerificationHandler({
    emulator: videoId.emulator,
    baseUrl: videoId.url,
    authorize,
    stream: { maxDurationMs: 700, retryMs: 100 },
  }),
);
const videoIdControls = toNodeListener(videoId.emulator.handle);
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

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 30_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), pdfCommandsPlugin()],
  middleware: [
    async (ctx, next) => {
      if (ctx.path === '/api/emzano/token') {
        ctx.respond = false;
        await tokenListener(ctx.req, ctx.res);
        return;
      }
      if (ctx.path.startsWith('/api/emzano/clm/')) {
        ctx.respond = false;
        await clmListener(ctx.req, ctx.res);
        return;
      }
      if (ctx.path === '/api/emzano/certificate') {
        ctx.respond = false;
        await certificateListener(ctx.req, ctx.res);
        return;
      }
      if (ctx.path.startsWith('/__ra/')) {
        ctx.respond = false;
        await raListener(ctx.req, ctx.res);
        return;
      }
      if (ctx.path.startsWith('/api/dipar/')) {
        ctx.respond = false;
        await diparListener(ctx.req, ctx.res);
        return;
      }
      if (ctx.path.startsWith('/__dipar/')) {
        ctx.respond = false;
        await diparControls(ctx.req, ctx.res);
        return;
      }
      if (ctx.path === '/__dipar-result') {
        ctx.respond = false;
        await diparResult(ctx.req, ctx.res);
        return;
      }
      if (ctx.path.startsWith('/api/remote-verification/')) {
        ctx.respond = false;
        await remoteListener(ctx.req, ctx.res);
        return;
      }
      if (ctx.path.startsWith('/__video-id/')) {
        ctx.respond = false;
        await videoIdControls(ctx.req, ctx.res);
        return;
      }
      if (ctx.path.startsWith('/__held/')) {
        await serveHeld(ctx);
        return;
      }
      if (ctx.path === '/__test-env') {
        ctx.body = { apiBase: emzano.url, tokenEndpoint: '/api/emzano/token' };
        return;
      }
      return next();
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
};
