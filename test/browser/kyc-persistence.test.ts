/** A reload in the middle of KYC loses nothing: the step, the details, the recording, the drawing. */
import { expect } from '@open-wc/testing';
import { keys, set } from 'idb-keyval';
import '../../src/emzano-kyc.js';
import type { EmzanoKyc } from '../../src/components/kyc/emzano-kyc.js';
import type { EmzanoSignaturePad } from '../../src/components/signature-pad/emzano-signature-pad.js';
import type { EmzanoCompleteEvent } from '../../src/events/kyc-events.js';
import { buttonNamed, drawStroke, nextEvent, until } from '../helpers/dom.js';
import { emulatorRequests, resetEmulator } from '../helpers/env.js';
import { attempts, clearSavedAttempts, KYC_PREFIX as PREFIX, savedAt, sha256, watchReopening } from '../helpers/storage.js';
import { enrol, inquire, mountKyc, NATIONAL_CODE, recordASecond, shadow, stepIs } from '../helpers/kyc.js';

/** What a reload does to the element: it is gone, and a new one starts on the same origin. */
async function reload(element: EmzanoKyc, attributes: { persist?: string } = {}): Promise<EmzanoKyc> {
  element.remove();
  const fresh = await mountKyc({ signature: 'required' });
  if (attributes.persist) fresh.setAttribute('persist', attributes.persist);
  return fresh;
}

