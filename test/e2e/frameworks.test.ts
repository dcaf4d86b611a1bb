/**
 * The README's framework examples (`examples/react`, `examples/vue`, `examples/angular`), built with Vite against
 * the built package as an app would use it, then run in Chromium: the elements render, take
 * their properties from the framework, re-render when `lang` changes, and the framework hears
 * their events (React through the typed `on…` props of `emzano-elements/react`).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright';
import { build, preview, type PreviewServer } from 'vite';
import { TEST_CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

const config = new URL('../../examples/vite.config.ts', import.meta.url).pathname;

describe('framework examples', () => {
  let outDir: string;
  let server: PreviewServer;
  let browser: Browser;

  before(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'emzano-examples-'));
    await build({ configFile: config, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    server = await preview({ configFile: config, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
    browser = await chromium.launch({ executablePath: await findChromium(), headless: true, args: TEST_CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  /** Opens an example, draws one stroke on the pad, switches language, and reports what the page shows. */
  async function exercise(path: string) {
    const page: Page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(new URL(path, server.resolvedUrls!.local[0]).href);
    const heading = page.locator('emzano-kyc [part="heading"]');
    await heading.waitFor();
    const englishHeading = await heading.textContent();

    const canvas = page.locator('emzano-signature-pad canvas');
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 60, { steps: 5 });
    await page.mouse.up();
    await page.locator('#strokes', { hasText: '1' }).waitFor();

    await page.getByRole('button', { name: 'فارسی' }).click();
    await page.locator('emzano-kyc [part="base"][dir="rtl"]').waitFor();
    const persianHeading = await heading.textContent();
    const tokenEndpoint = await page.evaluate(
      () => (document.querySelector('emzano-kyc') as HTMLElement & { tokenEndpoint: string }).tokenEndpoint,
    );
    await page.close();
    return { englishHeading, persianHeading, tokenEndpoint, errors };
  }

  for (const framework of ['react', 'vue', 'angular']) {
    it(`${framework}: renders both elements, passes properties, re-renders on lang, hears the events`, { timeout: 60_000 }, async () => {
      const seen = await exercise(`/${framework}/`);
      assert.deepEqual(seen.errors, []);
      assert.equal(seen.englishHeading, 'Sign up');
      assert.match(seen.persianHeading ?? '', /[\u0600-\u06FF]/);
      assert.equal(seen.tokenEndpoint, '/api/emzano/token');
    });
  }
});
