/**
 * Size budgets, checked on every run because sizes are deterministic (timings are not: those are
 * in `npm run bench`). They measure what the package ships (dist/, which the build made before
 * this runs): each element's entry as an app's bundler would ship it, dependencies included, and
 * the script-tag bundles as they are (scripts/measure-sizes.mjs). A failing budget names the entry
 * and its size.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ENTRIES, measureBuiltFiles, measureEntry, sizesOf, staticClosure, type EntrySizes } from '../../scripts/measure-sizes.mjs';

const KB = 1024;
/**
 * Initial code, gzip: the targets for the two main elements and the all-in-one bundle;
 * the signature pad alone is held a little above today's size so it cannot grow.
 */
const INITIAL_BUDGETS: Record<string, number> = {
  '<emzano-kyc>': 25 * KB,
  '<emzano-sign-pdf>': 20 * KB,
  '<emzano-signature-pad>': 14.5 * KB,
  '<emzano-document-status>': 12.5 * KB,
  // The target: the CSR library (pkijs) and the card's parts load after.
  '<emzano-certificate>': 12 * KB,
  // The target: the timeline, the result and each language's words load when used; pdf.js only for the certificate's preview.
  '<emzano-remote-verification>': 15 * KB,
  'all elements': 45 * KB,
};
const fmt = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

