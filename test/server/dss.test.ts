/**
 * The emulator's DSS signs for real: digest → an RSA signature made here with WebCrypto →
 * put-sign, over HTTP, for every page shape; then poppler checks the result independently:
 * `pdfsig` must call the signature valid, the widget must sit where the field was placed, and a
 * rendering must show the signature upright as the person saw the page.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from '@cantoo/pdf-lib';
import { startEmulatorServer, type RunningEmulator } from '../../demo/emulator/server.js';
import { fixture, readySigner } from '../helpers/signer-setup.js';

const KEY = 'dss-test-key';

interface Field {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

describe('emulator DSS: real PAdES signatures', () => {
  let emzano: RunningEmulator;
  let work: string;
  let userId: string;
  let keys: CryptoKeyPair;
  let certificate: string;

  const call = async (path: string, init: RequestInit) => {
    const response = await fetch(`${emzano.url}${path}`, { ...init, headers: { Authorization: KEY, ...(init.headers ?? {}) } });
    return response;
  };

  before(async () => {
    emzano = await startEmulatorServer({ apiKey: KEY });
    work = mkdtempSync(join(tmpdir(), 'emzano-dss-'));
    ({ userId, keys, certificate } = await readySigner(emzano, KEY));
  });
  after(async () => {
    await emzano.close();
    rmSync(work, { recursive: true, force: true });
  });

  function dssForm(pdf: Uint8Array<ArrayBuffer>, field: Field, page: { width: number; height: number }): FormData {
    const form = new FormData();
    form.append('FormFile', new Blob([pdf], { type: 'application/pdf' }), 'document.pdf');
    form.append('SignerCertificate', certificate);
    form.append('UserId', userId);
    const values = {
      X: field.x,
      Y: field.y,
      Width: field.width,
      Height: field.height,
      Page: field.page,
      PageWidth: page.width,
      PageHeight: page.height,
    };
    for (const [name, value] of Object.entries(values)) form.append(`SignField.${name}`, String(value));
    return form;
  }

  async function sign(pdf: Uint8Array<ArrayBuffer>, field: Field, page: { width: number; height: number }): Promise<Uint8Array> {
    const digest = await call('/api/v1/external/dss/digest', { method: 'POST', body: dssForm(pdf, field, page) });
    const body = await digest.json();
    assert.equal(digest.status, 200, JSON.stringify(body));
    const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', keys.privateKey, Buffer.from(body.Data.Digest, 'base64'));
    const form = dssForm(pdf, field, page);
    form.append('SignedDigest', Buffer.from(signature).toString('base64'));
    const put = await call('/api/v1/external/dss/put-sign', { method: 'POST', body: form });
    assert.equal(put.status, 200);
    assert.equal(put.headers.get('content-type'), 'application/pdf');
    return new Uint8Array(await put.arrayBuffer());
  }

  /** Grey pixels of one page as poppler renders it (rotation applied, annotations drawn). */
  function render(pdfPath: string, page: number): { width: number; height: number; pixels: Buffer } {
    const out = join(work, 'render');
    execFileSync('pdftoppm', ['-gray', '-r', '72', '-f', String(page), '-l', String(page), '-singlefile', pdfPath, out]);
    const pgm = readFileSync(`${out}.pgm`);
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    return { width: Number(header[1]), height: Number(header[2]), pixels: pgm.subarray(header[0].length) };
  }

  /** Where the signing added ink, and whether it reads as an upright "L". */
  function addedInk(before: ReturnType<typeof render>, after: ReturnType<typeof render>) {
    const changed: Array<[number, number]> = [];
    for (let y = 0; y < after.height; y++)
      for (let x = 0; x < after.width; x++) {
        const i = y * after.width + x;
        if (Math.abs((after.pixels[i] as number) - (before.pixels[i] as number)) > 60) changed.push([x, y]);
      }
    const xs = changed.map(([x]) => x);
    const ys = changed.map(([, y]) => y);
    const box = { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
    const midX = (box.left + box.right) / 2;
    const midY = (box.top + box.bottom) / 2;
    return {
      box,
      count: changed.length,
      leftHeavy: changed.filter(([x]) => x < midX).length > changed.filter(([x]) => x > midX).length * 1.3,
      bottomHeavy: changed.filter(([, y]) => y > midY).length > changed.filter(([, y]) => y < midY).length * 1.3,
    };
  }

  const shapes: Array<{ name: string; file: string; field: Field; seen: 'landscape' }> = [
    {
      name: 'an upright page (page 2 of 3)',
      file: 'upright.pdf',
      field: { page: 2, x: 100, y: 150, width: 150, height: 60 },
      seen: 'landscape',
    },
    {
      name: 'a page with /Rotate 90',
      file: 'rotate-90.pdf',
      field: { page: 1, x: 120, y: 200, width: 60, height: 150 },
      seen: 'landscape',
    },
    {
      name: 'a page with /Rotate 270',
      file: 'rotate-270.pdf',
      field: { page: 1, x: 300, y: 400, width: 60, height: 150 },
      seen: 'landscape',
    },
    {
      name: 'a page whose crop box is offset',
      file: 'cropbox-offset.pdf',
      field: { page: 1, x: 40, y: 50, width: 150, height: 60 },
      seen: 'landscape',
    },
    {
      name: 'a page inheriting box and rotation from /Pages',
      file: 'inherited.pdf',
      field: { page: 1, x: 80, y: 100, width: 60, height: 150 },
      seen: 'landscape',
    },
  ];

  for (const shape of shapes) {
    it(`signs ${shape.name}: pdfsig says valid, the widget is where it was placed, the signature reads upright`, async () => {
      const original = fixture(shape.file);
      const source = await PDFDocument.load(original);
      const sourcePage = source.getPage(shape.field.page - 1);
      const crop = sourcePage.getCropBox();
      const signed = await sign(original, shape.field, { width: crop.width, height: crop.height });

      const path = join(work, `signed-${shape.file}`);
      writeFileSync(path, signed);
      const report = execFileSync('pdfsig', [path], { encoding: 'utf8' });
      assert.match(report, /Signature Validation: Signature is Valid\./, report);
      assert.match(report, /Signer Certificate Common Name: Test Signer/, report);
      assert.match(report, /Total document signed/, report);

      // The widget's /Rect, in default user space: the crop box's corner plus the field.
      const output = await PDFDocument.load(signed);
      const annotations = output.getPage(shape.field.page - 1).node.Annots() as PDFArray;
      const widget = output.context.lookup(annotations.get(annotations.size() - 1), PDFDict);
      const rect = (widget.lookup(PDFName.of('Rect'), PDFArray).asArray() as PDFNumber[]).map((value) => value.asNumber());
      const expected = [
        crop.x + shape.field.x,
        crop.y + shape.field.y,
        crop.x + shape.field.x + shape.field.width,
        crop.y + shape.field.y + shape.field.height,
      ];
      rect.forEach((value, i) => assert.ok(Math.abs(value - expected[i]!) <= 1, `Rect ${rect} vs ${expected}`));

      // As displayed (poppler applies /Rotate), the new ink is a landscape "L", upright.
      const originalPath = join(work, `original-${shape.file}`);
      writeFileSync(originalPath, original);
      const ink = addedInk(render(originalPath, shape.field.page), render(path, shape.field.page));
      assert.ok(ink.count > 200, 'the signature is visible');
      assert.ok(ink.box.right - ink.box.left > ink.box.bottom - ink.box.top, `landscape as seen: ${JSON.stringify(ink.box)}`);
      assert.ok(ink.leftHeavy && ink.bottomHeavy, `reads upright: ${JSON.stringify(ink)}`);
    });
  }

  it('refuses a signature that is not over the digest, and a put-sign without a digest', async () => {
    const pdf = fixture('upright.pdf');
    const field = { page: 1, x: 50, y: 50, width: 150, height: 60 };
    const page = { width: 595, height: 842 };
    const digest = await (await call('/api/v1/external/dss/digest', { method: 'POST', body: dssForm(pdf, field, page) })).json();
    assert.ok(digest.Data.Digest);
    const forged = dssForm(pdf, field, page);
    forged.append('SignedDigest', Buffer.from(new Uint8Array(256).fill(7)).toString('base64'));
    assert.deepEqual(await (await call('/api/v1/external/dss/put-sign', { method: 'POST', body: forged })).json(), {
      code: 3015,
      message: 'SignedDigest is not a valid signature of the digest by the certificate’s key.',
    });
    const other = dssForm(pdf, { ...field, x: 51 }, page);
    other.append('SignedDigest', 'AAAA');
    assert.equal((await (await call('/api/v1/external/dss/put-sign', { method: 'POST', body: other })).json()).code, 3026);
  });

  it('refuses bad PDFs, certificates and fields with Emzano codes', async () => {
    const page = { width: 595, height: 842 };
    const field = { page: 1, x: 50, y: 50, width: 150, height: 60 };
    const codeFor = async (form: FormData) =>
      (await (await call('/api/v1/external/dss/digest', { method: 'POST', body: form })).json()).code;
    assert.equal(await codeFor(dssForm(fixture('not-a-pdf.pdf'), field, page)), 3019);
    assert.equal(await codeFor(dssForm(fixture('encrypted.pdf'), field, page)), 3019);
    assert.equal(await codeFor(dssForm(fixture('upright.pdf'), { ...field, page: 9 }, page)), 3027);
    const badCertificate = dssForm(fixture('upright.pdf'), field, page);
    badCertificate.set('SignerCertificate', Buffer.from('not a certificate').toString('base64'));
    assert.equal(await codeFor(badCertificate), 3017);
    const missing = dssForm(fixture('upright.pdf'), field, page);
    missing.delete('SignField.Width');
    assert.equal(await codeFor(missing), 3025);
  });
});
