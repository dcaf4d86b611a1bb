/**
 * Continuing on a phone, on the demo page (`npm start`: the emulators and the server kit in one
 * server) with two browsers: a desktop with no camera device at all, and a phone with Chromium's
 * fake camera. The test reads the QR code from the desktop's rendered pixels (a screenshot,
 * decoded by jsQR), opens that link on the phone, finishes there, and checks the desktop's steps,
 * its `emzano-complete` and what the emulator received. Then the ways it goes otherwise: a code
 * used twice, a code that expired, cancel, taking back, a reload of either side; axe on the
 * handoff screens in Persian and English.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import jsQR from 'jsqr';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright';
import type { RecordedRequest } from '../../demo/emulator/emulator.js';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { drawSignature, recordVideo, useDemo } from '../helpers/demo-page.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PHONE = '09121234567';
/** A valid national code of its own for each run (the emulator remembers who finished which step). */
function nationalCode(): string {
  const digits = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10));
  const sum = digits.reduce((total, digit, index) => total + digit * (10 - index), 0) % 11;
  return [...digits, sum < 2 ? sum : 11 - sum].join('');
}

interface Step {
  name: string;
  detail: Record<string, unknown>;
}

describe('continue on your phone: <emzano-kyc> hands off by QR code', () => {
  const demo = useDemo();
  /** A desktop without any camera: Chromium with no fake device. */
  let desktopBrowser: Browser;
  const contexts: BrowserContext[] = [];
  before(async () => {
    const args = CHROMIUM_ARGS.filter((flag) => flag !== '--use-fake-device-for-media-stream');
    desktopBrowser = await chromium.launch({ executablePath: await findChromium(), headless: true, args });
  });
  after(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await desktopBrowser?.close();
  });

  /** A demo page (the main one, or the phone's) in `language`, with the kyc element's events recorded (`window.kycEvents`). */
  async function open(browser: Browser, url: string, options: { phone?: boolean; language?: 'en' | 'fa'; clock?: boolean } = {}) {
    const context = await browser.newContext(
      options.phone
        ? { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }
        : { viewport: { width: 1200, height: 900 } },
    );
    contexts.push(context);
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
      const seeded = await fetch(new URL('/__emulator/users', demo.url), {
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

  /** The phone's link, read from the QR code's pixels on the desktop's screen. */
  async function scanQr(kyc: Locator, decoder: Page): Promise<string> {
    const code = kyc.locator('[part~="handoff-qr"]');
    await code.waitFor();
    const png = await code.screenshot();
    const pixels = await decoder.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      return { data: Array.from(data), width, height };
    }, png.toString('base64'));
    const found = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
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
    return { ...desktop, link: await scanQr(desktop.kyc, await desktop.context.newPage()) };
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

  const requests = async () => (await (await fetch(new URL('/__emulator/requests', demo.url))).json()) as RecordedRequest[];

  it('hands off by the QR code: the phone records and signs, the desktop follows and completes', { timeout: 120_000 }, async () => {
    const desktop = await open(desktopBrowser, demo.url);
    const person = await desktopToVideo(desktop.page, desktop.kyc, { inquiry: true });
    await desktop.kyc.locator('[part~="handoff-offer"]').click();
    await desktop.kyc.getByText('Waiting for your phone…').waitFor();
    assert.match(await desktop.kyc.locator('[part="handoff-no-camera"], [part="intro"]').first().innerText(), /./);
    assert.match(await desktop.kyc.locator('[part="handoff-expiry"]').innerText(), /This code works for another (9|10):\d\d\./);

    const link = await scanQr(desktop.kyc, await desktop.context.newPage());
    assert.match(link, /#emzano-handoff=[A-Za-z0-9_-]{32}$/);
    assert.ok(link.startsWith(new URL('/phone.html#', demo.url).href), "the link is the host's page for the phone (`handoff-url`)");
    await expectAccessible(desktop.page, 'the desktop waiting, with its code (en)');

    const { page: phonePage, kyc: phoneKyc } = await open(demo.browser, link, { phone: true });
    await phoneKyc.getByRole('heading', { name: 'Selfie video' }).waitFor({ timeout: 20_000 });
    assert.ok(!phonePage.url().includes('emzano-handoff'), 'the code is gone from the address bar');
    // The phone never makes the certificate (its key belongs on the desktop), even on a page that asks for one.
    await phoneKyc.evaluate((element: HTMLElement & { certificate: string }) => (element.certificate = 'issue'));
    assert.equal(await phoneKyc.locator('[part="progress"]').innerText(), 'Step 2 of 4: Selfie video');
    await desktop.kyc.getByText('Phone connected.').or(desktop.kyc.getByText('On your phone: Selfie video')).waitFor();

    await recordVideo(phonePage, phoneKyc);
    await phoneKyc.getByRole('heading', { name: 'Signature' }).waitFor({ timeout: 20_000 });
    await desktop.kyc.getByText('On your phone: Signature').waitFor();
    assert.equal(await desktop.kyc.locator('[data-step="video"]').getAttribute('data-done'), 'true');
    await expectAccessible(desktop.page, 'the desktop following the phone (en)');
    await sign(phonePage, phoneKyc);
    await phoneKyc.getByRole('heading', { name: 'Return to your computer' }).waitFor({ timeout: 20_000 });
    assert.match(await phoneKyc.locator('[part="handoff-end"]').innerText(), /You are done here/);

    // The desktop: the summary, and the same event as a run on one device.
    await desktop.kyc.getByText('Your identity has been verified.').waitFor({ timeout: 20_000 });
    const desktopEvents = await events(desktop.page);
    assert.deepEqual(
      desktopEvents.filter((event) => event.name === 'emzano-step').map((event) => event.detail['step']),
      ['inquiry', 'video', 'done'],
      "the desktop's steps: the video and signature happened on the phone",
    );
    const completed = desktopEvents.filter((event) => event.name === 'emzano-complete');
    assert.equal(completed.length, 1, 'emzano-complete once');
    const detail = completed[0]!.detail as {
      userId: string;
      person: { name: string } | null;
      signatureUploaded: boolean;
      provider: string;
      session: { userId: string; accessToken: string; refreshToken?: string };
    };
    assert.equal(detail.provider, 'emzano');
    assert.equal(detail.signatureUploaded, true);
    assert.ok(detail.person?.name, 'the person the desktop confirmed');
    assert.equal(detail.session.userId, detail.userId);
    assert.equal(detail.session.refreshToken, undefined, 'never a refresh token in the page');
    const phoneEvents = await events(phonePage);
    assert.equal(
      phoneEvents.filter((event) => event.name === 'emzano-complete').length,
      0,
      'the phone does not complete: the desktop does',
    );

    // What Emzano received for this person: one enrolment, the inquiry from the desktop, the video and signature from the phone.
    // (The demo page also enrols its signing demo's person on each load: only this person counts.)
    const received = await requests();
    const enrolments = received.filter((request) => request.path.endsWith('/kyc/enroll') && JSON.stringify(request.json).includes(person));
    assert.equal(enrolments.length, 1, 'no second enrolment');
    const mine = received.filter((request) => request.path.includes(`/${detail.userId}/`));
    const [inquiry, video, signature] = ['info-inquiry', 'face-recognition', 'upload-signature'].map((name) =>
      mine.find((request) => request.path.endsWith(`/${name}`) && request.status === 200),
    );
    assert.ok(inquiry && video && signature, mine.map((request) => request.path).join('\n'));
    assert.ok(
      video.parts?.some((part) => part.fileName && part.size! > 1000),
      'a real video file went up',
    );
    assert.notEqual(video.authorization, inquiry.authorization, "the video went up with the phone's own token");
    assert.equal(video.authorization, signature.authorization, 'both from the phone');
    assert.equal(mine.filter((request) => request.path.endsWith('/token')).length, 2, 'a token for the desktop, one for the phone');
  });

  it('refuses a second phone, and the desktop takes back control: the phone is told', { timeout: 90_000 }, async () => {
    const desktop = await handedOff();
    const first = await open(demo.browser, desktop.link, { phone: true });
    await first.kyc.getByRole('heading', { name: 'Selfie video' }).waitFor({ timeout: 20_000 });
    const second = await open(demo.browser, desktop.link, { phone: true });
    await second.kyc.getByRole('heading', { name: 'This code was used already' }).waitFor({ timeout: 20_000 });
    assert.match(await second.kyc.locator('[part="handoff-end"]').innerText(), /Go back to your computer/);
    await expectAccessible(second.page, 'a phone whose code was used (en)');

    await desktop.kyc.getByRole('button', { name: 'Continue on this computer instead' }).click();
    await desktop.kyc.getByRole('heading', { name: 'Selfie video' }).waitFor();
    await desktop.kyc.locator('[part~="handoff-offer"]').waitFor();
    await first.kyc.getByRole('heading', { name: 'Continued on your computer' }).waitFor({ timeout: 15_000 });
    assert.equal(await first.page.evaluate(() => sessionStorage.length), 0, 'the phone keeps nothing once it is over');
  });

  it('a reloaded desktop shows a new code (the old one has expired); Cancel withdraws it', { timeout: 90_000 }, async () => {
    const desktop = await handedOff();
    await desktop.page.reload();
    await ready(desktop.page);
    const renewed = await scanQr(desktop.kyc, await desktop.context.newPage());
    assert.notEqual(renewed, desktop.link, 'codes are never stored: a reload gets a new one');

    const stale = await open(demo.browser, desktop.link, { phone: true });
    await stale.kyc.getByRole('heading', { name: 'This code has expired' }).waitFor({ timeout: 20_000 });
    assert.match(await stale.kyc.locator('[part="handoff-end"]').innerText(), /a new code appears there by itself/);

    await desktop.kyc.getByRole('button', { name: 'Cancel' }).click();
    await desktop.kyc.getByRole('heading', { name: 'Selfie video' }).waitFor();
    const late = await open(demo.browser, renewed, { phone: true });
    await late.kyc.getByRole('heading', { name: 'Cancelled on your computer' }).waitFor({ timeout: 20_000 });
  });

  it(
    'loses nothing on the phone: a reload carries on, and a desktop closed meanwhile shows the end when reopened',
    { timeout: 120_000 },
    async () => {
      const desktop = await handedOff();
      const phone = await open(demo.browser, desktop.link, { phone: true });
      await phone.kyc.getByRole('heading', { name: 'Selfie video' }).waitFor({ timeout: 20_000 });
      await desktop.page.close();

      await recordVideo(phone.page, phone.kyc);
      await phone.kyc.getByRole('heading', { name: 'Signature' }).waitFor({ timeout: 20_000 });
      await phone.page.reload();
      await ready(phone.page);
      await phone.kyc.getByRole('heading', { name: 'Signature' }).waitFor({ timeout: 20_000 });
      await sign(phone.page, phone.kyc);
      await phone.kyc.getByRole('heading', { name: 'Return to your computer' }).waitFor({ timeout: 20_000 });

      // The desktop comes back: the saved attempt follows its handoff, which finished meanwhile, and
      // goes on with its own next step: the demo's certificate, whose key is made here, on the desktop.
      const reopened = await desktop.context.newPage();
      await reopened.addInitScript(() => {
        const events: Step[] = [];
        (window as unknown as { kycEvents: Step[] }).kycEvents = events;
        for (const name of ['emzano-complete', 'emzano-error'])
          document.addEventListener(name, (event) => events.push({ name, detail: (event as CustomEvent).detail }), true);
      });
      await reopened.goto(demo.url);
      await ready(reopened);
      const kyc = reopened.locator('#kyc');
      await kyc.getByRole('heading', { name: 'Signing certificate', exact: true }).waitFor({ timeout: 20_000 });
      await kyc.getByRole('button', { name: 'Get my signing certificate' }).click();
      await kyc.getByRole('button', { name: 'Continue' }).and(reopened.locator(':enabled')).click({ timeout: 30_000 });
      await kyc.getByText('Your identity has been verified.').waitFor({ timeout: 20_000 });
      const [complete] = await events(reopened);
      assert.equal(complete?.name, 'emzano-complete');
      assert.equal((complete!.detail as { signatureUploaded: boolean }).signatureUploaded, true);
      assert.ok((complete!.detail as { session?: { accessToken: string } }).session?.accessToken, 'a live session for signing next');
    },
  );

  it(
    'in Persian, the demo\'s camera off and handoff="auto": the code shows by itself, renews when it runs out, and passes axe',
    { timeout: 120_000 },
    async () => {
      // A browser that has a camera (the fake one), switched off on the demo page as a person would.
      const desktop = await open(demo.browser, demo.url, { language: 'fa', clock: true });
      await desktop.page.selectOption('#camera', 'off');
      await desktop.page.selectOption('#handoff-mode', 'auto');
      await desktopToVideo(desktop.page, desktop.kyc, { language: 'fa', offered: false });
      await desktop.kyc.getByText('دوربینی روی این رایانه پیدا نشد. می‌توانید ادامهٔ کار را با گوشی خود انجام دهید.').waitFor();
      assert.equal(await desktop.kyc.locator('[part="error"]').count(), 0, 'no camera error: the phone is the way on');
      const first = await scanQr(desktop.kyc, await desktop.context.newPage());
      await expectAccessible(desktop.page, 'the desktop waiting, with its code (fa)');

      // The code runs out while it is shown (the desktop's clock jumps ten minutes): a new one, once.
      await desktop.page.clock.fastForward('10:01');
      await desktop.page.waitForFunction(
        (old) => (document.querySelector('#kyc')!.shadowRoot!.querySelector('#handoff-link') as HTMLInputElement | null)?.value !== old,
        first,
      );
      const second = await scanQr(desktop.kyc, await desktop.context.newPage());
      assert.notEqual(second, first);
      const stale = await open(demo.browser, first, { phone: true, language: 'fa' });
      await stale.kyc.getByRole('heading', { name: 'این کد منقضی شده است' }).waitFor({ timeout: 20_000 });
      assert.equal(await stale.kyc.locator('[part="base"]').getAttribute('lang'), 'fa');
      await expectAccessible(stale.page, 'a phone whose code expired (fa)');

      const phone = await open(demo.browser, second, { phone: true, language: 'fa' });
      await phone.kyc.locator('[part="stage"]').waitFor({ timeout: 20_000 });
      await desktop.kyc.locator('[part="handoff-steps"]').waitFor();
      await expectAccessible(desktop.page, 'the desktop following the phone (fa)');
    },
  );

  it('carries on when either side loses its connection for a while', { timeout: 120_000 }, async () => {
    const desktop = await handedOff();
    const phone = await open(demo.browser, desktop.link, { phone: true });
    await phone.kyc.getByRole('heading', { name: 'Selfie video' }).waitFor({ timeout: 20_000 });
    await desktop.kyc.getByText('On your phone: Selfie video').waitFor();

    // The desktop drops off while the phone sends its video; back on, it shows where the phone is.
    await desktop.context.setOffline(true);
    await recordVideo(phone.page, phone.kyc);
    await phone.kyc.getByRole('heading', { name: 'Signature' }).waitFor({ timeout: 20_000 });
    await desktop.page.waitForTimeout(1000);
    await desktop.context.setOffline(false);
    await desktop.kyc.getByText('On your phone: Signature').waitFor({ timeout: 20_000 });

    // The phone drops off as it sends the signature: it says so, and finishes when it is back.
    await phone.context.setOffline(true);
    await sign(phone.page, phone.kyc);
    await phone.kyc.locator('[part="error"]').waitFor({ timeout: 20_000 });
    await phone.context.setOffline(false);
    await phone.kyc.getByRole('heading', { name: 'Return to your computer' }).waitFor({ timeout: 30_000 });
    await desktop.kyc.getByText('Your identity has been verified.').waitFor({ timeout: 20_000 });
    assert.equal((await events(desktop.page)).filter((event) => event.name === 'emzano-complete').length, 1);
  });
});
