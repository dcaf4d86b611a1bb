/**
 * Continuing on a phone, on the demo page (`npm start`: the emulators and the server kit in one
 * server), with two browsers: a desktop with no camera device at all, and a phone with Chromium's
 * fake camera. The QR code is read from the desktop's rendered pixels (a screenshot, decoded by
 * jsQR). Shared by the handoff's e2e files (test/e2e/kyc-handoff*.test.ts).
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, afterEach, before } from 'node:test';
import jsQR from 'jsqr';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright';
import type { RecordedRequest } from '../../demo/emulator/emulator.js';
import { TEST_CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { drawSignature, useDemo } from './demo-page.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
export const PHONE = '09121234567';
/** A valid national code of its own for each run (the emulator remembers who finished which step). */
function nationalCode(): string {
  const digits = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10));
  const sum = digits.reduce((total, digit, index) => total + digit * (10 - index), 0) % 11;
  return [...digits, sum < 2 ? sum : 11 - sum].join('');
}

export interface Step {
  name: string;
  detail: Record<string, unknown>;
}

/**
 * Resolves once the desktop has kept the handoff it follows with its attempt (saves are batched:
 * a page reloaded in the same moment would not know of it, as a person's would not).
 */
async function untilHandoffKept(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    // Only a database the element made: opening one that is not there would make it, empty.
    if (!(await indexedDB.databases()).some((database) => database.name === 'emzano-elements')) return false;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open('emzano-elements');
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    try {
      const kept = await new Promise<unknown[]>((resolve, reject) => {
        const reading = db.transaction('attempts').objectStore('attempts').getAll();
        reading.onsuccess = () => resolve(reading.result);
        reading.onerror = () => reject(reading.error);
      });
      return kept.some((record) => JSON.stringify(record).includes('"role":"desktop"'));
    } finally {
      db.close();
    }
  });
}

/**
 * The demo and the two browsers for the tests of one `describe`: `open` a page on the desktop
 * (no camera: `desktopBrowser`) or on a phone or desktop with the fake camera (`'with-camera'`).
 */
