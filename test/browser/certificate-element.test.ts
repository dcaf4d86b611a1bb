/**
 * `<emzano-certificate>` against the host's real certificate endpoint (createCertificateHandler)
 * in front of the strict RA emulator: none → making the key → requesting → issued → revoked, in
 * Persian and English with axe; the key non-extractable and kept with its certificate across a
 * reload; renewal revoking the old certificate; a certificate whose key is elsewhere; and each
 * failure with its own message and nothing lost.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import * as pkijs from 'pkijs';
import '../../src/emzano-certificate.js';
import type { EmzanoCertificate } from '../../src/components/certificate/emzano-certificate.js';
import { base64ToBytes } from '../../src/core/base64.js';
import { heldCredentials } from '../../src/certificate/certificate-holder.js';
import type { EmzanoError } from '../../src/core/errors.js';
import type { EmzanoCertificateIssuedEvent, EmzanoCertificateRevokedEvent } from '../../src/events/certificate-events.js';
import type { EmzanoErrorEvent } from '../../src/events/error-event.js';
import { forgetSigningKey, loadSigningKey, saveSigningKey } from '../../src/store/key-store.js';
import { buttonNamed, findButton, nextEvent, until } from '../helpers/dom.js';
import { resetEmulator, seedPerson, testEnv } from '../helpers/env.js';
import { enrol, NATIONAL_CODE, shadow, stepIs } from '../helpers/kyc.js';
import '../../src/emzano-kyc.js';
import type { EmzanoKyc } from '../../src/components/kyc/emzano-kyc.js';

const ENDPOINT = '/api/emzano/certificate';
const signIn = (user: string) => (document.cookie = `test-user=${user}; path=/`);
const ra = async <T = unknown>(path: string, init?: RequestInit): Promise<T> => (await fetch(`/__ra/${path}`, init)).json() as Promise<T>;
const raCalls = async () => (await ra<{ name: string; status: number }[]>('requests')).map((entry) => entry.name);

async function mount(lang: 'fa' | 'en', scope: string): Promise<EmzanoCertificate> {
  const element = await fixture<EmzanoCertificate>(html`<emzano-certificate lang=${lang} persist-key=${scope}></emzano-certificate>`);
  await settled(element);
  return element;
}

const root = (element: EmzanoCertificate) => element.shadowRoot!;
const part = (element: EmzanoCertificate, name: string) => root(element).querySelector<HTMLElement>(`[part~="${name}"]`);
const statusText = (element: EmzanoCertificate) => part(element, 'status')?.textContent?.trim() ?? '';

/** Resolves once the card is drawn and nothing is in flight. */
async function settled(element: EmzanoCertificate): Promise<void> {
  await until(() => part(element, 'base')?.getAttribute('aria-busy') === 'false', 'the card settled', 20_000);
  await element.updateComplete;
}

/** Presses the card's Get button (in `lang`) and resolves with the issued certificate once the card has settled. */
async function getCertificate(element: EmzanoCertificate, lang: 'en' | 'fa' = 'en') {
  const issued = nextEvent<EmzanoCertificateIssuedEvent>(element, 'emzano-certificate-issued');
  buttonNamed(root(element), lang === 'en' ? 'Get my signing certificate' : 'دریافت گواهی امضای من').click();
  const { detail } = await issued;
  await settled(element);
  return detail;
}

/** The endpoint's own word on the signed-in person's certificates. */
async function endpointStatus(): Promise<{ serialNumber: string; status: string }[]> {
  const response = await fetch(ENDPOINT, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"action":"status"}' });
  return ((await response.json()) as { certificates: { serialNumber: string; status: string }[] }).certificates;
}

