/**
 * The quickstarts in `examples/`, run as an integrator runs them: copied out of the repository,
 * `npm pack`'s tarball installed, the sandbox started from the installed package, the app
 * started with `npm start`'s command, and driven in Chromium through KYC (fake camera), the
 * certificate step and signing, to a PDF that `pdfsig` calls valid and trusted through the
 * sandbox's root alone, signed by the person's name.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright';
import { findChromium, TEST_CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { freePort } from '../helpers/free-port.js';
import { appEnv, installApp, startAppSandbox, type StartedSandbox } from '../helpers/packed-app.js';
import { getCertificateInKyc, passKycToSignature, signAndDownload } from '../helpers/demo-page.js';
import { pdfsigTrusting } from '../helpers/pdf-commands.js';

const pemToDer = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));

/** Starts the app (`command` in `app`) on a free port, once it answers its page. */
async function startApp(app: string, command: readonly string[], sandbox: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const [program, ...args] = command;
  const child = spawn(program === 'node' ? process.execPath : program!, args, {
    cwd: app,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: appEnv(app, { PORT: String(port), EMZANO_SANDBOX: sandbox, NEXT_TELEMETRY_DISABLED: '1' }),
    detached: true,
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  // localhost, as a developer opens it (a dev server may refuse its own resources to another host name).
  const url = `http://localhost:${port}`;
  // A dev server compiles the page on its first request: up to two minutes.
  for (let tries = 0; tries < 1200; tries++) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}): ${err}`);
    const answered = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return { child, url };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the app did not answer: ${err}`);
}

/**
 * Each example: its extra packages, how it starts, and its person (one sandbox for the three, whose
 * CA keeps one active certificate per national code, so each app verifies someone else).
 */
const EXAMPLES = [
  ['express', ['express@5'], ['node', 'server.js'], { phone: '09121112233', nationalCode: '0499370899' }],
  ['hono', ['hono@4', '@hono/node-server@2'], ['node', 'server.js'], { phone: '09121112234', nationalCode: '1234567891' }],
  // Against the sandbox in development: `next start` sets NODE_ENV=production, where the kit refuses it.
  ['next', ['next@16', 'react@19', 'react-dom@19'], ['npm', 'run', 'dev'], { phone: '09121112235', nationalCode: '9876543210' }],
] as const;

describe('the quickstarts from the installed package, against one sandbox', () => {
  const apps = new Map<string, string>();
  let sandbox: StartedSandbox;
  let browser: Browser;
  before(
    async () => {
      for (const [example, add] of EXAMPLES) apps.set(example, installApp({ example, add: [...add] }));
      // One sandbox for the three, started from the first app's installed package.
      const first = apps.get(EXAMPLES[0][0])!;
      sandbox = await startAppSandbox(first, join(first, '.emzano-sandbox'));
      browser = await chromium.launch({ executablePath: await findChromium(), headless: true, args: TEST_CHROMIUM_ARGS });
    },
    { timeout: 600_000 },
  );
  after(async () => {
    await browser?.close();
    sandbox?.child.kill('SIGTERM');
    for (const app of apps.values()) rmSync(app, { recursive: true, force: true, maxRetries: 5 });
  });

  for (const [example, , command, person] of EXAMPLES) {
    describe(example, () => {
      let app: string;
      let server: { child: ChildProcess; url: string };
      before(
        async () => {
          app = apps.get(example)!;
          server = await startApp(app, command, sandbox.discovery.sandbox);
        },
        { timeout: 180_000 },
      );
      after(async () => {
        // The app and what it started (npm runs next, next its workers): the whole process group.
        if (server?.child.pid && server.child.exitCode === null) {
          const exited = new Promise((resolve) => server.child.once('exit', resolve));
          process.kill(-server.child.pid, 'SIGTERM');
          await exited;
        }
      });

      it(
        'verifies a person, certifies their key and signs a PDF that pdfsig trusts through the sandbox root',
        { timeout: 180_000 },
        async () => {
          const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
          const page = await context.newPage();
          const errors: string[] = [];
          page.on('pageerror', (error) => errors.push(error.message));
          await page.goto(server.url);
          const kyc = page.locator('#kyc');
          await passKycToSignature(page, kyc, person);
          await getCertificateInKyc(kyc);
          const path = join(app, 'signed.pdf');
          await signAndDownload(page, page.locator('#sign'), path);
          const report = pdfsigTrusting(readFileSync(path), [pemToDer(sandbox.discovery.ra.rootCertificate)]);
          assert.match(report, /Signature Validation: Signature is Valid\./, report);
          assert.match(report, /Certificate Validation: Certificate is Trusted\./, report);
          assert.ok(report.includes('Signer Certificate Common Name: Sara Ahmadi'), report);
          assert.deepEqual(errors, []);
          await context.close();
        },
      );
    });
  }
});
