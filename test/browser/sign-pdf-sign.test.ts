/**
 * Signing through <emzano-sign-pdf> in Chromium against the emulator, then proving the result
 * with poppler's pdfsig (an independent verifier) on every page shape.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/emzano-sign-pdf.js';
import type { EmzanoSignPdf } from '../../src/components/sign-pdf/emzano-sign-pdf.js';
import { bytesToBase64 } from '../../src/core/base64.js';
import type { EmzanoErrorEvent } from '../../src/events/kyc-events.js';
import type { EmzanoSignedEvent } from '../../src/events/sign-pdf-events.js';
import { clearSavedAttempts, watchReopening } from '../helpers/storage.js';
import { buttonNamed, findButton, has, nextEvent, until, untilDocumentReady } from '../helpers/dom.js';
import { advanceClock, emulatorRequests, setFaults, testEnv, untilHeld } from '../helpers/env.js';
import type { WidgetInfo } from '../helpers/pdf-commands.js';
import { drawAndUseSignature, mountSigner, placeField, readySigner } from '../helpers/browser-signer.js';
import { expectHashesVerify, openEvidence } from '../helpers/evidence.js';
import { sha256Hex } from '../../src/core/sha256.js';

const root = (element: EmzanoSignPdf) => element.shadowRoot!;

/** A signer, the element showing `file`, a drawn signature and a placed field: ready to press Sign. */
async function readyToSign(file: string) {
  const signer = await readySigner();
  const element = await mountSigner(file, signer);
  await drawAndUseSignature(element);
  await placeField(element);
  return { signer, element, field: element.field };
}

async function base64Of(blob: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
}