describe('size budgets', () => {
  const measured: Record<string, EntrySizes> = {};
  before(async () => {
    assert.ok(existsSync('dist/all.js'), 'dist/ is missing: the budgets measure the built package (npm run build)');
    // gzip is what the budgets judge; brotli (slow at its best) is for BENCHMARKS.md.
    for (const [name, entry] of Object.entries(ENTRIES)) measured[name] = await measureEntry(entry, { brotli: false });
  });

  for (const [name, budget] of Object.entries(INITIAL_BUDGETS)) {
    it(`${name}: initial code within ${fmt(budget)} gzip`, () => {
      const { gzip } = measured[name]!.initial;
      assert.ok(gzip <= budget, `${name} initial code is ${fmt(gzip)} gzip, over its ${fmt(budget)} budget`);
    });
  }

  it('the script-tag bundle (all elements, without pdf.js) loads within 45 KB gzip up front', () => {
    const files = measureBuiltFiles({ brotli: false });
    for (const [file, sizes] of Object.entries(files).filter(([file]) => file.includes('emzano-elements'))) {
      assert.ok(sizes.gzip <= 45 * KB, `${file} is ${fmt(sizes.gzip)} gzip, over 45 KB`);
    }
    const [, loader] = Object.entries(files).find(([file]) => file.includes('emzano-elements.iife.js'))!;
    assert.ok(loader.gzip < 1 * KB, `the classic-script loader is ${fmt(loader.gzip)} gzip; it should only load the ES bundle`);
    // What only some pages use stays out of what every page loads.
    const upFront = [...staticClosure('emzano-elements.js', (name) => readFileSync(join('dist/cdn', name), 'utf8'))];
    assert.deepEqual(
      upFront.filter((name) =>
        /^(send-mode|signing-controller|inquiry|video|camera|recorder|viewer-parts|evidence-package|connection|certificate-parts|certificate-request)-/.test(
          name,
        ),
      ),
      [],
      'lazy parts are loaded up front',
    );
    const lazyParts = readdirSync('dist/cdn').filter((name) => /^(send-mode|inquiry|video)-[\w-]{8}\.js$/.test(name));
    assert.equal(lazyParts.length, 3, `send mode, the inquiry and the video step are files of their own (${lazyParts.join(', ')})`);
  });

  it('pdf.js and zip.js are never initial code; they load lazily', () => {
    for (const [name, { initialModules, lazy }] of Object.entries(measured)) {
      const heavy = initialModules.filter((id) => /node_modules\/(pdfjs-dist|@zip\.js)\//.test(id));
      assert.deepEqual(heavy, [], `${name} loads pdf.js or zip.js up front`);
      // The elements that export evidence packages carry zip.js, lazily.
      if (['<emzano-kyc>', '<emzano-sign-pdf>', 'all elements'].includes(name)) {
        assert.ok(
          lazy.some((chunk) => chunk.name === 'zip.js'),
          `${name}: zip.js is a lazy chunk`,
        );
      }
    }
    assert.ok(
      measured['<emzano-sign-pdf>']!.lazy.some((chunk) => chunk.name === 'pdf.js'),
      'pdf.js is a lazy chunk of <emzano-sign-pdf>',
    );
  });

  it('no pdf-lib, server kit or emulator code in any browser bundle', () => {
    const forbidden = /@cantoo\/pdf-lib|pdf-lib|\/dist\/node\/|\/src\/|\/demo\/|@peculiar\/x509|reflect-metadata|node_modules\/jose\//;
    for (const [name, { initialModules, lazy }] of Object.entries(measured)) {
      const all = [...initialModules, ...lazy.flatMap((chunk) => chunk.modules)];
      assert.deepEqual(
        all.filter((id) => forbidden.test(id)),
        [],
        `${name} bundles server-side code`,
      );
    }
    for (const file of ['dist/cdn/emzano-elements.js', 'dist/cdn/emzano-elements.iife.js']) {
      const code = readFileSync(file, 'utf8');
      assert.ok(!/PDFDocument\.load|createTokenHandler|EmzanoEmulator/.test(code), `${file} contains server-side code`);
    }
  });

  it('pkijs loads only when a key is made: in its own lazy chunk, never up front', () => {
    const x509 = /node_modules\/(pkijs|asn1js)\//;
    for (const [name, { initialModules, lazy }] of Object.entries(measured)) {
      assert.deepEqual(
        initialModules.filter((id) => x509.test(id)),
        [],
        `${name} loads pkijs up front`,
      );
      const carrying = lazy.filter((chunk) => chunk.modules.some((id) => x509.test(id)));
      // The elements that get a certificate: the card, KYC's certificate step, sign mode's offer of one.
      if (['<emzano-certificate>', '<emzano-kyc>', '<emzano-sign-pdf>', 'all elements'].includes(name)) {
        assert.equal(carrying.length, 1, `${name}: pkijs is one lazy chunk`);
        assert.ok(
          carrying[0]!.modules.some((id) => id.endsWith('dist/certificate/certificate-request.js')),
          `${name}: pkijs comes with the certificate request`,
        );
      } else {
        assert.deepEqual(carrying, [], `${name} carries pkijs`);
      }
    }
  });

  it('the handoff screens load only when a handoff is shown, and the QR encoder only on the desktop that draws one', () => {
    for (const [name, { initialModules, lazy }] of Object.entries(measured)) {
      assert.deepEqual(
        initialModules.filter((id) => /node_modules\/uqr\/|dist\/components\/kyc\/handoff\//.test(id)),
        [],
        `${name} loads the handoff part up front`,
      );
      if (!['<emzano-kyc>', 'all elements'].includes(name)) continue;
      const part = lazy.find((chunk) => chunk.modules.some((id) => id.endsWith('dist/components/kyc/handoff/handoff-part.js')));
      const qr = lazy.filter((chunk) => chunk.modules.some((id) => id.includes('node_modules/uqr/')));
      assert.ok(part, `${name}: the handoff part is a lazy chunk`);
      assert.ok(part.gzip <= 6 * KB, `${name}: the handoff part is ${fmt(part.gzip)} gzip, over 6 KB`);
      assert.equal(qr.length, 1, `${name}: uqr is one lazy chunk`);
      assert.ok(
        qr[0] !== part && qr[0]!.gzip <= 4.5 * KB,
        `${name}: the QR encoder is a chunk of its own (the phone never loads it), within 4.5 KB`,
      );
    }
  });

  it('measures gzip and brotli the same way everywhere', () => {
    const sizes = sizesOf('a'.repeat(1000));
    assert.equal(sizes.raw, 1000);
    assert.ok(sizes.gzip < 100 && sizes.brotli < 100);
  });
});
