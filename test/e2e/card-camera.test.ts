/**
 * The card photo steps with a camera that films a card (Chromium's fake camera fed a Y4M of a
 * national card, in a browser of its own): the still taken from the camera itself is judged clear,
 * sent as a PNG at the camera's size, and the verification completes. The other browser tests'
 * fake camera shows no card, so there the camera's still is refused and a chosen file goes on.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { DiparRecordedRequest } from '../../demo/emulator/dipar/dipar-emulator.js';
import { TEST_CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { writeCardVideo } from '../helpers/card-video.js';
import { startDiparOnDemo, useDemo } from '../helpers/demo-page.js';

describe('demo page: the national card photographed with the camera', () => {
  const video = join(mkdtempSync(join(tmpdir(), 'emzano-card-')), 'card.y4m');
  writeCardVideo(video);
  // This file's Chromium films the card instead of the fake camera's test pattern.
  const demo = useDemo({ browserArgs: [...TEST_CHROMIUM_ARGS, `--use-file-for-fake-video-capture=${video}`] });
  after(() => rmSync(dirname(video), { recursive: true, force: true }));

  it('takes the still from the camera, judges it clear, and sends both sides as PNG', { timeout: 90_000 }, async () => {
    const page = await demo.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(demo.url);
    await page.locator('#mode:not(:empty)').waitFor();
    const profile = {
      SignaturePermission: false,
      VideoPermission: false,
      AdmittancePermission: false,
      PersonDocumentTypePermission: [101, 102],
    };
    await demo.fetch('/__dipar/reset', { method: 'POST' });
    await demo.fetch('/__dipar/profile', { method: 'POST', body: JSON.stringify({ profile }) });
    const kyc = await startDiparOnDemo(page);

    for (const heading of ['National card, front', 'National card, back']) {
      await kyc.getByRole('heading', { name: heading, exact: true }).waitFor();
      const take = kyc.getByRole('button', { name: 'Take photo' });
      await take.and(page.locator(':enabled')).waitFor();
      // A few frames of the card on screen, as a person aims: the preview has played a while.
      await kyc.locator('video[part="preview"]').evaluate(async (video: HTMLVideoElement) => {
        while (video.currentTime <= 0.2) await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
      });
      await take.click();
      await kyc.locator('[part~="photo-accepted"]').waitFor();
      await kyc.getByRole('button', { name: 'Send photo' }).click();
    }
    await kyc.getByRole('heading', { name: 'Signing certificate', exact: true }).waitFor({ timeout: 30_000 });

    const requests = (await (await demo.fetch('/__dipar/requests')).json()) as DiparRecordedRequest[];
    const documents = requests.filter((request) => request.path === '/api/Inquiry/SavePersonDocument');
    assert.equal(documents.length, 2);
    for (const [index, request] of documents.entries()) {
      const body = request.json as { documentType: number; fileData: { fileName: string; content: string } };
      assert.equal(request.status, 200);
      assert.equal(body.documentType, [101, 102][index]);
      assert.equal(body.fileData.fileName, ['IdCardFront.png', 'IdCardBack.png'][index]);
      assert.match(body.fileData.content, /^iVBORw0KGgo/, 'a PNG');
      // The camera's own size (the Y4M's 1280×720), not a thumbnail: a PNG that large is tens of KB at least.
      assert.ok(Number(/\((\d+) chars\)/.exec(body.fileData.content)?.[1]) > 20_000, body.fileData.content);
    }
    await page.close();
  });
});