describe('<emzano-sign-pdf> signing through Emzano DSS', () => {
  beforeEach(() => clearSavedAttempts());
  for (const file of ['upright.pdf', 'rotate-90.pdf', 'rotate-270.pdf', 'cropbox-offset.pdf', 'inherited.pdf']) {
    it(`signs ${file}: pdfsig calls the signature valid and the widget sits on the placed field`, async function () {
      this.timeout(45_000);
      const signer = await readySigner();
      const element = await mountSigner(file, signer);
      await drawAndUseSignature(element);
      await placeField(element);
      const field = element.field!;
      const signed = nextEvent<EmzanoSignedEvent>(element, 'emzano-signed', 30_000);
      buttonNamed(root(element), 'Sign document').click();
      const { detail } = await signed;
      expect(detail.field).to.deep.equal(field);
      expect(detail.pdf.type).to.equal('application/pdf');

      const pdf = await base64Of(detail.pdf);
      const report = (await executeServerCommand('pdfsig', { pdf })) as string;
      expect(report).to.match(/Signature Validation: Signature is Valid\./);
      expect(report).to.match(/Signer Certificate Common Name: Browser Signer/);
      const [widget] = (await executeServerCommand('signature-widgets', { pdf })) as WidgetInfo[];
      expect(widget!.page).to.equal(field.page);
      const expected = [
        widget!.cropBox.x + field.x,
        widget!.cropBox.y + field.y,
        widget!.cropBox.x + field.x + field.width,
        widget!.cropBox.y + field.y + field.height,
      ];
      widget!.rect.forEach((value, i) => expect(value).to.be.closeTo(expected[i]!, 1));

      await until(() => root(element).querySelector('[part="download"]') !== null, 'download offered');
      expect(root(element).querySelector<HTMLAnchorElement>('[part="download"]')!.href).to.match(/^blob:/);
    });
  }

  it('sends the reference’s exact multipart fields with the user token', async function () {
    this.timeout(45_000);
    const signer = await readySigner();
    const element = await mountSigner('upright.pdf', signer);
    await drawAndUseSignature(element);
    element.field = { page: 2, x: 100.5, y: 200, width: 180, height: 70, pageWidth: 595, pageHeight: 842 };
    const signed = nextEvent<EmzanoSignedEvent>(element, 'emzano-signed', 30_000);
    await element.sign();
    await signed;
    const requests = (await emulatorRequests()).filter((request) => /upload-signature|dss/.test(request.path));
    expect(requests.map((request) => request.path.replace(/kyc\/[^/]+\//, 'kyc/{id}/'))).to.deep.equal([
      '/api/v1/external/kyc/{id}/upload-signature',
      '/api/v1/external/dss/digest',
      '/api/v1/external/dss/put-sign',
    ]);
    for (const request of requests) expect(request.authorization).to.equal(`Bearer ${signer.session.accessToken}`);
    const [, digest, putSign] = requests;
    expect(digest!.parts!.map((part) => [part.name, part.value ?? `${part.fileName} ${part.type}`])).to.deep.equal([
      ['FormFile', 'upright.pdf application/pdf'],
      ['SignerCertificate', signer.certificate],
      ['UserId', signer.session.userId],
      ['SignField.X', '100.5'],
      ['SignField.Y', '200'],
      ['SignField.Width', '180'],
      ['SignField.Height', '70'],
      ['SignField.Page', '2'],
      ['SignField.PageWidth', '595'],
      ['SignField.PageHeight', '842'],
    ]);
    expect(putSign!.parts!.map((part) => part.name)).to.deep.equal([...digest!.parts!.map((part) => part.name), 'SignedDigest']);
  });

  it('keeps the field and the signature when a DSS call fails, and signs on retry', async function () {
    this.timeout(45_000);
    const { element, field } = await readyToSign('upright.pdf');
    await setFaults([{ kind: 'error', code: 3014, path: 'dss/digest', times: 1 }]);
    const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    buttonNamed(root(element), 'Sign document').click();
    expect((await failed).detail).to.deep.include({ code: 3014, step: 'sign', retryable: true });
    await element.updateComplete;
    expect(element.field).to.deep.equal(field);
    expect(root(element).querySelector('[part="field"] img'), 'the signature is still in the field').to.not.equal(null);
    const signed = nextEvent<EmzanoSignedEvent>(element, 'emzano-signed', 30_000);
    buttonNamed(root(element), 'Try again').click();
    await signed;
  });

  it('exports an evidence zip whose manifest hashes verify, encrypted when a password is given', async function () {
    this.timeout(45_000);
    const { element, field, signer } = await readyToSign('upright.pdf');
    let refused: unknown;
    await element.exportEvidence().catch((error: unknown) => (refused = error));
    expect(refused, 'nothing to export before signing').to.have.property('code', 'evidence-unavailable');

    const signed = nextEvent<EmzanoSignedEvent>(element, 'emzano-signed', 30_000);
    buttonNamed(root(element), 'Sign document').click();
    const { detail } = await signed;

    const plain = await openEvidence(await element.exportEvidence());
    await expectHashesVerify(plain);
    expect([...plain.files.keys()].sort()).to.deep.equal(['signature.png', 'upright-signed.pdf']);
    expect(await sha256Hex(plain.files.get('upright-signed.pdf')!)).to.equal(await sha256Hex(detail.pdf));
    const original = await (await fetch('/test/fixtures/upright.pdf')).blob();
    expect(plain.manifest).to.deep.include({ format: 'emzano-evidence/1', element: 'emzano-sign-pdf', userId: signer.session.userId });
    expect(plain.manifest.details).to.deep.include({ field, originalSha256: await sha256Hex(original), fileName: 'upright.pdf' });
    expect(plain.encrypted.every((flag) => !flag)).to.equal(true);

    const locked = await element.exportEvidence({ password: 'correct horse' });
    expect(locked.type).to.equal('application/zip');
    let wrongPassword: unknown;
    await openEvidence(locked, 'wrong').catch((error: unknown) => (wrongPassword = error));
    expect(wrongPassword, 'a wrong password opens nothing').to.be.instanceOf(Error);
    const opened = await openEvidence(locked, 'correct horse');
    expect(opened.encrypted.every(Boolean), 'every entry encrypted').to.equal(true);
    await expectHashesVerify(opened);
  });

  it('keeps the document, the field and the signature across a reload, then forgets them once signed', async function () {
    this.timeout(45_000);
    const signer = await readySigner();
    const first = await mountSigner('upright.pdf', signer);
    await drawAndUseSignature(first);
    await placeField(first);
    const field = first.field;
    first.remove();

    // After the reload the host gives no document: the element brings back the one in progress.
    const { apiBase } = await testEnv();
    const element = await fixture<EmzanoSignPdf>(html`
      <emzano-sign-pdf
        api-base=${apiBase}
        lang="en"
        .session=${signer.session}
        .signingKey=${signer.key}
        .certificate=${signer.certificate}
      ></emzano-sign-pdf>
    `);
    await untilDocumentReady(element);
    await until(() => element.field !== undefined, 'work restored', 15_000);
    expect(element.field).to.deep.equal(field);
    expect(root(element).querySelector('[part="field"] img'), 'the drawn signature is back').to.not.equal(null);
    const signed = nextEvent<EmzanoSignedEvent>(element, 'emzano-signed', 30_000);
    buttonNamed(root(element), 'Sign document').click();
    expect((await signed).detail.field).to.deep.equal(field);
    expect(
      (await emulatorRequests()).filter((request) => request.path.endsWith('/upload-signature')),
      'not uploaded twice',
    ).to.have.length(1);

    element.remove();
    const reopening = watchReopening('emzano-sign-pdf');
    const after = await fixture<EmzanoSignPdf>(html`<emzano-sign-pdf lang="en"></emzano-sign-pdf>`);
    await reopening.decided();
    reopening.stop();
    await after.updateComplete;
    expect(has(root(after), '[part="status"]'), 'a kept document being opened').to.equal(false);
    expect(has(root(after), '[data-page]'), 'nothing kept once signed').to.equal(false);
  });

  it('shows the upload’s progress while signing and lets the person cancel, keeping field and signature', async function () {
    this.timeout(45_000);
    const { element, field } = await readyToSign('upright.pdf');
    await setFaults([{ kind: 'latency', ms: 5000, path: 'dss/digest', times: 1 }]);
    const errors: EmzanoErrorEvent[] = [];
    element.addEventListener('emzano-error', (event) => errors.push(event));
    buttonNamed(root(element), 'Sign document').click();
    await untilHeld(); // the digest reached Emzano, whose answer waits on the clock
    await until(() => root(element).querySelector('[part="upload-progress"]') !== null, 'upload progress shown');
    buttonNamed(root(element), 'Cancel upload').click();
    await until(
      () => root(element).querySelector('[part="upload"]') === null && !root(element).querySelector('[aria-busy="true"]'),
      'cancelled',
    );
    expect(errors, 'a cancel is not an error').to.have.length(0);
    expect(element.field).to.deep.equal(field);
    expect(root(element).querySelector('[part="field"] img')).to.not.equal(null);
    // The held answer goes out now, to no one, rather than during a later test.
    await advanceClock(5000);
    const signed = nextEvent<EmzanoSignedEvent>(element, 'emzano-signed', 30_000);
    buttonNamed(root(element), 'Sign document').click();
    await signed;
  });

  it('returns to placing and signing when the host sets the next document after a signing, by keyboard too', async function () {
    this.timeout(60_000);
    const { element } = await readyToSign('upright.pdf');
    const first = nextEvent<EmzanoSignedEvent>(element, 'emzano-signed', 30_000);
    buttonNamed(root(element), 'Sign document').click();
    await first;
    await until(() => has(root(element), '[part="download"]'), 'the signed state');

    // The host signs several documents one after another.
    element.pdf = await (await fetch('/test/fixtures/rotate-90.pdf')).blob();
    await until(() => findButton(root(element), 'Add signature field') !== undefined, 'placing offered again', 15_000);
    expect(has(root(element), '[part="download"]'), "the last document's download is gone").to.equal(false);
    expect(element.field, 'no field carried over').to.equal(undefined);

    buttonNamed(root(element), 'Add signature field').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => root(element).activeElement?.getAttribute('part') === 'field', 'the new field focused');
    const placed = element.field!;
    // The new field sits centred across the page, so it can always move sideways.
    await sendKeys({ press: 'ArrowRight' });
    await until(() => element.field !== placed, 'moved by the keyboard');
    expect(element.field!.x + element.field!.y).to.not.equal(placed.x + placed.y);
    expect(element.field!.page).to.equal(placed.page);

    // The signature drawn for the first document is still on file: Sign is offered at once.
    const sign = buttonNamed(root(element), 'Sign document');
    expect(sign.disabled).to.equal(false);
    const second = nextEvent<EmzanoSignedEvent>(element, 'emzano-signed', 30_000);
    sign.focus();
    await sendKeys({ press: 'Enter' });
    expect((await second).detail.field).to.deep.equal(element.field);
  });

  it('says what is missing: no certificate held here when nothing is set, the certificate when only a key is', async () => {
    const element = await fixture<EmzanoSignPdf>(
      html`<emzano-sign-pdf src="/test/fixtures/upright.pdf" lang="en" signature-on-file persist-key="nobody-here"></emzano-sign-pdf>`,
    );
    await untilDocumentReady(element);
    element.field = { page: 1, x: 10, y: 10, width: 100, height: 40, pageWidth: 595, pageHeight: 842 };
    let failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    await element.sign();
    expect((await failed).detail.code).to.equal('certificate-missing');
    const { privateKey } = (await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
      false,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    element.signingKey = privateKey;
    failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    await element.sign();
    expect((await failed).detail.code).to.equal('signer-missing');
  });
});
