/**
 * The demo's remote-verification section (`npm start`, offline): an operator sends a verification
 * link in Spanish, watches the simulated person's progress arrive live, sees the result and
 * downloads the certificate PDF (checked by poppler's pdfinfo). Then a person who shows another
 * document than the one asked for: the result says so.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { useDemo } from '../helpers/demo-page.js';

describe('demo page: remote verification by SMS link', () => {
  const demo = useDemo();

  it('sends a link, follows the person live to the certificate, and downloads it', { timeout: 90_000 }, async () => {
    const context = await demo.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(demo.url);
    await page.locator('#mode:not(:empty)').waitFor();
    await page.selectOption('#remote-language', 'es');
    const remote = page.locator('#remote');
    await remote.locator('#phone').fill('+34 600 00 00 01');
    await remote.locator('#dni').fill('00000000T');
    await remote.getByRole('button', { name: 'Enviar el enlace' }).click();

    // The simulated person takes a step every 1.5 s of the emulator's clock: each report is seen
    // arriving live, then the clock moves on to the next (no waiting for the person).
    const timeline = remote.locator('[part="timeline"]');
    for (const status of ['5000', '5010', '5020', '5001', '5100']) {
      await timeline.locator(`[data-status="${status}"]`).waitFor({ timeout: 20_000 });
      await demo.advanceClock(1_500);
    }
    await remote.locator('[part="result"]').waitFor({ timeout: 20_000 });
    assert.match(await remote.locator('[part="result"]').innerText(), /Prueba de vida\s+Sí/);
    const link = remote.getByRole('link', { name: 'Descargar el certificado (PDF)' });
    await link.waitFor({ timeout: 20_000 });
    assert.deepEqual(
      await timeline.locator('[part="timeline-item"]').evaluateAll((items) => items.map((item) => item.getAttribute('data-status'))),
      ['5000', '5010', '5020', '5001', '5100'],
    );
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const path = join(demo.work, download.suggestedFilename());
    await download.saveAs(path);
    assert.match(execFileSync('pdfinfo', [path], { encoding: 'utf8' }), /Pages:\s+1/);
    await remote.locator('[part="preview"] canvas').waitFor({ timeout: 20_000 });
    assert.match(await page.locator('#log').innerText(), /emzano-remote-status .*"status":5100/);

    // Someone else, who shows another document than the one asked for.
    await remote.getByRole('button', { name: 'Verificar a otra persona' }).click();
    await page.selectOption('#remote-outcome', 'mismatch');
    await remote.locator('#phone').fill('+34 600 00 00 02');
    await remote.locator('#dni').fill('00000000T');
    await remote.getByRole('button', { name: 'Enviar el enlace' }).click();
    await timeline.locator('[data-status="5000"]').waitFor({ timeout: 20_000 });
    await demo.advanceClock(4 * 1_500);
    const matches = remote.locator('[part="result"] [data-field="document-matches"] dd');
    await matches.waitFor({ timeout: 20_000 });
    assert.equal((await matches.innerText()).trim(), 'No');
    await context.close();
  });
});
