/**
 * The demo with Dipar chosen as the identity provider (`npm start`, offline): a complete
 * verification through the host's Dipar endpoint and the broker's emulator, in Chromium with the
 * fake camera: the details, the signature, the selfie video, the admittance statement read on
 * video, both sides of the national card (chosen as files, as a person without a rear camera
 * does), then the certificate step for the person Dipar verified. The host's server reads the
 * result the broker signed (`readResult`, signature checked) and the page logs it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright';
import { DEMO_ADMITTANCE } from '../../demo/emulator/dipar/dipar-host.js';
import { drawSignature, recordVideo, startDiparOnDemo, useDemo } from '../helpers/demo-page.js';

/** A photo of one side of a card, drawn in the page as a phone's camera would give it (PNG). */
async function cardPhoto(page: Page, side: string): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const base64 = await page.evaluate(async (text) => {
    const canvas = new OffscreenCanvas(1600, 1000);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#7a8a99';
    context.fillRect(0, 0, 1600, 1000);
    context.fillStyle = '#dfe8ef';
    context.fillRect(110, 110, 1380, 780);
    context.fillStyle = '#1b2a3a';
    context.font = 'bold 44px sans-serif';
    for (let line = 0; line < 9; line++) context.fillText(text, 180, 200 + line * 75);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  }, `${side} 0499370899`);
  return { name: `card-${side}.png`, mimeType: 'image/png', buffer: Buffer.from(base64, 'base64') };
}

describe('demo page: verify identity through Dipar', () => {
  const demo = useDemo();

  it(
    'runs every Dipar step offline, gets a certificate, and the host reads a verified result it checked',
    { timeout: 120_000 },
    async () => {
      const context = await demo.newContext({ viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      await page.goto(demo.url);
      await page.locator('#mode:not(:empty)').waitFor();
      const kyc = await startDiparOnDemo(page);

      // The signature, drawn with the mouse.
      await drawSignature(page, kyc.locator('emzano-signature-pad canvas'));
      await kyc.getByRole('button', { name: 'Send signature' }).click();

      await kyc.locator('[part="heading"]', { hasText: 'Selfie video' }).waitFor();
      await recordVideo(page, kyc);
      await kyc.locator('[part="heading"]', { hasText: 'Statement video' }).waitFor();
      await kyc.locator('.sentence-text', { hasText: DEMO_ADMITTANCE }).waitFor();
      await recordVideo(page, kyc);

      for (const [heading, side] of [
        ['National card, front', 'front'],
        ['National card, back', 'back'],
      ] as const) {
        await kyc.locator('[part="heading"]', { hasText: heading }).waitFor();
        await kyc.locator('.card-guide').waitFor();
        await kyc.locator('input[type="file"]').setInputFiles(await cardPhoto(page, side));
        await kyc.locator('[part~="photo-accepted"]').waitFor();
        await kyc.getByRole('button', { name: 'Send photo' }).click();
      }

      // The certificate step: the demo host knows the person from Dipar's signed result.
      await kyc.getByRole('heading', { name: 'Signing certificate', exact: true }).waitFor({ timeout: 30_000 });
      await kyc.locator('emzano-certificate').getByRole('button', { name: 'Get my signing certificate' }).click();
      await kyc.getByRole('button', { name: 'Continue' }).and(page.locator(':enabled')).click({ timeout: 30_000 });
      await kyc.getByRole('heading', { name: 'Done', exact: true }).waitFor();

      const logged = page.locator('#log li', { hasText: 'host readResult' });
      await logged.waitFor();
      const line = (await logged.textContent())!;
      assert.match(line, /"verified":true/, line);
      assert.match(line, /"kycStatus":2/, line);
      assert.match(line, /"nationalCode":"0499370899"/, line);
      await context.close();
    },
  );
});
