/**
 * For the end-to-end tests that drive pages with Playwright: the demo server with a Chromium beside
 * it, and the KYC steps as a person passes them (enrolment, the registry inquiry, the selfie video
 * with the fake camera).
 *
 * A run of the suite (scripts/test.mjs) serves one built demo to every e2e file, at
 * `EMZANO_DEMO_URL`; a file run on its own starts Vite's dev server. Either way each file works in
 * a scope of its own (a demo host with its own emulators, state and clock), named by a cookie its
 * browser contexts and its own requests carry, so files running at once never meet.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright';
import { TEST_CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { DEMO_SCOPE_COOKIE, startDemoServer } from '../../scripts/lanes/demo-server.mjs';

export interface DemoSession {
  /** A folder for downloads, removed afterwards. */
  work: string;
  url: string;
  /** A browser context in this file's scope, in this file's Chromium (launched when first used). */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a context of its own, in this file's scope. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** A request to the demo server (its emulators' controls), in this file's scope. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Moves this scope's emulators' clock on by `ms` (the simulated person's steps, held answers). */
  advanceClock(ms: number): Promise<void>;
  /** Puts this file's scope on a context made elsewhere (another browser). */
  join(context: BrowserContext): Promise<void>;
}

/** The demo server and Chromium, for the tests of one `describe`; `browserArgs` for a Chromium of other flags. */
export function useDemo(options: { browserArgs?: string[] } = {}): DemoSession {
  const scope = randomUUID();
  let server: { url: string; close(): Promise<void> } | undefined;
  let browser: Promise<Browser> | undefined;
  const contexts: BrowserContext[] = [];
  const session: DemoSession = {
    work: '',
    url: '',
    async join(context) {
      await context.addCookies([{ name: DEMO_SCOPE_COOKIE, value: scope, url: session.url }]);
    },
    async newContext(contextOptions = {}) {
      browser ??= findChromium().then((executablePath) =>
        chromium.launch({ executablePath, headless: true, args: options.browserArgs ?? TEST_CHROMIUM_ARGS }),
      );
      const context = await (await browser).newContext(contextOptions);
      contexts.push(context);
      await session.join(context);
      return context;
    },
    async newPage(contextOptions = {}) {
      return (await session.newContext(contextOptions)).newPage();
    },
    fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('Cookie', `${DEMO_SCOPE_COOKIE}=${scope}`);
      return fetch(new URL(path, session.url), { ...init, headers });
    },
    async advanceClock(ms) {
      const response = await session.fetch('/__clock', { method: 'POST', body: JSON.stringify({ advance: ms }) });
      if (!response.ok) throw new Error(`the demo's clock did not move: ${response.status}`);
    },
  };
  before(async () => {
    const shared = process.env['EMZANO_DEMO_URL'];
    if (shared) session.url = shared;
    else {
      server = await startDemoServer({ built: false });
      session.url = server.url;
    }
    session.work = mkdtempSync(join(tmpdir(), 'emzano-demo-'));
  });
  // Each test's pages go with it: a page left on a video step keeps its camera drawing frames.
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close().catch(() => undefined)));
  });
  after(async () => {
    await (await browser)?.close();
    await server?.close();
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

/**
 * A selfie video with the fake camera, recorded and sent (English): stopped once the countdown
 * has moved on a second, as a person reads the sentence (the recorder's own clock, not a sleep).
 */
export async function recordVideo(page: Page, kyc: Locator): Promise<void> {
  await kyc.getByRole('button', { name: 'Start recording' }).and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
  await kyc.getByRole('button', { name: 'Start recording' }).click();
  const countdown = kyc.locator('[part="countdown"]');
  const first = (await countdown.innerText()).trim();
  await countdown.filter({ hasNotText: first }).waitFor();
  await kyc.getByRole('button', { name: 'Stop recording' }).click();
  await kyc.getByRole('button', { name: 'Send video' }).click();
}

/**
 * After KYC (the signature step declined): the certificate step gets the person a certificate,
 * and KYC completes. Answers what the certificate card showed (its name, issuer, dates).
 */
export async function getCertificateInKyc(kyc: Locator): Promise<string> {
  await kyc.getByRole('button', { name: 'Not now' }).click();
  const card = kyc.locator('emzano-certificate');
  await card.getByRole('button', { name: 'Get my signing certificate' }).click();
  await card.getByText('Your signing certificate is ready.').waitFor({ timeout: 30_000 });
  const details = (await card.locator('[part="details"]').textContent()) ?? '';
  await kyc.getByRole('button', { name: 'Continue' }).click();
  await kyc.getByText('Your signing certificate is in this browser, ready to sign with.').waitFor();
  return details;
}

/** Draws on the sign panel's pad with the mouse and uploads it as the signature. */
export async function signOnPad(page: Page, sign: Locator): Promise<void> {
  await drawSignature(page, sign.locator('emzano-signature-pad canvas'));
  await sign.getByRole('button', { name: 'Use this signature' }).click();
  await sign.getByText('Your signature is ready.').waitFor();
}

/** Signs the sign panel's PDF with a drawn signature in a new field, and saves the download to `path`. */
export async function signAndDownload(page: Page, sign: Locator, path: string): Promise<void> {
  await signOnPad(page, sign);
  await sign.getByRole('button', { name: 'Add signature field' }).click();
  await sign.getByRole('button', { name: 'Sign document' }).click();
  const link = sign.getByRole('link', { name: 'Download the signed document' });
  await link.waitFor({ timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  await download.saveAs(path);
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
