/**
 * The demo as a new user meets it (`npm start`): the page, the emulators and the server kit's
 * handlers in one Vite server, driven by Playwright in Chromium. The sample contract is signed
 * with a certificate the RA emulator's CA issued for a key made in the browser, downloaded, and
 * poppler's pdfsig, given an NSS store holding only that CA's root, must call the signature valid
 * and the certificate trusted, signed by the person's name. The whole chain too: KYC with the
 * fake camera, the certificate step, then signing as that person.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { EmzanoEmulator } from '../../demo/emulator/emulator.js';
import { latinNames } from '../../demo/emulator/registry.js';
import { pdfsigTrusting } from '../helpers/pdf-commands.js';
import { getCertificateInKyc, passKycToSignature, signAndDownload, signOnPad, useDemo, type DemoSession } from '../helpers/demo-page.js';

/** The demo's person who finished KYC before (demo/demo-user.ts), and the name their certificate carries. */
const DEMO_PERSON = '0070947120';
const nameOf = (nationalCode: string) => `${latinNames(nationalCode).name} ${latinNames(nationalCode).family}`;

/** The downloaded PDF's pdfsig report, trusting only the RA emulator's root as the demo serves it (to this file's scope). */
async function trustedReport(demo: DemoSession, path: string): Promise<string> {
  const root = new Uint8Array(await (await demo.fetch('/__ra/root.cer')).arrayBuffer());
  return pdfsigTrusting(readFileSync(path), [root]);
}

