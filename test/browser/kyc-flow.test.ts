import { expect, fixture, html } from '@open-wc/testing';
import '../../src/emzano-kyc.js';
import type { EmzanoSignaturePad } from '../../src/components/signature-pad/emzano-signature-pad.js';
import type { EmzanoCompleteEvent, EmzanoErrorEvent, EmzanoStepEvent } from '../../src/events/kyc-events.js';
import { buttonNamed, drawStroke, nextEvent, type, until } from '../helpers/dom.js';
import { emulator, emulatorRequests, resetEmulator, seedPerson, setFaults, testEnv, type RecordedRequest } from '../helpers/env.js';
import {
  enrol,
  inquire,
  input,
  mountKyc,
  namesSeen,
  NATIONAL_CODE,
  PHONE,
  recordAndSend,
  recordNames,
  shadow,
  stepIs,
  fillBirthDate,
} from '../helpers/kyc.js';
import { clearSavedAttempts } from '../helpers/storage.js';
import { expectHashesVerify, openEvidence } from '../helpers/evidence.js';
import { sha256Hex } from '../../src/core/sha256.js';

describe('<emzano-kyc> complete run against the emulator', () => {
  beforeEach(() => Promise.all([resetEmulator(), clearSavedAttempts()]));

  it('enrols, inquires, records, signs and completes, sending exactly what the reference specifies', async function () {
    this.timeout(60_000);
    const element = await mountKyc();
    const steps: string[] = [];
    element.addEventListener('emzano-step', (event: EmzanoStepEvent) => steps.push(event.detail.step));
    const completed = nextEvent<EmzanoCompleteEvent>(element, 'emzano-complete', 50_000);

    await enrol(element);
    await inquire(element);
    const person = shadow(element).querySelector('[part="person"]')!.textContent!;
    expect(person).to.match(/[\u0600-\u06FF]/);
    buttonNamed(shadow(element), 'Continue').click();

    await recordAndSend(element);
    await stepIs(element, 'signature');
    const pad = shadow(element).querySelector('emzano-signature-pad') as EmzanoSignaturePad;
    await pad.updateComplete;
    await drawStroke(pad.shadowRoot!.querySelector('canvas')!, [
      [20, 40],
      [60, 80],
      [120, 50],
      [180, 90],
      [220, 60],
    ]);
    await pad.updateComplete;
    recordNames(element);
    buttonNamed(shadow(element), 'Send signature').click();

    const { detail } = await completed;
    expect(steps).to.deep.equal(['inquiry', 'video', 'signature', 'done']);
    expect(detail.signatureUploaded).to.equal(true);
    expect(detail.person?.name).to.be.a('string').and.not.equal('');
    expect(detail.userId).to.be.a('string').and.not.equal('');
    expect(detail.provider).to.equal('emzano');
    expect(detail.session?.userId).to.equal(detail.userId);
    expect(detail.session?.accessToken).to.match(/^emu_at_/);
    expect(detail.session?.expiresAt).to.be.greaterThan(Date.now() / 1000);

    // Every request Emzano received, in order, with paths, headers and bodies as documented.
    const requests = await emulatorRequests();
    expect(requests.map((request) => `${request.method} ${request.path}`)).to.deep.equal([
      'POST /api/v1/external/kyc/enroll',
      `POST /api/v1/external/user/${detail.userId}/token`,
      `POST /api/v1/external/kyc/${detail.userId}/info-inquiry`,
      'GET /api/v1/external/kyc/random-text',
      `POST /api/v1/external/kyc/${detail.userId}/face-recognition`,
      `POST /api/v1/external/kyc/${detail.userId}/upload-signature`,
    ]);
    expect(requests.every((request) => request.status === 200)).to.equal(true);
    const [enrolRequest, tokenRequest, inquiry, randomText, video, signature] = requests as [
      RecordedRequest,
      RecordedRequest,
      RecordedRequest,
      RecordedRequest,
      RecordedRequest,
      RecordedRequest,
    ];

    // Server-to-server (from the token handler): the raw API key, no scheme.
    expect(enrolRequest.authorization).to.equal('wtr-emulator-key');
    expect(enrolRequest.json).to.deep.equal({ PhoneNumber: '09121234567', NationalCode: NATIONAL_CODE });
    expect(tokenRequest.authorization).to.equal('wtr-emulator-key');

    // From the browser: the user token as a bearer token, never the API key.
    for (const request of [inquiry, randomText, video, signature]) {
      expect(request.authorization).to.match(/^Bearer emu_at_/);
    }
    expect(inquiry.contentType).to.equal('application/json');
    expect(inquiry.json).to.deep.equal({ birthDate: '1370-01-01', SerialNumber: '12345' });

    expect(video.contentType).to.match(/^multipart\/form-data; boundary=/);
    const [textPart, filePart] = video.parts!;
    expect(textPart!.name).to.equal('RandomText');
    expect(textPart!.value).to.match(/[\u0600-\u06FF]/);
    expect(filePart!.name).to.equal('file');
    expect(filePart!.fileName).to.match(/^video\.(mp4|webm)$/);
    expect(filePart!.type).to.equal(`video/${filePart!.fileName!.split('.')[1]}`);
    expect(filePart!.size).to.be.greaterThan(1000);

    expect(signature.parts!.map((part) => [part.name, part.fileName, part.type])).to.deep.equal([['Image', 'signature.png', 'image/png']]);

    // The uploaded video really plays: load the bytes Emzano received into a <video>.
    const { apiBase } = await testEnv();
    const videoBytes = await (await fetch(`${apiBase}/__emulator/uploads/${filePart!.uploadId}`)).blob();
    const player = document.createElement('video');
    player.muted = true;
    player.src = URL.createObjectURL(videoBytes);
    await new Promise((resolve, reject) => {
      player.addEventListener('loadeddata', resolve, { once: true });
      player.addEventListener('error', () => reject(new Error('the uploaded video does not decode')), { once: true });
    });
    expect(player.videoWidth).to.be.greaterThan(0);
    URL.revokeObjectURL(player.src);

    // The uploaded signature is a real, trimmed PNG.
    const png = await (await fetch(`${apiBase}/__emulator/uploads/${signature.parts![0]!.uploadId}`)).blob();
    const bitmap = await createImageBitmap(png);
    expect(bitmap.width).to.be.lessThan(pad.shadowRoot!.querySelector('canvas')!.width);
    expect(bitmap.height).to.be.greaterThan(0);

    // The evidence package holds exactly the bytes Emzano received, with hashes that verify.
    const evidence = await openEvidence(await element.exportEvidence({ password: 'archive' }), 'archive');
    await expectHashesVerify(evidence);
    expect(evidence.manifest).to.deep.include({ element: 'emzano-kyc', userId: detail.userId });
    expect(evidence.manifest.details).to.deep.include({ step: 'done', sentence: textPart!.value });
    expect(await sha256Hex(evidence.files.get(filePart!.fileName!)!)).to.equal(await sha256Hex(videoBytes));
    expect(await sha256Hex(evidence.files.get('signature.png')!)).to.equal(await sha256Hex(png));

    await expect(element).shadowDom.to.be.accessible();

    // Every control had an accessible name, and the English names say what they do.
    const names = [...namesSeen];
    expect(names).not.to.include('');
    for (const expected of ['Phone', 'National code', 'Birth date', 'Serial', 'Start recording', 'Stop', 'Send', 'Clear', 'Continue']) {
      expect(
        names.some((name) => name.includes(expected)),
        `a control named "${expected}" in ${JSON.stringify(names)}`,
      ).to.equal(true);
    }
  });

  it('skips the steps Emzano already has and leaves the signature out when off', async () => {
    await seedPerson({ nationalCode: NATIONAL_CODE, phoneNumber: '09121234567', infoInquiry: true });
    const element = await mountKyc({ signature: 'off' });
    await enrol(element);
    await stepIs(element, 'video');
    expect(shadow(element).querySelector('[part="progress"]')!.textContent).to.equal('Step 2 of 3: Selfie video');
  });

  it('takes the birth date in the Solar Hijri calendar, offering only the days the month has', async () => {
    const element = await mountKyc({ lang: 'fa' });
    type(input(element, 'phone'), PHONE);
    type(input(element, 'national-code'), NATIONAL_CODE);
    buttonNamed(shadow(element), 'ادامه').click();
    await stepIs(element, 'inquiry');
    const days = () =>
      [...(shadow(element).getElementById('birth-day') as HTMLSelectElement).options].filter((option) => option.value !== '');
    await fillBirthDate(element, '۱۴۰۰', 12, 29);
    await element.updateComplete;
    expect(days()).to.have.length(29, 'Esfand 1400 has 29 days');
    expect(days().at(-1)!.textContent).to.equal('۲۹', 'Persian digits');
    await fillBirthDate(element, '۱۳۹۹', 12, 30);
    await element.updateComplete;
    expect(days()).to.have.length(30, 'Esfand 1399, a leap year, has 30');
    const months = [...(shadow(element).getElementById('birth-month') as HTMLSelectElement).options].map((option) => option.textContent);
    expect(months.slice(1, 4)).to.deep.equal(['فروردین', 'اردیبهشت', 'خرداد']);
    // Esfand 30 → Esfand of a common year: the day moves back to 29.
    type(input(element, 'birth-year'), '1400');
    await element.updateComplete;
    expect((shadow(element).getElementById('birth-day') as HTMLSelectElement).value).to.equal('29');
  });

  it('flags bad input next to the field before any request, in the person’s language', async () => {
    const element = await mountKyc({ lang: 'fa' });
    type(input(element, 'phone'), '12345');
    type(input(element, 'national-code'), '0499370898');
    buttonNamed(shadow(element), 'ادامه').click();
    await element.updateComplete;
    const errors = [...shadow(element).querySelectorAll('[part="field-error"]')].map((node) => node.textContent);
    expect(errors).to.deep.equal([
      'شماره موبایل درست نیست. به شکل ۰۹xxxxxxxxx وارد کنید.',
      'این کد ملی معتبر نیست. رقم‌ها را دوباره بررسی کنید.',
    ]);
    expect(input(element, 'phone').getAttribute('aria-invalid')).to.equal('true');
    expect(input(element, 'phone').value, 'what was typed is kept').to.equal('12345');
    expect(shadow(element).querySelector('[part="base"]')!.getAttribute('dir')).to.equal('rtl');
    expect(await emulatorRequests()).to.have.length(0);
  });

  it('shows an Emzano failure with a retry that keeps what was typed, and fires emzano-error', async () => {
    const element = await mountKyc();
    await enrol(element);
    await stepIs(element, 'inquiry');
    await setFaults([{ kind: 'error', code: 1009, path: 'info-inquiry', times: 1 }]);
    const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    await fillBirthDate(element, '1370', 1, 1);
    type(input(element, 'card-serial'), '12345');
    buttonNamed(shadow(element), 'Look up').click();
    const { detail } = await failed;
    expect(detail).to.deep.equal({
      code: 1009,
      message: 'The civil-registry check failed. Please check your birth date and card serial.',
      step: 'inquiry',
      retryable: false,
    });
    await element.updateComplete;
    expect(shadow(element).querySelector('[role="alert"]')!.textContent).to.contain('civil-registry');
    expect(input(element, 'birth-year').value).to.equal('1370');
    expect((shadow(element).getElementById('birth-day') as HTMLSelectElement).value).to.equal('1');
    // The person fixes nothing and simply tries again: the fault is spent, so it succeeds.
    buttonNamed(shadow(element), 'Look up').click();
    await until(() => shadow(element).querySelector('[part="person"]') !== null, 'registry details');
  });

  it('retries an outage automatically and refreshes an expired token once', async () => {
    const element = await mountKyc({ signature: 'off' });
    await enrol(element);
    await stepIs(element, 'inquiry');
    await emulator('/expire-tokens', { method: 'POST' });
    await setFaults([{ kind: 'error', code: 2, path: 'info-inquiry', times: 1 }]);
    await inquire(element);
    const paths = (await emulatorRequests()).map((request) => `${request.status} ${request.path.replace(/\/kyc\/[^/]+\//, '/kyc/{id}/')}`);
    // The outage (500, code 2) is retried; the retry meets the expired token (401), which is
    // refreshed once through the token endpoint (a new user token) and the call replayed.
    expect(paths).to.deep.equal([
      '200 /api/v1/external/kyc/enroll',
      `200 ${paths[1]!.slice(4)}`,
      '500 /api/v1/external/kyc/{id}/info-inquiry',
      '401 /api/v1/external/kyc/{id}/info-inquiry',
      `200 ${paths[4]!.slice(4)}`,
      '200 /api/v1/external/kyc/{id}/info-inquiry',
    ]);
    expect(paths[4]).to.match(/\/user\/.+\/token$/);
  });

  it('keeps the recording when its upload fails, and sends it on retry', async function () {
    this.timeout(30_000);
    await seedPerson({ nationalCode: NATIONAL_CODE, phoneNumber: '09121234567', infoInquiry: true });
    const element = await mountKyc({ signature: 'off' });
    await enrol(element);
    await setFaults([{ kind: 'drop', path: 'face-recognition', times: 1 }]);
    const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    await recordAndSend(element);
    expect((await failed).detail.code).to.equal('network');
    await element.updateComplete;
    const playback = shadow(element).querySelector('[part="playback"]') as HTMLVideoElement;
    expect(playback, 'the recording is still there').to.not.equal(null);
    const completed = nextEvent<EmzanoCompleteEvent>(element, 'emzano-complete');
    buttonNamed(shadow(element), 'Try again').click();
    await completed;
    const uploads = (await emulatorRequests()).filter((request) => request.path.endsWith('/face-recognition'));
    expect(uploads.map((request) => request.status)).to.deep.equal([0, 200]);
  });

  it("offers to continue on a phone only when the page names the host's handoff endpoint", async () => {
    await seedPerson({ nationalCode: NATIONAL_CODE, phoneNumber: '09121234567', infoInquiry: true });
    const element = await mountKyc({ signature: 'off' });
    await enrol(element);
    await stepIs(element, 'video');
    const offer = () => shadow(element).querySelector('[part~="handoff-offer"]');
    expect(element.handoff, 'offered by default').to.equal('offer');
    expect(offer(), 'no handoff endpoint: nothing offered').to.equal(null);
    element.handoffEndpoint = '/api/emzano/handoff';
    await element.updateComplete;
    expect(offer(), 'offered once the endpoint is named').to.not.equal(null);
    element.handoff = 'off';
    await element.updateComplete;
    expect(offer()).to.equal(null);
  });

  it('reset() goes back to the first step with nothing kept', async () => {
    await seedPerson({ nationalCode: NATIONAL_CODE, phoneNumber: '09121234567', infoInquiry: true });
    const element = await mountKyc({ signature: 'off' });
    await enrol(element);
    await stepIs(element, 'video');
    const preview = () => shadow(element).querySelector('[part="preview"]') as HTMLVideoElement | null;
    await until(() => preview()?.srcObject != null, 'camera on');
    const stream = preview()!.srcObject as MediaStream;
    element.reset();
    await element.updateComplete;
    expect(element.step).to.equal('enrol');
    expect(input(element, 'phone').value).to.equal('');
    expect(
      stream.getTracks().every((track) => track.readyState === 'ended'),
      'camera released',
    ).to.equal(true);
  });

  it('follows a language change on the page, in place', async () => {
    const { apiBase, tokenEndpoint } = await testEnv();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="en"><emzano-kyc token-endpoint=${tokenEndpoint} api-base=${apiBase}></emzano-kyc></div>`,
    );
    const element = wrapper.querySelector('emzano-kyc')!;
    await element.updateComplete;
    type(input(element, 'phone'), '0912');
    expect(shadow(element).querySelector('[part="heading"]')!.textContent).to.equal('Sign up');
    wrapper.setAttribute('lang', 'fa');
    await until(() => shadow(element).querySelector('[part="heading"]')!.textContent === 'ثبت‌نام', 'Persian heading');
    expect(shadow(element).querySelector('[part="base"]')!.getAttribute('dir')).to.equal('rtl');
    expect(shadow(element).querySelector('[part="progress"]')!.textContent).to.equal('مرحلهٔ ۱ از ۵: ثبت‌نام');
    expect(input(element, 'phone').value, 'typed text survives').to.equal('0912');
  });

  it('releases the camera when the element is removed', async function () {
    this.timeout(20_000);
    await seedPerson({ nationalCode: NATIONAL_CODE, phoneNumber: '09121234567', infoInquiry: true });
    const element = await mountKyc({ signature: 'off' });
    await enrol(element);
    await stepIs(element, 'video');
    await until(() => (shadow(element).querySelector('[part="preview"]') as HTMLVideoElement | null)?.srcObject != null, 'camera on');
    const stream = (shadow(element).querySelector('[part="preview"]') as HTMLVideoElement).srcObject as MediaStream;
    expect(stream.getTracks().map((track) => track.readyState)).to.deep.equal(['live', 'live']);
    element.remove();
    // Let go a microtask later, once it is clear the element was not just moved.
    await Promise.resolve();
    expect(stream.getTracks().every((track) => track.readyState === 'ended')).to.equal(true);
  });
});
