/**
 * The chain in the browser: a certificate from the CA (the RA emulator, through the host's
 * certificate endpoint) for a key made in this browser, then `<emzano-sign-pdf>` with no signer set
 * signs with that key and certificate through DSS, and pdfsig, given an NSS database holding only
 * the RA's test root, calls the signature valid and the certificate trusted, signed by the
 * registered name. With no certificate held, it says so and offers one for a key made here; once it
 * is issued the signing goes on (a certificate whose key is in another browser is revoked first).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/emzano-certificate.js';
import '../../src/emzano-sign-pdf.js';
import type { EmzanoCertificate } from '../../src/components/certificate/emzano-certificate.js';
import type { EmzanoSignPdf } from '../../src/components/sign-pdf/emzano-sign-pdf.js';
import { bytesToBase64 } from '../../src/core/base64.js';
import type { EmzanoCertificateIssuedEvent } from '../../src/events/certificate-events.js';
import type { EmzanoErrorEvent } from '../../src/events/error-event.js';
import type { EmzanoSignedEvent } from '../../src/events/sign-pdf-events.js';
import { forgetSigningKey, loadSigningKey } from '../../src/store/key-store.js';
import { drawAndUseSignature, placeField, readySigner } from '../helpers/browser-signer.js';
import { buttonNamed, nextEvent, until, untilDocumentReady } from '../helpers/dom.js';
import { emulatorRequests, testEnv } from '../helpers/env.js';
import { clearSavedAttempts } from '../helpers/storage.js';

const signIn = (user: string) => (document.cookie = `test-user=${user}; path=/`);
const raRoot = async () => bytesToBase64(new Uint8Array(await (await fetch('/__ra/root.cer')).arrayBuffer()));
const base64Of = async (blob: Blob) => bytesToBase64(new Uint8Array(await blob.arrayBuffer()));

/** `<emzano-sign-pdf>` for the KYC'd person, with no signer, key or certificate: the held ones are used. */
async function mountSignPdf(user: string): Promise<EmzanoSignPdf> {
  const { session } = await readySigner();
  const { apiBase } = await testEnv();
  const element = await fixture<EmzanoSignPdf>(html`
    <emzano-sign-pdf
      src="/test/fixtures/upright.pdf"
      file-name="contract.pdf"
      api-base=${apiBase}
      lang="en"
      persist-key=${user}
      style="--emzano-sign-pdf-height: 420px; width: 640px"
      .session=${session}
    ></emzano-sign-pdf>
  `);
  await untilDocumentReady(element);
  await drawAndUseSignature(element);
  await placeField(element);
  return element;
}

/** A certificate card under `scope` that has got its certificate: the card, and what was issued. */
async function cardWithCertificate(scope: string) {
  const card = await fixture<EmzanoCertificate>(html`<emzano-certificate lang="en" persist-key=${scope}></emzano-certificate>`);
  await until(() => card.shadowRoot!.querySelector('[part~="primary-button"]') !== null, 'the card');
  const issued = nextEvent<EmzanoCertificateIssuedEvent>(card, 'emzano-certificate-issued');
  buttonNamed(card.shadowRoot!, 'Get my signing certificate').click();
  return { card, issued: (await issued).detail };
}

/** pdfsig trusts the signed PDF through the RA emulator's root alone, and names the signer. */
async function expectTrustedSignature(pdf: Blob): Promise<void> {
  const signed = await base64Of(pdf);
  const report = (await executeServerCommand('pdfsig-trusting', { pdf: signed, roots: [await raRoot()] })) as string;
  expect(report).to.match(/Signature Validation: Signature is Valid\./);
  expect(report).to.match(/Certificate Validation: Certificate is Trusted\./);
  expect(report).to.match(/Signer Certificate Common Name: Sara Ahmadi/);
  const untrusted = (await executeServerCommand('pdfsig-trusting', { pdf: signed, roots: [] })) as string;
  expect(untrusted, 'the trust comes from the chain to the RA root').to.not.match(/Certificate is Trusted/);
}

