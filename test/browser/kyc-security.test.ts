/**
 * <emzano-kyc> under the security review's findings. When the host's server kit refuses (a
 * visitor the host does not vouch for, an identity linked to another of the host's users) the
 * person is told plainly, in their language, once, and keeps what they typed; the test server's
 * signed-in user is the `test-user` cookie (web-test-runner.config.mjs). And the camera: a stream
 * that arrives late is stopped, overlapping openings leave one live stream, and moving the
 * element keeps the recording.
 */
import { expect } from '@open-wc/testing';
import '../../src/emzano-kyc.js';
import type { EmzanoErrorEvent } from '../../src/events/kyc-events.js';
import { buttonNamed, findButton, nextEvent, type, until } from '../helpers/dom.js';
import { emulatorRequests, resetEmulator, seedPerson } from '../helpers/env.js';
import { input, mountKyc, NATIONAL_CODE, PHONE, recordASecond, shadow, stepIs } from '../helpers/kyc.js';
import { clearSavedAttempts } from '../helpers/storage.js';

const signIn = (user: string) => (document.cookie = `test-user=${user}; path=/`);

describe('<emzano-kyc> security', () => {
  beforeEach(() => Promise.all([resetEmulator(), clearSavedAttempts()]));
  afterEach(() => (document.cookie = 'test-user=; path=/; max-age=0'));

  async function submit(lang: 'en' | 'fa') {
    const element = await mountKyc({ signature: 'off', lang });
    type(input(element, 'phone'), PHONE);
    type(input(element, 'national-code'), NATIONAL_CODE);
    const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    buttonNamed(shadow(element), lang === 'fa' ? 'ادامه' : 'Continue').click();
    return { element, detail: (await failed).detail };
  }

  it('tells a visitor the host does not vouch for that the site did not allow it, once, and keeps what was typed', async () => {
    signIn('anonymous');
    const { element, detail } = await submit('en');
    expect(detail).to.deep.include({ code: 'not-allowed', retryable: false, step: 'enrol' });
    expect(detail.message).to.equal("This site did not allow this. Please sign in again, or contact the site's support.");
    await element.updateComplete;
    const alert = shadow(element).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('did not allow');
    expect(alert.textContent, 'nothing to retry').not.to.contain('Try again');
    expect(input(element, 'phone').value).to.equal(PHONE);
    expect(input(element, 'national-code').value).to.equal(NATIONAL_CODE);
    expect(await emulatorRequests(), 'nothing reached Emzano').to.deep.equal([]);
  });

  it('tells a person whose identity is linked to another account so, in Persian, without saying whose', async () => {
    signIn('first-account');
    const enrolled = await fetch('/api/emzano/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phoneNumber: PHONE, nationalCode: NATIONAL_CODE }),
    });
    expect(enrolled.status).to.equal(200);
    signIn('second-account');
    const { element, detail } = await submit('fa');
    expect(detail).to.deep.include({ code: 'identity-taken', retryable: false });
    expect(detail.message).to.contain('به حساب دیگری متصل است');
    expect(JSON.stringify(detail)).not.to.contain('first-account');
    expect(input(element, 'national-code').value).to.equal(NATIONAL_CODE);
  });

  /** Reaches the video step of a person whose inquiry is done. */
  async function atVideoStep() {
    await seedPerson({ nationalCode: NATIONAL_CODE, phoneNumber: '09121234567', infoInquiry: true });
    const element = await mountKyc({ signature: 'off' });
    type(input(element, 'phone'), PHONE);
    type(input(element, 'national-code'), NATIONAL_CODE);
    buttonNamed(shadow(element), 'Continue').click();
    return element;
  }

  it('stops a camera stream that arrives after the element was removed: the light goes off at once', async function () {
    this.timeout(20_000);
    const media = navigator.mediaDevices;
    const real = media.getUserMedia.bind(media);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let late: MediaStream | undefined;
    let asked = false;
    media.getUserMedia = async (constraints) => {
      asked = true;
      const stream = await real(constraints);
      await gate;
      late = stream;
      return stream;
    };
    try {
      const element = await atVideoStep();
      await stepIs(element, 'video');
      await until(() => asked, 'the camera asked for');
      element.remove();
      await new Promise((resolve) => setTimeout(resolve, 0));
      release();
      await until(() => late !== undefined, 'the camera answered');
      await until(() => late!.getTracks().every((track) => track.readyState === 'ended'), 'the late stream stopped');
    } finally {
      media.getUserMedia = real;
    }
  });

  it('keeps the camera, the recording and the step when the element is moved in the page', async function () {
    this.timeout(30_000);
    const element = await atVideoStep();
    await stepIs(element, 'video');
    await until(() => findButton(shadow(element), 'Start recording')?.disabled === false, 'camera and sentence ready');
    await recordASecond(element);
    const stream = (shadow(element).querySelector('[part="preview"]') as HTMLVideoElement | null)?.srcObject as MediaStream | null;

    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    elsewhere.append(element); // removed and put back in one task, as frameworks move nodes
    await new Promise((resolve) => setTimeout(resolve, 50));
    await element.updateComplete;
    expect(shadow(element).querySelector('[part="playback"]'), 'the recording is still there').not.to.equal(null);
    expect(findButton(shadow(element), 'Send video')?.disabled).to.equal(false);
    if (stream)
      expect(
        stream.getTracks().some((track) => track.readyState === 'live'),
        'the camera still on',
      ).to.equal(true);
    elsewhere.remove();
  });

  it('leaves exactly one live camera and a ready step when an opening is overtaken by another', async function () {
    this.timeout(30_000);
    const media = navigator.mediaDevices;
    const real = media.getUserMedia.bind(media);
    const streams: MediaStream[] = [];
    let calls = 0;
    let releaseFirst!: () => void;
    const firstGate = new Promise<void>((resolve) => (releaseFirst = resolve));
    media.getUserMedia = async (constraints) => {
      const first = ++calls === 1;
      const stream = await real(constraints);
      streams.push(stream);
      if (first) await firstGate; // the first answer comes last
      return stream;
    };
    try {
      const element = await atVideoStep();
      await stepIs(element, 'video');
      await until(() => calls === 1, 'the first opening asked');
      const parent = element.parentElement!;
      element.remove();
      await new Promise((resolve) => setTimeout(resolve, 0)); // removed for good: released
      parent.append(element); // back: the camera opens again, while the first answer is still out
      await until(() => calls === 2, 'the second opening asked');
      await until(() => findButton(shadow(element), 'Start recording')?.disabled === false, 'ready with the second stream');
      releaseFirst();
      await until(
        () => streams.length === 2 && streams[0]!.getTracks().every((track) => track.readyState === 'ended'),
        'the first stream stopped',
      );
      const preview = shadow(element).querySelector('[part="preview"]') as HTMLVideoElement;
      expect(preview.srcObject).to.equal(streams[1]);
      expect(streams[1]!.getTracks().every((track) => track.readyState === 'live')).to.equal(true);
      expect(findButton(shadow(element), 'Start recording')?.disabled).to.equal(false);
    } finally {
      media.getUserMedia = real;
    }
  });
});
