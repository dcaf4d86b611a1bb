/**
 * Captures the demo page at each KYC step, in Persian and English, into artifacts/screenshots/
 * (for review, not asserted). `npm run screenshots`; the README's picture comes from here.
 * Starts its own demo server (emulator included) and drives the page with Playwright.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const out = process.argv[2] ?? 'artifacts/screenshots';
mkdirSync(out, { recursive: true });

const server = await createServer({ configFile: 'vite.config.ts', server: { port: 0 }, logLevel: 'warn' });
await server.listen();
const url = server.resolvedUrls.local[0];
const browser = await chromium.launch({ executablePath: await findChromium(), headless: true, args: CHROMIUM_ARGS });

try {
  for (const lang of ['fa', 'en']) {
    const page = await browser.newPage({ viewport: { width: 1100, height: 820 } });
    await page.goto(url);
    // The demo is ready once it has its configuration (the mode badge shows it).
    await page.locator('#mode:not(:empty)').waitFor();
    await page.selectOption('#language', lang);
    const kyc = page.locator('emzano-kyc');
    const shot = (name) => page.screenshot({ path: `${out}/${lang}-${name}.png` });
    const en = lang === 'en';

    await shot('1-enrol');
    await kyc.locator('#phone').fill('09121234567');
    await kyc.locator('#national-code').fill(en ? '0499370899' : '1234567891');
    await kyc.getByRole('button', { name: en ? 'Continue' : 'ادامه' }).click();
    await kyc.locator('#birth-year').waitFor();
    await shot('2-inquiry');
    await kyc.locator('#birth-year').fill('1370');
    await kyc.locator('#birth-month').selectOption('1');
    await kyc.locator('#birth-day').selectOption('1');
    await kyc.locator('#card-serial').fill('12345');
    await kyc.getByRole('button', { name: en ? 'Look up' : 'استعلام' }).click();
    await kyc.locator('[part="person"]').waitFor();
    await shot('3-confirm');
    await kyc.getByRole('button', { name: en ? 'Continue' : 'ادامه' }).click();
    await kyc
      .getByRole('button', { name: en ? 'Start recording' : 'شروع ضبط' })
      .and(page.locator(':enabled'))
      .waitFor();
    await page.waitForTimeout(500); // let the fake camera's first frames arrive
    await shot('4-video');

    // <emzano-sign-pdf>: the sample contract, a drawn signature, the field placed, then signed.
    const sign = page.locator('emzano-sign-pdf');
    await sign.locator('canvas[part="page-canvas"]').first().waitFor();
    const pad = sign.locator('emzano-signature-pad canvas');
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    await page.mouse.move(box.x + 30, box.y + 60);
    await page.mouse.down();
    for (const [x, y] of [
      [70, 100],
      [120, 40],
      [170, 110],
      [230, 55],
      [290, 90],
    ])
      await page.mouse.move(box.x + x, box.y + y, { steps: 5 });
    await page.mouse.up();
    await sign.getByRole('button', { name: en ? 'Use this signature' : 'استفاده از این امضا' }).click();
    await sign.getByRole('button', { name: en ? 'Add signature field' : 'افزودن کادر امضا' }).click();
    await sign.locator('[part="viewer"]').scrollIntoViewIfNeeded();
    await sign.screenshot({ path: `${out}/${lang}-5-sign-placed.png` });
    await sign.getByRole('button', { name: en ? 'Sign document' : 'امضای سند' }).click();
    await sign.locator('[part="download"]').waitFor();
    await sign.locator('canvas[part="page-canvas"]').first().waitFor();
    await page.waitForTimeout(300); // the last page paint
    await sign.screenshot({ path: `${out}/${lang}-6-signed.png` });
    await page.close();
  }
  console.log(`screenshots: written to ${out}/`);
} finally {
  await browser.close();
  await server.close();
}
