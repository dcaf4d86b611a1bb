/**
 * `npm start` itself: the other e2e files share one built demo, so this one starts the dev server
 * as a person does (`npm start`, a process of its own on a free loopback port, stopped by its pid)
 * and checks what only the dev server does: the page's modules served from source, pdf.js's
 * worker found through Vite's `?url`, the emulators and the server kit mounted on the same origin,
 * no scopes and no test switches.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../helpers/free-port.js';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright';
import { TEST_CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

describe('npm start: the demo on the dev server', () => {
  let child: ChildProcess;
  let browser: Browser;
  let url = '';

  before(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/`;
    child = spawn('npm', ['start'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', EMZANO_DEMO_SCOPES: '' },
      stdio: 'ignore',
      detached: true,
    });
    for (let tries = 0; ; tries++) {
      const answered = await fetch(url).then(
        (response) => response.ok,
        () => false,
      );
      if (answered) break;
      assert.ok(tries < 300 && child.exitCode === null, 'npm start serves the demo');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    browser = await chromium.launch({ executablePath: await findChromium(), headless: true, args: TEST_CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    // npm and Vite beneath it: the whole process group.
    if (child?.pid) process.kill(-child.pid, 'SIGTERM');
  });

  it(
    'serves the page from source: the sample contract drawn, the KYC element enrolling against the emulator',
    { timeout: 90_000 },
    async () => {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(url);
      await page.locator('#mode:not(:empty)').waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('html').getAttribute('lang'), 'fa', 'Persian first');
      // pdf.js's worker, as Vite serves it to the dev page (`?url`).
      await page.locator('#sign').locator('canvas[part="page-canvas"]').first().waitFor({ timeout: 30_000 });
      const kyc = page.locator('#kyc');
      await page.selectOption('#language', 'en');
      await kyc.locator('#phone').fill('09121234567');
      await kyc.locator('#national-code').fill('0499370899');
      await kyc.getByRole('button', { name: 'Continue' }).click();
      await kyc.locator('#birth-year').waitFor();
      assert.deepEqual(errors, []);
      // A test switch of the shared e2e server is not there on npm start.
      assert.equal((await fetch(new URL('/__clock', url), { method: 'POST', body: '{}' })).status, 404);
      await page.close();
    },
  );
});