export function useHandoffDemo() {
  const demo = useDemo();
  /** A desktop without any camera: Chromium with no fake device. */
  let desktopBrowser: Browser;
  const contexts: BrowserContext[] = [];
  before(async () => {
    const args = TEST_CHROMIUM_ARGS.filter((flag) => !flag.startsWith('--use-fake-device-for-media-stream'));
    desktopBrowser = await chromium.launch({ executablePath: await findChromium(), headless: true, args });
  });
  // Each test's pages go with it: a phone left on its video step keeps its camera drawing frames.
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close().catch(() => undefined)));
  });
  after(async () => {
    await desktopBrowser?.close();
  });
  /** The Chromium without a camera (launched before the tests). */
  const cameraless = () => desktopBrowser;

  /** A demo page (the main one, or the phone's) in `language`, with the kyc element's events recorded (`window.kycEvents`). */
  async function open(
    browser: Browser | 'with-camera',
    url: string,
    options: { phone?: boolean; language?: 'en' | 'fa'; clock?: boolean } = {},
  ) {
    const contextOptions = options.phone
      ? { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }
      : { viewport: { width: 1200, height: 900 } };
    let context: BrowserContext;
    if (browser === 'with-camera') context = await demo.newContext(contextOptions);
    else {
      context = await browser.newContext(contextOptions);
      contexts.push(context);
      await demo.join(context);
    }
    const page = await context.newPage();
    if (options.clock) await page.clock.install();
    await page.addInitScript(() => {
      const events: Step[] = [];
      (window as unknown as { kycEvents: Step[] }).kycEvents = events;
      for (const name of ['emzano-step', 'emzano-complete', 'emzano-error'])
        document.addEventListener(name, (event) => events.push({ name, detail: (event as CustomEvent).detail }), true);
    });
    await page.goto(url);
    await ready(page, options.language);
    return { context, page, kyc: page.locator('#kyc') };
  }

  /** The page has its configuration (the main page shows its mode; the phone's sets `data-ready`), in `language`. */
  async function ready(page: Page, language: 'en' | 'fa' = 'en') {
    await page.waitForFunction(() => document.documentElement.dataset['ready'] === 'true' || document.querySelector('#mode')?.textContent);
    await page.selectOption('#language', language);
  }

  const events = (page: Page) => page.evaluate(() => (window as unknown as { kycEvents: Step[] }).kycEvents);

  /**
   * Enrolment on the desktop, whose camera is missing, and the registry inquiry (or, for a person
   * the emulator already has as inquired, straight on); ends on the video step.
   */
  async function desktopToVideo(page: Page, kyc: Locator, options: { language?: 'en' | 'fa'; inquiry?: boolean; offered?: boolean } = {}) {
    const person = nationalCode();
    const { language = 'en', inquiry = false, offered = true } = options;
    if (!inquiry) {
      const seeded = await demo.fetch('/__emulator/users', {
        method: 'POST',
        body: JSON.stringify({ nationalCode: person, phoneNumber: PHONE, infoInquiry: true }),
      });
      assert.equal(seeded.status, 200);
    }
    await kyc.evaluate((element: HTMLElement & { certificate: string }) => (element.certificate = 'off'));
    await kyc.locator('#phone').fill(PHONE);
    await kyc.locator('#national-code').fill(person);
    await kyc.locator('button[type="submit"]').click();
    if (inquiry) {
      await kyc.locator('#birth-year').fill('1370');
      await kyc.locator('#birth-month').selectOption('1');
      await kyc.locator('#birth-day').selectOption('1');
      await kyc.locator('#card-serial').fill('12345');
      await kyc.locator('button[type="submit"]').click();
      await kyc.locator('[part="person"]').waitFor();
      await kyc.locator('[part~="primary-button"]').click();
    }
    if (!offered) return person;
    await kyc.locator('[part~="handoff-offer"]').waitFor();
    // No camera here: the step says so, and offers the phone.
    await kyc.locator('[part="error"]').waitFor();
    if (language === 'en') assert.match(await kyc.locator('[part="error"]').innerText(), /camera/i);
    return person;
  }

  /**
   * The phone's link, read from the QR code's pixels on the desktop's screen (decoded in the
   * desktop's own page, which stays in front, so its screenshot is not held back a background tab).
   */
  async function scanQr(page: Page, kyc: Locator): Promise<string> {
    const code = kyc.locator('[part~="handoff-qr"]');
    await code.waitFor();
    const png = await code.screenshot();
    const pixels = await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      // As base64 text: a JSON array of every channel of every pixel is slow to carry back.
      let binary = '';
      for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
      return { base64: btoa(binary), width, height };
    }, png.toString('base64'));
    const found = jsQR(new Uint8ClampedArray(Buffer.from(pixels.base64, 'base64')), pixels.width, pixels.height);
    assert.ok(found, 'the QR code on the desktop reads as a QR code');
    assert.equal(found.data, await kyc.locator('#handoff-link').inputValue(), 'the QR code and the link to copy are the same link');
    return found.data;
  }

  async function sign(page: Page, kyc: Locator): Promise<void> {
    await drawSignature(page, kyc.locator('emzano-signature-pad canvas'));
    await kyc.getByRole('button', { name: 'Send signature' }).click();
  }

  /** A desktop that got to the video step and asked for the phone: its page and the link its QR code shows. */
  async function handedOff(language: 'en' | 'fa' = 'en') {
    const desktop = await open(desktopBrowser, demo.url, { language });
    await desktopToVideo(desktop.page, desktop.kyc, { language });
    await desktop.kyc.locator('[part~="handoff-offer"]').click();
    await desktop.kyc.locator('[part~="handoff-qr"]').waitFor();
    const link = await scanQr(desktop.page, desktop.kyc);
    await untilHandoffKept(desktop.page);
    return { ...desktop, link };
  }

  /** axe on the element's shadow DOM as it is now: no violations. */
  async function expectAccessible(page: Page, what: string): Promise<void> {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
        }
      ).axe;
      const result = await axe.run({ include: [['#kyc']] }, { resultTypes: ['violations'] });
      return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
    });
    assert.deepEqual(violations, [], `axe: ${what}`);
  }

  const requests = async () => (await (await demo.fetch('/__emulator/requests')).json()) as RecordedRequest[];

  return { demo, cameraless, open, ready, events, desktopToVideo, scanQr, sign, handedOff, expectAccessible, requests };
}
