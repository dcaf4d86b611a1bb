/**
 * Captures the demo page at each step of both elements, in Persian and English, then the dark
 * theme in the phone-sized preview, into artifacts/screenshots/ (for review, not asserted pixel
 * by pixel). `npm run screenshots [folder]`; the README's pictures come from here.
 * Starts its own demo server (emulator included), or uses the one at EMZANO_DEMO_URL (the test
 * lanes' shared server, in a scope of its own), and drives the page with Playwright.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright';
import { TEST_CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { DEMO_SCOPE_COOKIE, startDemoServer } from './lanes/demo-server.mjs';

const out = process.argv[2] ?? 'artifacts/screenshots';

/** A short zigzag, as a person signs. */
async function drawSignature(page, canvas) {
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
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
}
mkdirSync(out, { recursive: true });

const server = process.env.EMZANO_DEMO_URL ? undefined : await startDemoServer();
const url = process.env.EMZANO_DEMO_URL ?? server.url;
// A demo host of its own on a shared server: another test's people and faults stay out of the pictures.
const scope = { name: DEMO_SCOPE_COOKIE, value: randomUUID(), url };
const browser = await chromium.launch({ executablePath: await findChromium(), headless: true, args: TEST_CHROMIUM_ARGS });

try {
  for (const lang of ['fa', 'en']) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.context().addCookies([scope]);
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
    // The fake camera's first frames on screen.
    await kyc.locator('video[part="preview"]').evaluate(async (video) => {
      while (video.currentTime <= 0) await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
    });
    await shot('4-video');
    await kyc.getByRole('button', { name: en ? 'Start recording' : 'شروع ضبط' }).click();
    // A second recorded: the countdown has moved on.
    const countdown = kyc.locator('[part="countdown"]');
    await countdown.filter({ hasNotText: (await countdown.innerText()).trim() }).waitFor();
    await shot('5-recording');
    await kyc.getByRole('button', { name: en ? 'Stop' : 'توقف' }).click();
    await kyc.locator('[part="playback"]').waitFor();
    await shot('6-recorded');
    await kyc.getByRole('button', { name: en ? 'Send video' : 'ارسال ویدئو' }).click();
    const kycPad = kyc.locator('emzano-signature-pad canvas');
    await kycPad.waitFor();
    await shot('7-signature');
    await drawSignature(page, kycPad);
    await kyc.getByRole('button', { name: en ? 'Send signature' : 'ارسال امضا' }).click();
    // The certificate step: get one (or, when the demo's one user holds one from the other
    // language's run, revoke that one and get one here, after the confirmation).
    const card = kyc.locator('emzano-certificate');
    await card.locator('[part~="primary-button"]').click();
    await card.locator('[part="confirm"], [part="status"]:not([data-state="none"])').first().waitFor();
    if (await card.locator('[part="confirm"]').count()) await card.locator('[part="confirm"] [part~="primary-button"]').click();
    await card.locator('[part="status"][data-state="issued"]').waitFor({ timeout: 30_000 });
    await shot('8-certificate');
    await kyc.getByRole('button', { name: en ? 'Continue' : 'ادامه' }).click();
    await kyc.locator('[part="summary"]').waitFor();
    await shot('8-done');

    // <emzano-sign-pdf>: the sample contract, a drawn signature, the field placed, then signed.
    const sign = page.locator('#sign');
    await sign.locator('canvas[part="page-canvas"]').first().waitFor();
    await drawSignature(page, sign.locator('emzano-signature-pad canvas'));
    await sign.getByRole('button', { name: en ? 'Use this signature' : 'استفاده از این امضا' }).click();
    await sign.getByRole('button', { name: en ? 'Add signature field' : 'افزودن کادر امضا' }).click();
    await sign.locator('[part="viewer"]').scrollIntoViewIfNeeded();
    await sign.screenshot({ path: `${out}/${lang}-9-sign-placed.png` });
    const painted = () => page.evaluate(() => performance.getEntriesByName('emzano-page-rendered').length);
    const paintedBefore = await painted();
    await sign.getByRole('button', { name: en ? 'Sign document' : 'امضای سند' }).click();
    await sign.locator('[part="download"]').waitFor();
    // The signed document's page painted (each paint leaves a mark).
    await page.waitForFunction((before) => performance.getEntriesByName('emzano-page-rendered').length > before, paintedBefore);
    await sign.screenshot({ path: `${out}/${lang}-10-signed.png` });

    // <emzano-sign-pdf mode="send">: sample recipients, both signers' fields placed, one problem shown.
    const sender = page.locator('#clm-sender');
    await sender.locator('[part="send-panel"]').waitFor();
    await page.locator('#clm-fill').click();
    await sender.locator('#r0-place').click();
    await sender.locator('[part~="send-button"]').click();
    await sender.locator('#r1-place-error').waitFor();
    await sender.scrollIntoViewIfNeeded();
    await sender.screenshot({ path: `${out}/${lang}-12-send-problem.png` });
    await sender.locator('#r1-place').click();
    await sender.locator('[part~="send-button"]').click();
    await sender.locator('.success').waitFor();
    await page.locator('#clm-status [part="timeline"]').waitFor();
    await page.locator('#clm-status').screenshot({ path: `${out}/${lang}-13-contract-status.png` });

    // The designer's view: dark theme, phone-sized preview.
    await page.selectOption('#theme', 'dark');
    await page.selectOption('#viewport', 'phone');
    await page.locator('#preview').screenshot({ path: `${out}/${lang}-11-dark-phone.png` });
    await page.close();
  }
  console.log(`screenshots: written to ${out}/`);
} finally {
  await browser.close();
  await server?.close();
}