describe('<emzano-kyc> across reloads', () => {
  beforeEach(() => Promise.all([resetEmulator(), clearSavedAttempts()]));

  it('resumes at the video step with the recording still there, and never enrols twice', async function () {
    this.timeout(40_000);
    let element = await mountKyc({ signature: 'required' });
    await enrol(element);
    await inquire(element);
    buttonNamed(shadow(element), 'Continue').click();
    await stepIs(element, 'video');
    await until(() => !buttonNamed(shadow(element), 'Start recording').disabled, 'camera ready');
    await recordASecond(element);
    await savedAt('video', (saved) => Boolean(saved.video));

    element = await reload(element);
    await until(
      () => element.step === 'video' && shadow(element).querySelector('[part="playback"]') !== null,
      'resumed with the recording',
    );
    expect(shadow(element).querySelector('[part="progress"]')!.textContent).to.equal('Step 3 of 5: Selfie video');
    buttonNamed(shadow(element), 'Send video').click();
    await stepIs(element, 'signature');

    const requests = await emulatorRequests();
    expect(requests.filter((request) => request.path.endsWith('/kyc/enroll'))).to.have.length(1);
    expect(
      requests.filter((request) => request.path.endsWith('/token')),
      'a fresh token after the reload',
    ).to.have.length(2);
    const upload = requests.find((request) => request.path.endsWith('/face-recognition'))!;
    expect(upload.status).to.equal(200);
    expect(upload.parts!.find((part) => part.name === 'file')!.size).to.be.greaterThan(1000);
  });

  it('keeps the drawn signature, as strokes, and completes; then forgets the attempt', async function () {
    this.timeout(40_000);
    const { seedPerson } = await import('../helpers/env.js');
    await seedPerson({ nationalCode: NATIONAL_CODE, phoneNumber: '09121234567', infoInquiry: true, faceRecognition: true });
    let element = await mountKyc({ signature: 'required' });
    await enrol(element);
    await stepIs(element, 'signature');
    const padOf = (host: EmzanoKyc) => shadow(host).querySelector('emzano-signature-pad') as EmzanoSignaturePad;
    await padOf(element).updateComplete;
    await drawStroke(padOf(element).shadowRoot!.querySelector('canvas')!, [
      [20, 30],
      [80, 90],
      [160, 40],
    ]);
    await savedAt('signature', (saved) => Boolean(saved.strokes?.length));
    const drawn = padOf(element).strokes;

    element = await reload(element);
    await stepIs(element, 'signature');
    await until(() => padOf(element)?.strokes.length === 1, 'the drawing is back');
    expect(padOf(element).strokes[0]!.points.length).to.equal(drawn[0]!.points.length);
    const completed = nextEvent<EmzanoCompleteEvent>(element, 'emzano-complete');
    buttonNamed(shadow(element), 'Send signature').click();
    expect((await completed).detail.signatureUploaded).to.equal(true);
    // The moment KYC completes, nothing of the attempt (registry answer, video, drawing) is kept.
    const kept = async () => (await keys(attempts())).map(String).filter((key) => key.startsWith(PREFIX));
    const deadline = performance.now() + 2000;
    while ((await kept()).length > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await kept(), 'the record deleted on completion').to.deep.equal([]);

    // Finished: a new element starts from the beginning.
    const reopening = watchReopening('emzano-kyc');
    element = await reload(element);
    await reopening.decided();
    reopening.stop();
    expect(element.step).to.equal('enrol');
  });

  it('keeps nothing with persist="off"', async function () {
    this.timeout(20_000);
    const element = await mountKyc({ signature: 'required' });
    element.setAttribute('persist', 'off');
    await enrol(element);
    await stepIs(element, 'inquiry');
    // Leaving writes at once what would be pending; with persist="off" nothing is.
    element.remove();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await keys(attempts())).filter((key) => String(key).startsWith(PREFIX))).to.deep.equal([]);
  });

  it('keeps nothing personal in a key, reopens work only under the same persist-key, and forgets it all on request', async function () {
    this.timeout(30_000);
    let element = await mountKyc({ signature: 'required', persistKey: 'user-a-hash' });
    await enrol(element);
    await stepIs(element, 'inquiry');
    await savedAt('inquiry', undefined, 'user-a-hash');
    const stored = (await keys(attempts())).map(String);
    expect(
      stored.some((key) => key.includes(NATIONAL_CODE) || key.includes('09121234567')),
      stored.join('\n'),
    ).to.equal(false);

    element.remove();
    const reopening = watchReopening('emzano-kyc', 'user-b-hash');
    element = await mountKyc({ signature: 'required', persistKey: 'user-b-hash' });
    await reopening.decided();
    reopening.stop();
    expect(element.step, 'another user on this device').to.equal('enrol');
    expect((shadow(element).getElementById('national-code') as HTMLInputElement).value).to.equal('');

    element.remove();
    element = await mountKyc({ signature: 'required', persistKey: 'user-a-hash' });
    await until(() => element.step === 'inquiry', 'reopened for the same user');

    await element.forgetPersisted();
    expect((await keys(attempts())).filter((key) => String(key).startsWith(PREFIX))).to.deep.equal([]);
  });

  it('sweeps old records, records no one points to, and keys of the earlier layout when it starts', async function () {
    const old = { savedAt: Date.now() - 3 * 24 * 3600 * 1000, scope: await sha256('scope:'), value: { step: 'inquiry' } };
    const oldRecord = 'a'.repeat(64);
    await set(`${PREFIX}attempt:${oldRecord}`, old, attempts());
    await set(`${PREFIX}current:${await sha256('scope:')}`, { record: oldRecord, id: 'x' }, attempts());
    await set(`${PREFIX}attempt:${'b'.repeat(64)}`, { ...old, savedAt: Date.now() }, attempts()); // pointed to by no one
    await set(`${PREFIX}attempt:${NATIONAL_CODE}`, { savedAt: Date.now(), value: { step: 'video' } }, attempts()); // the earlier layout
    await set(`${PREFIX}current`, NATIONAL_CODE, attempts());
    const element = await mountKyc({ signature: 'required' });
    const left = async () => (await keys(attempts())).map(String).filter((key) => key.startsWith(PREFIX));
    const deadline = performance.now() + 5000;
    while ((await left()).length > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await left()).to.deep.equal([]);
    expect(element.step, 'nothing reopened').to.equal('enrol');
  });
});