describe('demo page: sign the sample contract and download it', () => {
  const demo = useDemo();

  it('places the field, draws, signs, downloads; pdfsig verifies the download', { timeout: 90_000 }, async () => {
    const context = await demo.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true, hasTouch: true });
    const page = await context.newPage();
    // Everything the browser sends, to prove the API key never leaves the server.
    const sent: string[] = [];
    page.on('request', (request) => sent.push(`${request.url()} ${JSON.stringify(request.headers())} ${request.postData() ?? ''}`));
    await page.goto(demo.url);
    const sign = page.locator('#sign');
    await sign.locator('canvas[part="page-canvas"]').first().waitFor({ timeout: 30_000 });
    await page.selectOption('#language', 'en');
    await sign.getByText('Page 1 of 2').waitFor();

    await signOnPad(page, sign);

    await sign.getByRole('button', { name: 'Add signature field' }).click();
    await page.keyboard.press('ArrowDown');

    // Drag the field with a finger: real touch input through Chromium's input pipeline.
    const field = sign.locator('[part="field"]');
    const before = await sign.evaluate((element: HTMLElement & { field: { x: number; y: number } }) => element.field);
    const start = (await field.boundingBox())!;
    const cdp = await context.newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    const [x0, y0] = [start.x + start.width / 2, start.y + start.height / 2];
    await touch('touchStart', x0, y0);
    for (let step = 1; step <= 5; step++) await touch('touchMove', x0 + step * 8, y0 - step * 6);
    await touch('touchEnd', x0 + 40, y0 - 30);
    const after = await sign.evaluate((element: HTMLElement & { field: { x: number; y: number } }) => element.field);
    assert.ok(after.x > before.x + 10, `moved right by touch: ${before.x} → ${after.x}`);
    assert.ok(after.y > before.y + 10, `moved up by touch: ${before.y} → ${after.y}`);
    await sign.getByRole('button', { name: 'Sign document' }).click();
    // No certificate in this browser yet: the element says so and offers one for a key made here.
    await sign.getByText('There is no signing certificate for you in this browser').waitFor();
    await sign.locator('[part="certificate-offer"]').getByRole('button', { name: 'Get my signing certificate' }).click();
    const link = sign.getByRole('link', { name: 'Download the signed document' });
    await link.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'sample-contract-signed.pdf');
    const path = join(demo.work, download.suggestedFilename());
    await download.saveAs(path);

    const report = await trustedReport(demo, path);
    assert.match(report, /Signature Validation: Signature is Valid\./, report);
    assert.match(report, /Certificate Validation: Certificate is Trusted\./, report);
    assert.ok(report.includes(`Signer Certificate Common Name: ${nameOf(DEMO_PERSON)}`), report);

    // The evidence package of that signing, from the side panel.
    const [evidence] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Signing evidence (zip)' }).click(),
    ]);
    assert.equal(evidence.suggestedFilename(), 'signing-evidence.zip');
    const zipPath = join(demo.work, 'evidence.zip');
    await evidence.saveAs(zipPath);
    assert.equal(readFileSync(zipPath).subarray(0, 2).toString('latin1'), 'PK', 'a zip file');

    // The demo's token endpoint used the emulator's API key on the server; the browser never saw it.
    assert.ok(sent.length > 10, 'requests were recorded');
    assert.ok(
      sent.some((line) => line.includes('/api/emzano/token')),
      'the token endpoint was called',
    );
    for (const line of sent) assert.ok(!line.includes(EmzanoEmulator.DEFAULT_API_KEY), `the API key was sent: ${line.slice(0, 200)}`);
    await context.close();
  });

  it(
    'contract section: prepares a two-signer contract, sends it, follows it to Signed, downloads it; the host hears the callback',
    { timeout: 60_000 },
    async () => {
      const page = await demo.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
      await page.goto(demo.url);
      await page.locator('#mode:not(:empty)').waitFor();
      await page.selectOption('#language', 'en');
      const sender = page.locator('#clm-sender');
      await sender.locator('[part="send-panel"]').waitFor();
      await page.getByRole('button', { name: 'Fill in sample recipients' }).click();
      // Each signer's field on the start page, then send.
      for (const index of [0, 1]) await sender.locator(`#r${index}-place`).click();
      await sender.locator('[data-page="1"] [part~="field"]').nth(1).waitFor();
      await sender.getByRole('button', { name: 'Send contract' }).click();
      await sender.locator('.success', { hasText: 'The contract was sent' }).waitFor();
      const status = page.locator('emzano-document-status');
      await status.locator('[part="status"]', { hasText: 'Waiting for the recipients' }).waitFor();
      const states = () =>
        status.locator('[part~="recipient"]').evaluateAll((items) => items.map((item) => item.getAttribute('data-state')));
      assert.deepEqual(await states(), ['unseen', 'unseen', 'unseen']);
      for (let step = 0; step < 5; step++) await page.getByRole('button', { name: 'Next step for the recipient' }).click();
      await status.locator('[part="status"]', { hasText: 'Signed by everyone' }).waitFor();
      assert.deepEqual(await states(), ['signed', 'signed', 'seen']);
      const downloading = page.waitForEvent('download');
      await status.getByRole('link', { name: 'Download the signed contract' }).click();
      const download = await downloading;
      const saved = join(demo.work, 'contract.pdf');
      await download.saveAs(saved);
      assert.equal(readFileSync(saved).subarray(0, 5).toString('latin1'), '%PDF-');
      // CLM's callback reached the host's receiver (with the secret the server added) and was logged.
      await page.locator('#log li', { hasText: 'host callback received' }).filter({ hasText: '"state":"Signed"' }).waitFor();
      await page.close();
    },
  );

  it('designer controls: custom properties edited live, dark theme, phone-sized preview', { timeout: 60_000 }, async () => {
    // Reduced motion: colours are read at once rather than part-way through a button transition.
    const page = await demo.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    await page.goto(demo.url);
    await page.locator('#mode:not(:empty)').waitFor();
    const kyc = page.locator('emzano-kyc');
    const primary = kyc.locator('[part~="primary-button"]');
    const background = (locator: typeof primary) => locator.evaluate((node) => getComputedStyle(node).backgroundColor);

    // Side by side on a desktop screen.
    const [kycPanel, signPanel] = [await page.locator('.panel').nth(0).boundingBox(), await page.locator('.panel').nth(1).boundingBox()];
    assert.equal(kycPanel!.y, signPanel!.y, 'the two elements sit side by side');
    assert.notEqual(kycPanel!.x, signPanel!.x);

    await page.locator('[data-token="--emzano-color-primary"]').fill('#aa0055');
    assert.equal(await background(primary), 'rgb(170, 0, 85)');
    await page.locator('[data-token="--emzano-radius"]').fill('0');
    assert.equal(await primary.evaluate((node) => getComputedStyle(node).borderTopLeftRadius), '0px');
    const css = await page.locator('#theme-css').textContent();
    assert.match(css ?? '', /--emzano-color-primary: #aa0055;/);
    assert.match(css ?? '', /--emzano-radius: 0px;/);

    await page.selectOption('#theme', 'dark');
    assert.equal(await kyc.getAttribute('theme'), 'dark');
    assert.equal(await background(kyc.locator('[part="base"]')), 'rgb(22, 27, 34)');
    assert.equal(await background(primary), 'rgb(170, 0, 85)', 'the designer’s colour wins in dark too');

    await page.selectOption('#viewport', 'phone');
    const phoneBox = await kyc.boundingBox();
    assert.ok(phoneBox!.width <= 390, `the phone preview is 390 px wide: ${phoneBox!.width}`);

    await page.locator('#tokens button[type="reset"]').click();
    assert.equal(await background(primary), 'rgb(108, 180, 255)', 'back to the dark default');
    await page.close();
  });
});

describe('demo page, the whole chain: KYC, a certificate for a key made here, signing with it', () => {
  // A server of its own: the demo's one signed-in user is then this person from the start.
  const demo = useDemo();

  it(
    'finishes KYC with the fake camera, gets a certificate in its last step, signs; pdfsig trusts it through the RA root',
    { timeout: 120_000 },
    async () => {
      const nationalCode = '0499370899';
      const context = await demo.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(demo.url);
      await page.locator('#mode:not(:empty)').waitFor();
      await page.selectOption('#language', 'en');
      const kyc = page.locator('#kyc');
      await passKycToSignature(page, kyc, { phone: '09121112233', nationalCode });
      // The certificate step: the card, then Continue once it holds a valid certificate.
      const details = await getCertificateInKyc(kyc);
      assert.ok(details.includes(nameOf(nationalCode)), `the certificate names ${nameOf(nationalCode)}: ${details}`);

      // The session went to the signing element: it signs as this person, with that certificate.
      const path = join(demo.work, 'signed.pdf');
      await signAndDownload(page, page.locator('#sign'), path);
      const report = await trustedReport(demo, path);
      assert.match(report, /Signature Validation: Signature is Valid\./, report);
      assert.match(report, /Certificate Validation: Certificate is Trusted\./, report);
      assert.ok(report.includes(`Signer Certificate Common Name: ${nameOf(nationalCode)}`), report);
      await context.close();
    },
  );
});
