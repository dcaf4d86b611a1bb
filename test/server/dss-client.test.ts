/**
 * The browser's DSS client and built-in WebCrypto signer, run in Node against the emulator over
 * HTTP with a user token: the fields sent are the reference's, and the PDF they produce verifies.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulatorServer, type RunningEmulator } from '../../demo/emulator/server.js';
import { DssClient } from '../../src/api/dss-client.js';
import { HttpClient } from '../../src/api/http.js';
import type { EmzanoError } from '../../src/core/errors.js';
import { webCryptoSigner } from '../../src/signing/signer.js';
import { signDocument } from '../../src/api/sign-document.js';
import { fixture, readySigner, type ReadySigner } from '../helpers/signer-setup.js';

const KEY = 'dss-client-key';

describe('DssClient with the WebCrypto signer', () => {
  let emzano: RunningEmulator;
  let signer: ReadySigner;
  let client: DssClient;
  let work: string;

  before(async () => {
    emzano = await startEmulatorServer({ apiKey: KEY });
    signer = await readySigner(emzano, KEY);
    const auth = { accessToken: async () => signer.accessToken, refresh: async () => undefined };
    client = new DssClient({ apiBase: emzano.url, auth, http: new HttpClient() });
    work = mkdtempSync(join(tmpdir(), 'emzano-dss-client-'));
  });
  after(async () => {
    await emzano.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('signs through digest and put-sign; pdfsig calls the result valid', async () => {
    const input = {
      pdf: new Blob([fixture('upright.pdf')], { type: 'application/pdf' }),
      fileName: 'contract.pdf',
      certificate: signer.certificate,
      userId: signer.userId,
      field: { page: 1, x: 72.004, y: 100, width: 180, height: 70, pageWidth: 595, pageHeight: 842 },
    };
    const digest = await client.digest(input);
    const signedDigest = await webCryptoSigner(signer.keys.privateKey)(digest, {
      userId: signer.userId,
      certificate: signer.certificate,
      field: input.field,
    });
    const pdf = await client.putSign(input, signedDigest);
    assert.equal(pdf.type, 'application/pdf');
    const path = join(work, 'signed.pdf');
    writeFileSync(path, new Uint8Array(await pdf.arrayBuffer()));
    assert.match(execFileSync('pdfsig', [path], { encoding: 'utf8' }), /Signature is Valid\./);

    const [digestCall, putSignCall] = emzano.emulator.requests().filter((request) => request.path.startsWith('/api/v1/external/dss/'));
    assert.equal(digestCall?.authorization, `Bearer ${signer.accessToken}`);
    assert.deepEqual(
      digestCall?.parts?.map((part) => [part.name, part.value ?? part.type]),
      [
        ['FormFile', 'application/pdf'],
        ['SignerCertificate', signer.certificate],
        ['UserId', signer.userId],
        ['SignField.X', '72'],
        ['SignField.Y', '100'],
        ['SignField.Width', '180'],
        ['SignField.Height', '70'],
        ['SignField.Page', '1'],
        ['SignField.PageWidth', '595'],
        ['SignField.PageHeight', '842'],
      ],
    );
    assert.deepEqual(putSignCall?.parts?.map((part) => part.name).slice(-1), ['SignedDigest']);
  });

  it('reports Emzano’s code when put-sign refuses', async () => {
    const input = {
      pdf: new Blob([fixture('upright.pdf')], { type: 'application/pdf' }),
      fileName: 'contract.pdf',
      certificate: signer.certificate,
      userId: signer.userId,
      field: { page: 1, x: 10, y: 10, width: 100, height: 40, pageWidth: 595, pageHeight: 842 },
    };
    await client.digest(input);
    await assert.rejects(
      client.putSign(input, Buffer.from('not a signature').toString('base64')),
      (error: EmzanoError) => error.code === 3015,
    );
  });

  it('signDocument runs the whole sequence from a PEM certificate and a key, with progress around the signer', async () => {
    const pem = `-----BEGIN CERTIFICATE-----\n${signer.certificate.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
    const progress: Array<number | undefined> = [];
    const pdf = await signDocument(
      client,
      {
        pdf: new Blob([fixture('rotate-90.pdf')], { type: 'application/pdf' }),
        fileName: 'turned.pdf',
        certificate: pem,
        userId: signer.userId,
        field: { page: 1, x: 100, y: 120, width: 150, height: 60, pageWidth: 595, pageHeight: 842 },
        signer: signer.keys.privateKey,
      },
      { onProgress: (fraction) => progress.push(fraction) },
    );
    const path = join(work, 'sequence.pdf');
    writeFileSync(path, new Uint8Array(await pdf.arrayBuffer()));
    assert.match(execFileSync('pdfsig', [path], { encoding: 'utf8' }), /Signature is Valid\./);
    // A bar for each upload, none while the signer works between them.
    assert.deepEqual(progress, [0, undefined, 0, undefined]);
  });

  it('signDocument refuses an unreadable certificate before anything is sent', async () => {
    const before = emzano.emulator.requests().length;
    await assert.rejects(
      signDocument(client, {
        pdf: new Blob([fixture('upright.pdf')], { type: 'application/pdf' }),
        fileName: 'contract.pdf',
        certificate: 'not a certificate',
        userId: signer.userId,
        field: { page: 1, x: 10, y: 10, width: 100, height: 40, pageWidth: 595, pageHeight: 842 },
        signer: async () => 'unused',
      }),
      (error: EmzanoError) => error.code === 'signer-missing',
    );
    assert.equal(emzano.emulator.requests().length, before);
  });

  it('signDocument stops when aborted while the signer works: put-sign is never called', async () => {
    const abort = new AbortController();
    const calls = () => emzano.emulator.requests().filter((request) => request.path.endsWith('/put-sign')).length;
    const before = calls();
    await assert.rejects(
      signDocument(
        client,
        {
          pdf: new Blob([fixture('upright.pdf')], { type: 'application/pdf' }),
          fileName: 'contract.pdf',
          certificate: signer.certificate,
          userId: signer.userId,
          field: { page: 1, x: 10, y: 10, width: 100, height: 40, pageWidth: 595, pageHeight: 842 },
          signer: async (digest, context) => {
            abort.abort();
            return webCryptoSigner(signer.keys.privateKey)(digest, context);
          },
        },
        { signal: abort.signal },
      ),
      (error: Error) => error.name === 'AbortError',
    );
    assert.equal(calls(), before);
  });
});
