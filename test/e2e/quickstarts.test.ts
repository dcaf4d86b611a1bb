/**
 * The quickstarts in `examples/`, run as an integrator runs them: copied out of the repository,
 * `npm pack`'s tarball installed, the sandbox started from the installed package, the app
 * started with `npm start`'s command, and driven in Chromium through KYC (fake camera), the
 * certificate step and signing, to a PDF that `pdfsig` calls valid and trusted through the
 * sandbox's root alone, signed by the person's name.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright';
import { findChromium, TEST_CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { freePort } from '../helpers/free-port.js';
import { appEnv, installApp, startAppSandbox, type StartedSandbox } from '../helpers/packed-app.js';
import { drawSignature, passKycToSignature } from '../helpers/demo-page.js';
import { pdfsigTrusting } from '../helpers/pdf-commands.js';

const pemToDer = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));

/** Starts `node server.js` in `app` on a free port, once it answers. */
async function startApp(app: string, sandbox: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['server.js'], {
    cwd: app,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: appEnv(app, { PORT: String(port), EMZANO_SANDBOX: sandbox }),
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 100; tries++) {
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

async function signOnPad(page: Page, sign: Locator): Promise<void> {
  await drawSignature(page, sign.locator('emzano-signature-pad canvas'));
  await sign.getByRole('button', { name: 'Use this signature' }).click();
  await sign.getByText('Your signature is ready.').waitFor();
}

for (const [example, add] of [
  ['express', ['express@5']],
  ['hono', ['hono@4', '@hono/node-server@2']],
] as const) {
  describe(`the ${example} quickstart from the installed package`, () => {
    let app: string;
    let sandbox: StartedSandbox;
    let server: { child: ChildProcess; url: string };
    let browser: Browser;
    before(
      async () => {
        app = installApp({ example, add: [...add] });
        sandbox = await startAppSandbox(app, join(app, '.emzano-sandbox'));
        server = await startApp(app, sandbox.discovery.sandbox);
        browser = await chromium.launch({ executablePath: await findChromium(), headless: true, args: TEST_CHROMIUM_ARGS });
      },
      { timeout: 300_000 },
    );
    after(async () => {
      await browser?.close();
      server?.child.kill('SIGTERM');
      sandbox?.child.kill('SIGTERM');
      if (app) rmSync(app, { recursive: true, force: true });
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
        await passKycToSignature(page, kyc, { phone: '09121112233', nationalCode: '0499370899' });
        await kyc.getByRole('button', { name: 'Not now' }).click();
        const card = kyc.locator('emzano-certificate');
        await card.getByRole('button', { name: 'Get my signing certificate' }).click();
        await card.getByText('Your signing certificate is ready.').waitFor({ timeout: 30_000 });
        await kyc.getByRole('button', { name: 'Continue' }).click();
        await kyc.getByText('Your signing certificate is in this browser, ready to sign with.').waitFor();

        const sign = page.locator('#sign');
        await signOnPad(page, sign);
        await sign.getByRole('button', { name: 'Add signature field' }).click();
        await sign.getByRole('button', { name: 'Sign document' }).click();
        const link = sign.getByRole('link', { name: 'Download the signed document' });
        await link.waitFor({ timeout: 30_000 });
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        const path = join(app, 'signed.pdf');
        await download.saveAs(path);
        const { readFileSync } = await import('node:fs');
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