describe('<emzano-certificate>', () => {
  let user = '';
  beforeEach(async () => {
    // The CA keeps one active certificate per person, and every test user is verified as the same person.
    await ra('reset', { method: 'POST' });
    user = `cert-${Math.random().toString(36).slice(2)}`;
    signIn(user);
  });
  afterEach(async () => {
    document.cookie = 'test-user=; path=/; max-age=0';
    await forgetSigningKey(user);
  });

  for (const lang of ['en', 'fa'] as const) {
    it(`goes from none to issued to revoked (${lang}, axe at each state)`, async function () {
      this.timeout(40_000);
      const words =
        lang === 'en'
          ? {
              get: 'Get my signing certificate',
              valid: 'Valid',
              revoke: 'Revoke…',
              revokeNow: 'Revoke the certificate',
              revoked: 'revoked',
            }
          : { get: 'دریافت گواهی امضای من', valid: 'معتبر', revoke: 'ابطال…', revokeNow: 'ابطال گواهی', revoked: 'باطل' };
      const element = await mount(lang, user);
      expect(part(element, 'base')!.getAttribute('dir')).to.equal(lang === 'fa' ? 'rtl' : 'ltr');
      expect(part(element, 'key-note')!.textContent).to.match(lang === 'en' ? /this browser, on this device/ : /همین مرورگر/);
      await expect(element).shadowDom.to.be.accessible();

      // None → making the key → requesting → issued, each said in the status line.
      const phases: string[] = [];
      const watcher = new MutationObserver(() => phases.push(part(element, 'status')!.dataset['state'] ?? ''));
      watcher.observe(root(element), { subtree: true, attributes: true, attributeFilter: ['data-state'] });
      const issued = nextEvent<EmzanoCertificateIssuedEvent>(element, 'emzano-certificate-issued');
      buttonNamed(root(element), words.get).click();
      const { detail } = await issued;
      await settled(element);
      watcher.disconnect();
      expect(phases).to.include.members(['making-key', 'requesting', 'issued']);
      expect(phases.indexOf('making-key')).to.be.below(phases.indexOf('requesting'));

      // The event's certificate is the CA's, for the key this browser made and kept, non-extractable.
      const certificate = pkijs.Certificate.fromBER(base64ToBytes(detail.certificate).buffer);
      expect(detail.serialNumber).to.match(/^[0-9a-f]+$/);
      expect(new Date(detail.notAfter).getTime()).to.equal(certificate.notAfter.value.getTime());
      const stored = await loadSigningKey(user);
      expect(stored!.keys.privateKey.extractable).to.equal(false);
      let exported = true;
      await crypto.subtle.exportKey('pkcs8', stored!.keys.privateKey).catch(() => (exported = false));
      expect(exported, 'exportKey rejects').to.equal(false);
      const spki = new Uint8Array(await crypto.subtle.exportKey('spki', stored!.keys.publicKey));
      expect(new Uint8Array(certificate.subjectPublicKeyInfo.toSchema().toBER(false))).to.deep.equal(spki);
      expect(stored!.certificate!.serialNumber).to.equal(detail.serialNumber);

      // The card: the registered identity's name, the issuer, the serial, both calendars, the .cer.
      expect(statusText(element)).to.contain(lang === 'en' ? 'ready' : 'آماده');
      const details = part(element, 'details')!.textContent!;
      expect(details).to.contain('Sara Ahmadi');
      expect(details).to.contain(detail.serialNumber);
      const year = String(certificate.notAfter.value.getFullYear());
      if (lang === 'en') {
        expect(details).to.contain(year);
        expect(details, 'Solar Hijri too').to.match(/\b14\d\d AP\b/);
      } else {
        expect(details, 'Solar Hijri in Persian digits').to.match(/۱۴[۰-۹]{2}/);
        expect(details, 'Gregorian too').to.contain(new Intl.NumberFormat('fa-IR', { useGrouping: false }).format(Number(year)));
      }
      const download = part(element, 'download') as HTMLAnchorElement;
      expect(download.getAttribute('download')).to.equal('Sara Ahmadi.cer');
      const der = new Uint8Array(await (await fetch(download.href)).arrayBuffer());
      expect(der).to.deep.equal(base64ToBytes(detail.certificate));
      await expect(element).shadowDom.to.be.accessible();

      // Revoke: a reason, a confirmation, then the CA and the endpoint say revoked.
      buttonNamed(root(element), words.revoke).click();
      await element.updateComplete;
      const reason = part(element, 'reason') as HTMLSelectElement;
      expect([...reason.options].map((option) => option.value)).to.deep.equal([
        'unspecified',
        'keyCompromise',
        'affiliationChanged',
        'superseded',
        'cessationOfOperation',
      ]);
      await expect(element).shadowDom.to.be.accessible();
      reason.value = 'keyCompromise';
      reason.dispatchEvent(new Event('change'));
      const revoked = nextEvent<EmzanoCertificateRevokedEvent>(element, 'emzano-certificate-revoked');
      buttonNamed(root(element), words.revokeNow).click();
      expect((await revoked).detail).to.deep.equal({ serialNumber: detail.serialNumber, reason: 'keyCompromise' });
      await settled(element);
      expect(statusText(element)).to.contain(lang === 'en' ? 'revoked' : 'باطل');
      expect(part(element, 'details')!.dataset['status']).to.equal('revoked');
      expect((await endpointStatus()).find((entry) => entry.serialNumber === detail.serialNumber)?.status).to.equal('revoked');
      expect(await raCalls()).to.include('RevokeCertificate');
      await expect(element).shadowDom.to.be.accessible();
    });
  }

  it('keeps the key and certificate across a reload, and shows a revocation made elsewhere', async function () {
    this.timeout(40_000);
    let element = await mount('en', user);
    const detail = await getCertificate(element);
    // A reload: the element is gone, and a new one starts on the same origin.
    element.remove();
    element = await mount('en', user);
    expect(part(element, 'details')!.textContent).to.contain(detail.serialNumber);
    expect(statusText(element)).to.equal('Valid');
    expect(findButton(root(element), 'Get my signing certificate'), 'no second certificate offered').to.equal(undefined);
    // Another scope on this browser holds nothing.
    element.remove();
    const stranger = await mount('en', `${user}-other`);
    expect(part(stranger, 'details')).to.equal(null);
    stranger.remove();
    // Revoked from another tab: the next reading shows it.
    await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'revoke', serialNumber: detail.serialNumber, reason: 'unspecified' }),
    });
    element = await mount('en', user);
    expect(statusText(element)).to.equal('Revoked');
    expect(buttonNamed(root(element), 'Get a new certificate')).to.exist;
  });

  it('renews: the old certificate revoked as superseded, a new key certified', async function () {
    this.timeout(40_000);
    const element = await mount('en', user);
    const old = await getCertificate(element);
    const oldKey = (await loadSigningKey(user))!.keys.publicKey;
    buttonNamed(root(element), 'Renew').click();
    await element.updateComplete;
    expect(part(element, 'confirm')!.textContent).to.contain('this certificate revoked');
    const revoked = nextEvent<EmzanoCertificateRevokedEvent>(element, 'emzano-certificate-revoked');
    const renewed = nextEvent<EmzanoCertificateIssuedEvent>(element, 'emzano-certificate-issued');
    buttonNamed(part(element, 'confirm')!, 'Renew').click();
    expect((await revoked).detail).to.deep.equal({ serialNumber: old.serialNumber, reason: 'superseded' });
    const fresh = (await renewed).detail;
    await settled(element);
    expect(fresh.serialNumber).to.not.equal(old.serialNumber);
    expect((await loadSigningKey(user))!.keys.publicKey).to.not.equal(oldKey);
    const listed = await endpointStatus();
    expect(listed.map((entry) => [entry.serialNumber, entry.status])).to.deep.equal([
      [old.serialNumber, 'revoked'],
      [fresh.serialNumber, 'issued'],
    ]);
    expect(statusText(element)).to.contain('ready');
  });

  it('offers to replace a certificate whose key is in another browser, after a confirmation', async function () {
    this.timeout(40_000);
    // Another browser got one: its key is in that browser's storage (another scope stands in for it).
    const other = await mount('en', `${user}-laptop`);
    const theirs = await getCertificate(other);
    other.remove();
    await forgetSigningKey(`${user}-laptop`);

    const element = await mount('en', user);
    expect(root(element).querySelector('.elsewhere')!.textContent).to.contain('another device or browser');
    buttonNamed(root(element), 'Revoke it and get one for this browser').click();
    await element.updateComplete;
    expect(part(element, 'confirm'), 'asked first').to.exist;
    const revoked = nextEvent<EmzanoCertificateRevokedEvent>(element, 'emzano-certificate-revoked');
    const issued = nextEvent<EmzanoCertificateIssuedEvent>(element, 'emzano-certificate-issued');
    buttonNamed(part(element, 'confirm')!, 'Revoke it and get one for this browser').click();
    expect((await revoked).detail).to.deep.equal({ serialNumber: theirs.serialNumber, reason: 'superseded' });
    expect((await issued).detail.serialNumber).to.not.equal(theirs.serialNumber);
    await settled(element);
    expect(root(element).querySelector('.elsewhere')).to.equal(null);
  });

  it('says why when the CA is unavailable, and the retry certifies the same key', async function () {
    this.timeout(40_000);
    await ra('available', { method: 'POST', body: '{"available":false}' });
    const element = await mount('en', user);
    const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    buttonNamed(root(element), 'Get my signing certificate').click();
    const { detail } = await failed;
    expect(detail).to.include({ code: 'ca-unavailable', step: 'certificate', retryable: true });
    await settled(element);
    expect(part(element, 'error')!.textContent).to.contain('certificate authority is not available');
    const waiting = (await loadSigningKey(user))!;
    expect(waiting.certificate, 'the key is kept, not certified yet').to.equal(undefined);

    await ra('available', { method: 'POST', body: '{"available":true}' });
    const issued = nextEvent<EmzanoCertificateIssuedEvent>(element, 'emzano-certificate-issued');
    buttonNamed(part(element, 'error')!, 'Try again').click();
    await issued;
    const after = (await loadSigningKey(user))!;
    expect(after.createdAt, 'the same key, certified').to.equal(waiting.createdAt);
    expect(part(element, 'error')).to.equal(null);
  });

  it('does not take the endpoint’s word: a certificate for another key is refused and not kept', async function () {
    this.timeout(40_000);
    const element = await mount('en', user);
    const old = await getCertificate(element);
    // A broken or hostile endpoint: it answers the renewal with the old certificate (the old key).
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      if (String(init?.body ?? '').includes('"issue"')) {
        const body = (await response.json()) as Record<string, unknown>;
        return new Response(JSON.stringify({ ...body, certificate: old.certificate }), { headers: { 'Content-Type': 'application/json' } });
      }
      return response;
    };
    try {
      buttonNamed(root(element), 'Renew').click();
      await element.updateComplete;
      const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
      let issued = false;
      element.addEventListener('emzano-certificate-issued', () => (issued = true));
      buttonNamed(part(element, 'confirm')!, 'Renew').click();
      expect((await failed).detail.code).to.equal('certificate-invalid');
      await settled(element);
      expect(issued).to.equal(false);
      expect(part(element, 'error')!.textContent).to.contain('did not match your key');
      expect((await loadSigningKey(user))!.certificate, 'nothing kept for the new key').to.equal(undefined);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('says so when the person has not been verified, in their language', async function () {
    this.timeout(20_000);
    signIn('unverified');
    const element = await mount('fa', 'unverified');
    const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    buttonNamed(root(element), 'دریافت گواهی امضای من').click();
    expect((await failed).detail).to.include({ code: 'identity-missing', retryable: false });
    await settled(element);
    expect(part(element, 'error')!.textContent).to.contain('هویت شما هنوز تأیید نشده است');
    expect(findButton(part(element, 'error')!, 'دوباره'), 'nothing to retry until verified').to.equal(undefined);
    await forgetSigningKey('unverified');
  });

  it('says when the certificate has expired, offers a new one, and signing refuses it', async function () {
    this.timeout(40_000);
    let element = await mount('en', user);
    await getCertificate(element);
    element.remove();
    // A year later: the certificate this browser holds is past its date.
    const stored = (await loadSigningKey(user))!;
    await saveSigningKey(user, { ...stored, certificate: { ...stored.certificate!, notAfter: new Date(Date.now() - 1000).toISOString() } });
    element = await mount('en', user);
    expect(statusText(element)).to.equal('Expired');
    expect(part(element, 'details')!.dataset['status']).to.equal('expired');
    expect(buttonNamed(root(element), 'Get a new certificate').disabled).to.equal(false);
    expect(findButton(root(element), 'Revoke…'), 'nothing to revoke').to.equal(undefined);
    await expect(element).shadowDom.to.be.accessible();
    // What <emzano-sign-pdf> signs with when no signer is set: refused, by its own code.
    const refused = await heldCredentials(user).catch((error: EmzanoError) => error.code);
    expect(refused).to.equal('certificate-expired');
  });

  it('says so when this browser cannot make a signing key, and keeps nothing', async function () {
    this.timeout(20_000);
    const element = await mount('en', user);
    const generateKey = crypto.subtle.generateKey;
    // A browser whose Web Crypto has no RSA: generateKey rejects.
    (crypto.subtle as { generateKey: unknown }).generateKey = () =>
      Promise.reject(new DOMException('Algorithm: Unrecognized name', 'NotSupportedError'));
    try {
      const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
      buttonNamed(root(element), 'Get my signing certificate').click();
      expect((await failed).detail).to.include({ code: 'webcrypto-unsupported', retryable: false });
      await settled(element);
      expect(part(element, 'error')!.textContent).to.contain('This browser cannot make a signing key');
      expect(await loadSigningKey(user)).to.equal(undefined);
      expect(await raCalls(), 'the CA was not asked').to.not.include('RegisterInfo');
    } finally {
      crypto.subtle.generateKey = generateKey;
    }
  });

  it('says when the CA refuses the registration, with its own message', async function () {
    this.timeout(20_000);
    await ra('faults', {
      method: 'POST',
      body: JSON.stringify({ rules: [{ kind: 'error', code: 105, status: 200, path: 'RegisterInfo', times: 1 }] }),
    });
    const element = await mount('fa', user);
    const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    buttonNamed(root(element), 'دریافت گواهی امضای من').click();
    expect((await failed).detail.code).to.equal('ca-refused');
    await settled(element);
    expect(part(element, 'error')!.textContent).to.contain('مرکز صدور گواهی درخواست را نپذیرفت');
  });

  it('reads well in the dark theme, the revoke confirmation included (axe, contrast too)', async function () {
    this.timeout(40_000);
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const element = await mount('fa', user);
      expect(getComputedStyle(part(element, 'base')!).backgroundColor).to.equal('rgb(22, 27, 34)');
      await getCertificate(element, 'fa');
      await expect(element).shadowDom.to.be.accessible();
      buttonNamed(root(element), 'ابطال…').click();
      await element.updateComplete;
      await expect(element).shadowDom.to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('refuses a certificate-endpoint that is not text, by name', async function () {
    const element = await mount('en', user);
    const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    (element as unknown as { certificateEndpoint: unknown }).certificateEndpoint = { url: '/x' };
    const { detail } = await failed;
    expect(detail.code).to.equal('invalid-property');
    expect(detail.detail).to.contain('certificateEndpoint');
    expect(element.certificateEndpoint).to.equal(ENDPOINT);
  });
});

describe('<emzano-kyc certificate="issue">', () => {
  const user = `kyc-cert-${Math.random().toString(36).slice(2)}`;
  beforeEach(async () => {
    await Promise.all([ra('reset', { method: 'POST' }), resetEmulator()]);
    signIn(user);
  });
  afterEach(async () => {
    document.cookie = 'test-user=; path=/; max-age=0';
    await forgetSigningKey(user);
  });

  it('ends with the certificate step: Continue once a certificate is held, then done says so', async function () {
    this.timeout(40_000);
    // KYC already complete at Emzano: enrolment leads straight to the certificate step.
    await seedPerson({ nationalCode: NATIONAL_CODE, phoneNumber: '09121234567', infoInquiry: true, faceRecognition: true });
    const { apiBase, tokenEndpoint } = await testEnv();
    const kyc = await fixture<EmzanoKyc>(html`
      <emzano-kyc
        token-endpoint=${tokenEndpoint}
        api-base=${apiBase}
        lang="en"
        signature="off"
        certificate="issue"
        persist-key=${user}
      ></emzano-kyc>
    `);
    await enrol(kyc);
    await stepIs(kyc, 'certificate');
    expect(shadow(kyc).querySelector('[part="progress"]')!.textContent).to.contain('Step 2 of 3');
    const card = shadow(kyc).querySelector<EmzanoCertificate>('emzano-certificate')!;
    await settled(card);
    const next = buttonNamed(shadow(kyc), 'Continue');
    expect(next.disabled, 'nothing held yet').to.equal(true);
    await expect(kyc).shadowDom.to.be.accessible();

    const issued = nextEvent<EmzanoCertificateIssuedEvent>(kyc, 'emzano-certificate-issued');
    buttonNamed(root(card), 'Get my signing certificate').click();
    await issued;
    await until(() => !buttonNamed(shadow(kyc), 'Continue').disabled, 'Continue enabled');
    const complete = nextEvent(kyc, 'emzano-complete');
    buttonNamed(shadow(kyc), 'Continue').click();
    await complete;
    await stepIs(kyc, 'done');
    expect(shadow(kyc).querySelector('[part="summary"]')!.textContent).to.contain('signing certificate is in this browser');
  });

  it('refuses certificate="yes" by name, with what it must be', async () => {
    const { apiBase, tokenEndpoint } = await testEnv();
    const kyc = await fixture<EmzanoKyc>(html`<emzano-kyc token-endpoint=${tokenEndpoint} api-base=${apiBase} lang="en"></emzano-kyc>`);
    const failed = nextEvent<EmzanoErrorEvent>(kyc, 'emzano-error');
    kyc.setAttribute('certificate', 'yes');
    const { detail } = await failed;
    expect(detail.detail).to.equal('certificate must be "issue" or "off"; got "yes".');
    expect(kyc.certificate).to.equal('off');
  });
});
