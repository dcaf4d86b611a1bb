/**
 * The elements, from the built single-file bundle, on a page served with a strict
 * Content-Security-Policy (no inline script, no eval, Trusted Types required), driven through
 * KYC, its certificate step (a key made in the browser, a CSR built with pkijs, the certificate
 * from the RA emulator's CA) and signing with that certificate in Chromium: the browser must report
 * no violation.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright';
import { startEmulatorServer, startRaEmulatorServer, type RunningEmulator, type RunningRaEmulator } from '../../demo/emulator/server.js';
import { TEST_CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { authorizeAnyone, createTokenHandler } from '../../src/server/index.js';
import { passKycToSignature } from '../helpers/demo-page.js';
import { SARA, testCertificateHandler } from '../helpers/ra-people.js';
import { toNodeListener } from '../../src/server/node.js';

/** No inline script, no eval, no inline style (`style-src 'self'` without 'unsafe-inline'), Trusted Types required. */
const CSP = "script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'";
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.pdf': 'application/pdf',
  '.map': 'application/json',
};
const ROOTS: Record<string, string> = { '/csp/': 'test/e2e/csp/', '/dist/': 'dist/', '/fixtures/': 'test/fixtures/' };

describe('strict Content-Security-Policy page', () => {
  let emzano: RunningEmulator;
  let ra: RunningRaEmulator;
  let host: Server;
  let url: string;
  let browser: Browser;

  before(async () => {
    emzano = await startEmulatorServer({ apiKey: 'csp-key' });
    const token = toNodeListener(createTokenHandler({ apiKey: 'csp-key', baseUrl: emzano.url, authorize: authorizeAnyone() }));
    ra = await startRaEmulatorServer();
    emzano.emulator.trustIssuer(ra.emulator.issuer);
    const certificate = toNodeListener(
      testCertificateHandler(ra.baseUrl, {
        authorize: authorizeAnyone(),
        // The person the page enrols (0499370899), as the host's records have them.
        person: () => SARA,
        orderId: () => 'kyc-csp',
      }),
    );
    host = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://host').pathname;
      if (path === '/api/emzano/token') return void token(req, res);
      if (path === '/api/emzano/certificate') return void certificate(req, res);
      if (path === '/csp/config.json') {
        res.setHeader('Content-Type', 'application/json');
        return void res.end(JSON.stringify({ apiBase: emzano.url }));
      }
      const file = path === '/' ? 'test/e2e/csp/index.html' : Object.entries(ROOTS).find(([prefix]) => path.startsWith(prefix));
      const onDisk = typeof file === 'string' ? file : file ? normalize(join(file[1], path.slice(file[0].length))) : undefined;
      if (!onDisk || onDisk.includes('..')) {
        res.statusCode = 404;
        return void res.end();
      }
      try {
        const body = readFileSync(onDisk);
        res.setHeader('Content-Type', TYPES[extname(onDisk)] ?? 'application/octet-stream');
        res.setHeader('Content-Security-Policy', CSP);
        res.end(body);
      } catch {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
    browser = await chromium.launch({ executablePath: await findChromium(), headless: true, args: TEST_CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    host?.closeAllConnections();
    host?.close();
    await emzano?.close();
    await ra?.close();
  });

  it('runs KYC and signing with no violation reported', { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
    const reported: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|TrustedHTML|TrustedScript|Trusted Type/i.test(message.text())) reported.push(message.text());
    });
    page.on('pageerror', (error) => reported.push(`page error: ${error.message}`));
    await page.goto(url);
    assert.equal(await page.evaluate(() => document.querySelector('emzano-kyc')?.shadowRoot !== null), true, 'the bundle ran');

    const kyc = page.locator('emzano-kyc');
    await passKycToSignature(page, kyc, { phone: '09121234567', nationalCode: '0499370899' });
    const pad = kyc.locator('emzano-signature-pad canvas');
    await pad.waitFor();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 30);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 80, { steps: 6 });
    await page.mouse.up();
    await kyc.getByRole('button', { name: 'Send signature' }).click();
    // The certificate step: pkijs builds the CSR here, under the same policy.
    const card = kyc.locator('emzano-certificate');
    await card.getByRole('button', { name: 'Get my signing certificate' }).click();
    await card.getByText('Your signing certificate is ready.').waitFor({ timeout: 30_000 });
    await kyc.getByRole('button', { name: 'Continue' }).click();
    await page.locator('body[data-kyc-done="true"]').waitFor();

    const sign = page.locator('emzano-sign-pdf');
    await sign.locator('canvas[part="page-canvas"]').first().waitFor();
    const signPad = sign.locator('emzano-signature-pad canvas');
    await signPad.scrollIntoViewIfNeeded();
    const padBox = (await signPad.boundingBox())!;
    await page.mouse.move(padBox.x + 20, padBox.y + 30);
    await page.mouse.down();
    await page.mouse.move(padBox.x + 140, padBox.y + 70, { steps: 6 });
    await page.mouse.up();
    await sign.getByRole('button', { name: 'Use this signature' }).click();
    await sign.getByRole('button', { name: 'Add signature field' }).click();
    await sign.getByRole('button', { name: 'Sign document' }).click();
    await sign.getByRole('link', { name: 'Download the signed document' }).waitFor({ timeout: 30_000 });

    // Both evidence packages build from the bundle, zip.js loaded from the file beside it.
    const packages = await page.evaluate(async () => {
      type Exporter = HTMLElement & { exportEvidence(options?: { password?: string }): Promise<Blob> };
      const kycZip = await document.querySelector<Exporter>('emzano-kyc')!.exportEvidence();
      const signZip = await document.querySelector<Exporter>('emzano-sign-pdf')!.exportEvidence({ password: 'p' });
      const loaded = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
      return {
        sizes: [kycZip.size, signZip.size],
        types: [kycZip.type, signZip.type],
        zipLoaded: loaded.includes('/dist/cdn/zip.min.mjs'),
      };
    });
    assert.deepEqual(packages.types, ['application/zip', 'application/zip']);
    assert.ok(
      packages.sizes.every((size) => size > 1000),
      `evidence zips have content: ${packages.sizes.join(', ')}`,
    );
    assert.equal(packages.zipLoaded, true, 'zip.js came from dist/cdn/zip.min.mjs');

    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    assert.deepEqual([...violations, ...reported], [], 'no Content-Security-Policy or Trusted Types violation');
    await page.close();
  });
});
