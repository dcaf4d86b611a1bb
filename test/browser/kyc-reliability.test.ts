/** <emzano-kyc> under double submits, a page left in the background, and a lost connection. */
import { expect } from '@open-wc/testing';
import '../../src/emzano-kyc.js';
import type { EmzanoErrorEvent } from '../../src/events/kyc-events.js';
import { buttonNamed, nextEvent, type, until } from '../helpers/dom.js';
import { advanceClock, emulatorRequests, resetEmulator, seedPerson, setFaults, untilHeld } from '../helpers/env.js';
import { input, mountKyc, NATIONAL_CODE, PHONE, recordAndSend, shadow, stepIs, fillBirthDate } from '../helpers/kyc.js';
import { clearSavedAttempts } from '../helpers/storage.js';
import type { EmzanoCompleteEvent } from '../../src/events/kyc-events.js';

/** Pretends the page is shown or hidden, as a tab switch or a locked phone does. */
function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Pretends the browser lost or regained its connection. */
function setOnline(online: boolean) {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
  if (online) window.dispatchEvent(new Event('online'));
}

describe('<emzano-kyc> reliability', () => {
  beforeEach(() => Promise.all([resetEmulator(), clearSavedAttempts()]));
  afterEach(() => {
    setVisibility('visible');
    setOnline(true);
  });

  it('enrols once however often the person submits', async () => {
    const element = await mountKyc({ signature: 'off' });
    type(input(element, 'phone'), PHONE);
    type(input(element, 'national-code'), NATIONAL_CODE);
    const form = shadow(element).querySelector('form')!;
    buttonNamed(shadow(element), 'Continue').click();
    form.requestSubmit();
    buttonNamed(shadow(element), 'Continue').click();
    await stepIs(element, 'inquiry');
    const enrolments = (await emulatorRequests()).filter((request) => request.path.endsWith('/kyc/enroll'));
    expect(enrolments).to.have.length(1);
  });

  it('turns the camera off when the page stays hidden, and back on when the person returns', async function () {
    this.timeout(20_000);
    await seedPerson({ nationalCode: NATIONAL_CODE, phoneNumber: '09121234567', infoInquiry: true });
    const element = await mountKyc({ signature: 'off', cameraHiddenTimeout: 0.2 });
    type(input(element, 'phone'), PHONE);
    type(input(element, 'national-code'), NATIONAL_CODE);
    buttonNamed(shadow(element), 'Continue').click();
    await stepIs(element, 'video');
    const preview = () => shadow(element).querySelector('[part="preview"]') as HTMLVideoElement | null;
    await until(() => preview()?.srcObject != null, 'camera on');
    const first = preview()!.srcObject as MediaStream;

    setVisibility('hidden');
    await until(() => first.getTracks().every((track) => track.readyState === 'ended'), 'camera off while hidden');
    setVisibility('visible');
    await until(() => preview()?.srcObject != null && preview()!.srcObject !== first, 'camera back on');
    expect((preview()!.srcObject as MediaStream).getTracks().every((track) => track.readyState === 'live')).to.equal(true);
  });

  it('shows the upload’s progress and lets the person cancel it, keeping the recording to send again', async function () {
    this.timeout(30_000);
    await seedPerson({ nationalCode: NATIONAL_CODE, phoneNumber: '09121234567', infoInquiry: true });
    const element = await mountKyc({ signature: 'off' });
    type(input(element, 'phone'), PHONE);
    type(input(element, 'national-code'), NATIONAL_CODE);
    buttonNamed(shadow(element), 'Continue').click();
    await setFaults([{ kind: 'latency', ms: 5000, path: 'face-recognition', times: 1 }]);
    const errors: EmzanoErrorEvent[] = [];
    element.addEventListener('emzano-error', (event) => errors.push(event));
    await recordAndSend(element);
    await untilHeld(); // the upload reached Emzano, whose answer waits on the clock

    const bar = () => shadow(element).querySelector<HTMLProgressElement>('[part="upload-progress"]');
    await until(() => bar() !== null && bar()!.value > 0, 'upload progress shown');
    expect(shadow(element).querySelector('[part="upload"] span')!.textContent).to.match(/^Uploading: \d+%$/);
    // Screen readers hear it in quarters, from the live region.
    expect(shadow(element).querySelector('[part="announcer"]')!.textContent).to.match(/^Uploading: (0|25|50|75|100)%$/);
    buttonNamed(shadow(element), 'Cancel upload').click();
    await until(() => bar() === null, 'upload stopped');
    expect(shadow(element).querySelector('[part="playback"]'), 'the recording is kept').to.not.equal(null);
    expect(errors, 'a cancel is not an error').to.have.length(0);
    // The held answer goes out now, to no one, rather than during a later test.
    await advanceClock(5000);

    const completed = nextEvent<EmzanoCompleteEvent>(element, 'emzano-complete');
    buttonNamed(shadow(element), 'Send video').click();
    await completed;
  });

  for (const [name, code, message] of [
    ['NotAllowedError', 'camera-denied', 'Camera and microphone access was blocked. Allow it in your browser settings and try again.'],
    ['NotFoundError', 'camera-not-found', 'No camera or microphone was found. Connect one and try again.'],
    ['NotReadableError', 'camera-busy', 'Another app is using the camera. Close it and try again.'],
  ] as const) {
    it(`guides the person when the camera fails with ${name}, and tries again on request`, async function () {
      this.timeout(20_000);
      await seedPerson({ nationalCode: NATIONAL_CODE, phoneNumber: '09121234567', infoInquiry: true });
      const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      let fail = true;
      navigator.mediaDevices.getUserMedia = (constraints) => (fail ? Promise.reject(new DOMException('test', name)) : real(constraints));
      try {
        const element = await mountKyc({ signature: 'off' });
        const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
        type(input(element, 'phone'), PHONE);
        type(input(element, 'national-code'), NATIONAL_CODE);
        buttonNamed(shadow(element), 'Continue').click();
        expect((await failed).detail).to.deep.include({ code, message, step: 'video', retryable: true });
        await element.updateComplete;
        expect(shadow(element).querySelector('[role="alert"]')!.textContent).to.contain(message);
        fail = false;
        buttonNamed(shadow(element), 'Try again').click();
        await until(
          () => (shadow(element).querySelector('[part="preview"]') as HTMLVideoElement | null)?.srcObject != null,
          'camera on after retry',
        );
      } finally {
        navigator.mediaDevices.getUserMedia = real;
      }
    });
  }

  it('explains that MediaRecorder is missing in this browser', async function () {
    this.timeout(20_000);
    await seedPerson({ nationalCode: NATIONAL_CODE, phoneNumber: '09121234567', infoInquiry: true });
    const original = window.MediaRecorder;
    const element = await mountKyc({ signature: 'off' });
    type(input(element, 'phone'), PHONE);
    type(input(element, 'national-code'), NATIONAL_CODE);
    buttonNamed(shadow(element), 'Continue').click();
    await stepIs(element, 'video');
    const start = () => buttonNamed(shadow(element), 'Start recording');
    await until(() => !start().disabled, 'ready');
    const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    (window as { MediaRecorder?: unknown }).MediaRecorder = undefined;
    try {
      start().click();
      expect((await failed).detail).to.deep.include({ code: 'recorder-unsupported', retryable: false });
    } finally {
      window.MediaRecorder = original;
    }
  });

  it('says it is offline and carries on by itself when the connection returns, keeping what was typed', async function () {
    this.timeout(20_000);
    const element = await mountKyc({ signature: 'off' });
    type(input(element, 'phone'), PHONE);
    type(input(element, 'national-code'), NATIONAL_CODE);
    buttonNamed(shadow(element), 'Continue').click();
    await stepIs(element, 'inquiry');

    // The connection drops for every try of the inquiry, and the browser says it is offline.
    setOnline(false);
    await setFaults([{ kind: 'drop', path: 'info-inquiry', times: 3 }]);
    const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    await fillBirthDate(element, '1370', 1, 1);
    type(input(element, 'card-serial'), '12345');
    buttonNamed(shadow(element), 'Look up').click();
    expect((await failed).detail).to.deep.include({
      code: 'offline',
      message: 'You are offline. We will continue when you are back online.',
      retryable: true,
    });
    expect(input(element, 'birth-year').value).to.equal('1370');
    expect((shadow(element).getElementById('birth-day') as HTMLSelectElement).value).to.equal('1');

    setOnline(true);
    await until(() => shadow(element).querySelector('[part="person"]') !== null, 'the inquiry went through once back online');
  });
});