describe('<emzano-sign-pdf> with the certificate this browser holds', () => {
  let user = '';
  beforeEach(async () => {
    await Promise.all([fetch('/__ra/reset', { method: 'POST' }), clearSavedAttempts()]);
    user = `signing-${Math.random().toString(36).slice(2)}`;
    signIn(user);
  });
  afterEach(async () => {
    document.cookie = 'test-user=; path=/; max-age=0';
    await forgetSigningKey(user);
  });

  it('signs with the held key and certificate: valid, trusted through the RA root, signed by the registered name', async function () {
    this.timeout(60_000);
    const { card, issued } = await cardWithCertificate(user);
    const certificate = issued.certificate;
    card.remove();

    const element = await mountSignPdf(user);
    const signed = nextEvent<EmzanoSignedEvent>(element, 'emzano-signed', 40_000);
    buttonNamed(element.shadowRoot!, 'Sign document').click();
    const { pdf } = (await signed).detail;
    await expectTrustedSignature(pdf);
    // The certificate DSS embedded is the one the CA issued for this browser's key.
    const put = (await emulatorRequests()).find((entry) => entry.path.endsWith('/dss/put-sign'));
    expect(put!.parts!.find((part) => part.name === 'SignerCertificate')?.value).to.equal(certificate);
  });

  it('with none held, says so and offers a certificate for a key made here; once issued, the signing goes on', async function () {
    this.timeout(60_000);
    const element = await mountSignPdf(user);
    const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    buttonNamed(element.shadowRoot!, 'Sign document').click();
    expect((await failed).detail).to.include({ code: 'certificate-missing', step: 'sign' });
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('no signing certificate for you in this browser');
    const offer = element.shadowRoot!.querySelector('[part="certificate-offer"]')!;
    expect(offer.textContent).to.contain('this browser, on this device');
    await expect(element).shadowDom.to.be.accessible();

    const issued = nextEvent<EmzanoSignedEvent>(element, 'emzano-signed', 40_000);
    buttonNamed(offer, 'Get my signing certificate').click();
    const { pdf } = (await issued).detail;
    await expectTrustedSignature(pdf);
    expect(element.shadowRoot!.querySelector('[part="certificate-offer"]'), 'the offer is gone').to.equal(null);
    expect((await loadSigningKey(user))!.certificate!.status).to.equal('issued');
  });

  it('when the CA holds a certificate whose key is in another browser, revokes it (superseded) and signs with a new one', async function () {
    this.timeout(60_000);
    // Another browser of the same person got one: its key is under another scope.
    const { card: laptop, issued: theirs } = await cardWithCertificate(`${user}-laptop`);
    const other = theirs.serialNumber;
    laptop.remove();
    await forgetSigningKey(`${user}-laptop`);

    const element = await mountSignPdf(user);
    buttonNamed(element.shadowRoot!, 'Sign document').click();
    await until(() => element.shadowRoot!.querySelector('[part="certificate-offer"]') !== null, 'the offer');
    const exists = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    buttonNamed(element.shadowRoot!.querySelector('[part="certificate-offer"]')!, 'Get my signing certificate').click();
    expect((await exists).detail.code).to.equal('certificate-exists');
    await element.updateComplete;
    const signed = nextEvent<EmzanoSignedEvent>(element, 'emzano-signed', 40_000);
    buttonNamed(element.shadowRoot!.querySelector('[part="certificate-offer"]')!, 'Revoke it and get one for this browser').click();
    await signed;
    const listed = (await (
      await fetch('/api/emzano/certificate', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"action":"status"}',
      })
    ).json()) as { certificates: { serialNumber: string; status: string }[] };
    expect(listed.certificates.find((entry) => entry.serialNumber === other)?.status).to.equal('revoked');
    expect(listed.certificates.filter((entry) => entry.status === 'issued').length).to.equal(1);
  });

  it('refuses to sign with a revoked certificate, and says so', async function () {
    this.timeout(60_000);
    const { card } = await cardWithCertificate(user);
    await card.updateComplete;
    buttonNamed(card.shadowRoot!, 'Revoke…').click();
    await card.updateComplete;
    const revoked = nextEvent(card, 'emzano-certificate-revoked');
    buttonNamed(card.shadowRoot!, 'Revoke the certificate').click();
    await revoked;
    card.remove();

    const element = await mountSignPdf(user);
    const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    buttonNamed(element.shadowRoot!, 'Sign document').click();
    expect((await failed).detail.code).to.equal('certificate-revoked');
    await until(() => element.shadowRoot!.querySelector('[part="certificate-offer"]') !== null, 'a new certificate offered');
  });
});
