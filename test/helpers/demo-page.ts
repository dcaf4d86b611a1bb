/**
 * For the end-to-end tests that drive pages with Playwright: the demo's own Vite server with a
 * Chromium beside it, and the KYC steps as a person passes them (enrolment, the registry inquiry,
 * the selfie video with the fake camera).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright';
import { createServer, type ViteDevServer } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

export interface DemoSession {
  server: ViteDevServer;
  browser: Browser;
  /** A folder for downloads, removed afterwards. */
  work: string;
  url: string;
}

/** The demo server (`npm start`'s) on a loopback port and Chromium, for the tests of one `describe`. */
export function useDemo(): DemoSession {
  const session = {} as DemoSession;
  before(async () => {
    session.server = await createServer({ configFile: 'vite.config.ts', server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
    await session.server.listen();
    session.url = session.server.resolvedUrls!.local[0]!;
    session.browser = await chromium.launch({ executablePath: await findChromium(), headless: true, args: CHROMIUM_ARGS });
    session.work = mkdtempSync(join(tmpdir(), 'emzano-demo-'));
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.close();
    if (session.work) rmSync(session.work, { recursive: true, force: true });
  });
  return session;
}

/**
 * Enrolment, the registry inquiry and a selfie video of about a second and a half, in English,
 * as a person passes them; ends on the step after the video.
 */
export async function passKycToSignature(page: Page, kyc: Locator, person: { phone: string; nationalCode: string }): Promise<void> {
  await kyc.locator('#phone').fill(person.phone);
  await kyc.locator('#national-code').fill(person.nationalCode);
  await kyc.getByRole('button', { name: 'Continue' }).click();
  await kyc.locator('#birth-year').fill('1370');
  await kyc.locator('#birth-month').selectOption('1');
  await kyc.locator('#birth-day').selectOption('1');
  await kyc.locator('#card-serial').fill('12345');
  await kyc.getByRole('button', { name: 'Look up' }).click();
  await kyc.locator('[part="person"]').waitFor();
  await kyc.getByRole('button', { name: 'Continue' }).click();
  await recordVideo(page, kyc);
}

/** A selfie video of about a second and a half with the fake camera, recorded and sent (English). */
export async function recordVideo(page: Page, kyc: Locator): Promise<void> {
  await kyc.getByRole('button', { name: 'Start recording' }).and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
  await kyc.getByRole('button', { name: 'Start recording' }).click();
  await page.waitForTimeout(1500);
  await kyc.getByRole('button', { name: 'Stop recording' }).click();
  await kyc.getByRole('button', { name: 'Send video' }).click();
}

/** A short zigzag drawn with the mouse on a signature pad's canvas, as a person signs. */
export async function drawSignature(page: Page, canvas: Locator): Promise<void> {
  await canvas.waitFor();
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 40);
  await page.mouse.down();
  for (const [x, y] of [
    [80, 90],
    [150, 40],
    [220, 85],
  ])
    await page.mouse.move(box.x + x!, box.y + y!, { steps: 4 });
  await page.mouse.up();
}

/** Dipar chosen on the demo page, in English, and its first step passed (mobile, national code, birth date). */
export async function startDiparOnDemo(page: Page): Promise<Locator> {
  await page.selectOption('#language', 'en');
  await page.selectOption('#provider', 'dipar');
  const kyc = page.locator('#kyc');
  await kyc.locator('#birth-year').waitFor();
  await kyc.locator('#phone').fill('09121234567');
  await kyc.locator('#national-code').fill('0499370899');
  await kyc.locator('#birth-year').fill('1370');
  await kyc.locator('#birth-month').selectOption('5');
  await kyc.locator('#birth-day').selectOption('12');
  await kyc.getByRole('button', { name: 'Continue' }).click();
  return kyc;
}
