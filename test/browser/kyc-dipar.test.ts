/**
 * `<emzano-kyc provider="dipar">` against the host's `createDiparHandler` in front of the strict
 * Dipar emulator, with Chromium's fake camera: every step the operator allows, what reached the
 * broker (paths, field names and casing, `fileData`, document types, the served sentence sent
 * back), the signed result the host reads, and the refusals (a blurred or glared card photo, a
 * video the broker does not accept, exhausted tries, an expired token).
 */
import { expect } from '@open-wc/testing';
import '../../src/emzano-kyc.js';
import type { EmzanoSignaturePad } from '../../src/components/signature-pad/emzano-signature-pad.js';
import type { EmzanoKyc } from '../../src/components/kyc/emzano-kyc.js';
import type { EmzanoCompleteEvent, EmzanoErrorEvent, EmzanoStepEvent } from '../../src/events/kyc-events.js';
import { buttonNamed, drawStroke, findButton, nextEvent, until } from '../helpers/dom.js';
import {
  cardPhoto,
  chooseFile,
  diparRequests,
  diparResult,
  expireDiparTokens,
  FULL_PROFILE,
  mountDipar,
  queueVerdicts,
  resetDipar,
  setDiparProfile,
} from '../helpers/dipar.js';
import { fillBirthDate, input, NATIONAL_CODE, PHONE, recordASecond, shadow, stepIs } from '../helpers/kyc.js';
import { type } from '../helpers/dom.js';
import { DEMO_ADMITTANCE } from '../../demo/emulator/dipar/dipar-host.js';
import { testEnv } from '../helpers/env.js';
import { expectHashesVerify, openEvidence } from '../helpers/evidence.js';

async function start(element: EmzanoKyc): Promise<void> {
  await until(() => input(element, 'birth-year') !== null, 'the start form with the birth date');
  type(input(element, 'phone'), PHONE);
  type(input(element, 'national-code'), NATIONAL_CODE);
  await fillBirthDate(element, '۱۳۷۰', 5, 12);
  buttonNamed(shadow(element), 'Continue').click();
}

async function sign(element: EmzanoKyc): Promise<void> {
  await stepIs(element, 'signature');
  expect(findButton(shadow(element), 'Skip'), 'the broker cannot finish without the signature').to.equal(undefined);
  const pad = shadow(element).querySelector('emzano-signature-pad') as EmzanoSignaturePad;
  await pad.updateComplete;
  await drawStroke(pad.shadowRoot!.querySelector('canvas')!, [
    [20, 40],
    [80, 90],
    [160, 40],
    [220, 80],
  ]);
  buttonNamed(shadow(element), 'Send signature').click();
}

/** Records on the step on screen and sends; resolves with the sentence that was shown. */
async function record(element: EmzanoKyc, step: string): Promise<string> {
  await stepIs(element, step);
  await until(() => findButton(shadow(element), 'Start recording')?.disabled === false, 'camera and sentence ready');
  const sentence = shadow(element).querySelector('.sentence-text')!.textContent!;
  await recordASecond(element);
  buttonNamed(shadow(element), 'Send video').click();
  return sentence;
}

async function photograph(element: EmzanoKyc, step: string, side: 'front' | 'back'): Promise<void> {
  await stepIs(element, step);
  await until(() => findButton(shadow(element), 'Take photo')?.disabled === false, 'the document camera');
  chooseFile(element, await cardPhoto({ side }));
  await until(() => shadow(element).querySelector('[part~="photo-accepted"]') !== null, 'the photo accepted');
  buttonNamed(shadow(element), 'Send photo').click();
}

const body = (request: { json?: unknown }) => request.json as Record<string, unknown>;

describe('<emzano-kyc provider="dipar">', () => {
  beforeEach(async () => {
    await resetDipar();
    await setDiparProfile(FULL_PROFILE);
  });

  it('runs every step the operator allows, sends what the reference specifies, and the host reads a verified, signed result', async function () {
    this.timeout(90_000);
    const element = await mountDipar();
    const steps: string[] = [];
    element.addEventListener('emzano-step', (event: EmzanoStepEvent) => steps.push(event.detail.step));
    const completed = nextEvent<EmzanoCompleteEvent>(element, 'emzano-complete', 80_000);
    expect(shadow(element).querySelector('[part="progress"]')!.textContent).to.equal('Step 1 of 7: Sign up');

    await start(element);
    await sign(element);
    const sentence = await record(element, 'video');
    const statement = await record(element, 'admittance');
    expect(statement).to.equal(DEMO_ADMITTANCE);
    expect(shadow(element).querySelector('[part="heading"]')!.textContent).to.equal('Statement video');

    // The card's front: the camera's own still, judged (the fake camera shows no card: refused), then a chosen photo.
    await stepIs(element, 'card-front');
    await until(() => findButton(shadow(element), 'Take photo')?.disabled === false, 'the document camera');
    expect(shadow(element).querySelector('.card-guide')).to.not.equal(null);
    buttonNamed(shadow(element), 'Take photo').click();
    await until(() => shadow(element).querySelector('[part~="photo-problem"]') !== null, 'the still judged');
    expect(shadow(element).querySelector('[part~="photo-problem"]')!.textContent).to.contain('blurred');
    expect(buttonNamed(shadow(element), 'Send photo').disabled).to.equal(true);
    expect(
      (await diparRequests()).some((request) => request.path.endsWith('/SavePersonDocument')),
      'nothing sent',
    ).to.equal(false);
    buttonNamed(shadow(element), 'Take another').click();
    await photograph(element, 'card-front', 'front');
    await photograph(element, 'card-back', 'back');

    const { detail } = await completed;
    expect(steps).to.deep.equal(['signature', 'video', 'admittance', 'card-front', 'card-back', 'done']);
    expect(detail.provider).to.equal('dipar');
    expect(detail.session).to.equal(undefined);

    const requests = (await diparRequests()).filter((request) => !request.path.startsWith('/__'));
    expect(requests.map((request) => `${request.method} ${request.path}`)).to.deep.equal([
      'POST /api/Inquiry/SetToken',
      'POST /api/Inquiry/GetTokenProviderProperties',
      'POST /api/Inquiry/SaveSignature',
      'POST /api/media/GetRandomText',
      'POST /api/Inquiry/SendProbVideoByToken',
      'POST /api/Inquiry/GetAdmittanceText',
      'POST /api/Inquiry/SendAdmittanceVideoByToken',
      'POST /api/Inquiry/SavePersonDocument',
      'POST /api/Inquiry/SavePersonDocument',
      'POST /api/Inquiry/VerifyToken',
    ]);
    expect(requests.every((request) => request.status === 200 && request.exceptionCode === undefined)).to.equal(true);
    const tokenValue = body(requests[0]!)['tokenValue'];
    expect(tokenValue).to.be.a('string');
    const [, , signature, randomText, video, admittanceText, admittance, front, back, verify] = requests.map(body);
    const file = (part: Record<string, unknown> | undefined) => part!['fileData'] as Record<string, unknown>;
    expect(Object.keys(signature!).sort()).to.deep.equal(['fileData', 'tokenValue']);
    expect(signature!['tokenValue']).to.equal(tokenValue);
    expect(file(signature)).to.include({ name: 'FileData', fileName: 'Signature.png' });
    expect(file(signature)['content']).to.match(/^iVBORw0KGgo/); // a PNG, in base64
    expect(randomText).to.deep.equal({ type: 1, count: 1 });
    expect(Object.keys(video!).sort()).to.deep.equal(['faceThreshold', 'fileData', 'randomText', 'tokenValue', 'voiceThreshold']);
    expect(video).to.include({ tokenValue, randomText: sentence, faceThreshold: -1, voiceThreshold: -1 });
    expect(file(video)).to.include({ name: 'FileData', fileName: 'ProbVideo.webm' });
    expect(file(video)['content']).to.match(/^GkXfo/); // a WebM (EBML header), in base64
    expect(admittanceText).to.deep.equal({ tokenValue });
    expect(admittance).to.include({ tokenValue, randomText: '', faceThreshold: -1, voiceThreshold: -1 });
    expect(file(admittance)).to.include({ name: 'FileData', fileName: 'AdmittanceVideo.webm' });
    expect(front).to.include({ tokenValue, documentType: 101 });
    expect(file(front)).to.include({ name: 'FileData', fileName: 'IdCardFront.png' });
    expect(back).to.include({ tokenValue, documentType: 102 });
    expect(file(back)).to.include({ name: 'FileData', fileName: 'IdCardBack.png' });
    expect(verify).to.deep.equal({ tokenValue });

    const { result } = await diparResult();
    expect(result).to.include({ verified: true, kycStatus: 2, nationalCode: NATIONAL_CODE, orderId: detail.userId });

    // The evidence package holds every file sent, and the sentence and statement read.
    const evidence = await openEvidence(await element.exportEvidence());
    await expectHashesVerify(evidence);
    expect([...evidence.files.keys()].filter((name) => name !== 'manifest.json')).to.deep.equal([
      'signature.png',
      'video.webm',
      'admittance.webm',
      'card-front.png',
      'card-back.png',
    ]);
    expect(evidence.manifest).to.deep.include({ element: 'emzano-kyc', userId: detail.userId });
    expect(evidence.manifest.details).to.deep.include({ step: 'done', sentence, statement: DEMO_ADMITTANCE });
  });

  it('takes only the steps the operator’s profile allows', async function () {
    this.timeout(60_000);
    await setDiparProfile({ SignaturePermission: false, AdmittancePermission: false, PersonDocumentTypePermission: [101] });
    const element = await mountDipar();
    const steps: string[] = [];
    element.addEventListener('emzano-step', (event: EmzanoStepEvent) => steps.push(event.detail.step));
    const completed = nextEvent<EmzanoCompleteEvent>(element, 'emzano-complete', 50_000);
    await start(element);
    await stepIs(element, 'video');
    expect(shadow(element).querySelector('[part="progress"]')!.textContent).to.equal('Step 2 of 4: Selfie video');
    await record(element, 'video');
    await photograph(element, 'card-front', 'front');
    await completed;
    expect(steps).to.deep.equal(['video', 'card-front', 'done']);
    const paths = (await diparRequests()).map((request) => request.path);
    for (const refused of ['/SaveSignature', '/GetAdmittanceText', '/SendAdmittanceVideoByToken'])
      expect(
        paths.some((path) => path.endsWith(refused)),
        refused,
      ).to.equal(false);
    expect((await diparResult()).result?.verified).to.equal(true);
  });

  it('refuses a blurred or glared card photo before anything is sent, saying what to do, and keeps the step', async function () {
    this.timeout(60_000);
    await setDiparProfile({ SignaturePermission: false, VideoPermission: false, AdmittancePermission: false });
    const element = await mountDipar();
    await start(element);
    await stepIs(element, 'card-front');
    await until(() => findButton(shadow(element), 'Choose a photo instead') !== undefined, 'the file choice');
    const problem = () => shadow(element).querySelector('[part~="photo-problem"]')?.textContent ?? '';
    chooseFile(element, await cardPhoto({ blur: 6 }));
    await until(() => problem().includes('blurred'), 'blur refused');
    expect(shadow(element).querySelector('[part~="photo-problem"]')!.getAttribute('role')).to.equal('alert');
    expect(buttonNamed(shadow(element), 'Send photo').disabled).to.equal(true);
    chooseFile(element, await cardPhoto({ glare: true }));
    await until(() => problem().includes('reflection'), 'glare refused');
    expect((await diparRequests()).some((request) => request.path.endsWith('/SavePersonDocument'))).to.equal(false);
    chooseFile(element, await cardPhoto());
    await until(() => shadow(element).querySelector('[part~="photo-accepted"]') !== null, 'a clear photo accepted');
    expect(element.step).to.equal('card-front');
  });

  it('shows the broker’s verdict on a video it does not accept, and lets the person record again within the tries', async function () {
    this.timeout(60_000);
    await setDiparProfile({ SignaturePermission: false, AdmittancePermission: false, PersonDocumentTypePermission: [] });
    await queueVerdicts([3]);
    const element = await mountDipar();
    const errors: string[] = [];
    element.addEventListener('emzano-error', (event: EmzanoErrorEvent) => errors.push(String(event.detail.code)));
    const completed = nextEvent<EmzanoCompleteEvent>(element, 'emzano-complete', 50_000);
    await start(element);
    await record(element, 'video');
    await until(() => shadow(element).querySelector('[part="error"]') !== null, 'the verdict shown');
    const alert = shadow(element).querySelector('[part="error"]')!.textContent!;
    expect(alert).to.contain('did not match your photo at the civil registry');
    expect(alert).to.contain('record again');
    expect(findButton(shadow(element), 'Try again'), 'sending the same video again cannot help').to.equal(undefined);
    expect(errors).to.deep.equal(['dipar-video-3']);
    // The recording is still there to watch; Record again, then the second try is accepted.
    buttonNamed(shadow(element), 'Record again').click();
    await record(element, 'video');
    await completed;
    expect((await diparResult()).result?.verified).to.equal(true);
  });

  it('says what happens next when the tries are used up, and when the token has expired', async function () {
    this.timeout(60_000);
    await setDiparProfile({ SignaturePermission: false, AdmittancePermission: false, PersonDocumentTypePermission: [], VideoTryCount: 1 });
    await queueVerdicts([2]);
    const element = await mountDipar();
    await start(element);
    await record(element, 'video');
    await until(() => shadow(element).querySelector('[part="error"]')?.textContent?.includes('live person') === true, 'liveness verdict');
    buttonNamed(shadow(element), 'Record again').click();
    await record(element, 'video');
    await until(
      () => shadow(element).querySelector('[part="error"]')?.textContent?.includes('used all the attempts') === true,
      'tries used up',
    );
    expect(findButton(shadow(element), 'Start again')).to.not.equal(undefined);

    // A new verification; its token expires before the video is sent.
    buttonNamed(shadow(element), 'Start again').click();
    await stepIs(element, 'enrol');
    buttonNamed(shadow(element), 'Continue').click();
    await stepIs(element, 'video');
    await expireDiparTokens();
    await record(element, 'video');
    await until(() => shadow(element).querySelector('[part="error"]') !== null, 'expiry shown');
    expect(shadow(element).querySelector('[part="error"]')!.textContent).to.contain('timed out');
    expect(findButton(shadow(element), 'Start again')).to.not.equal(undefined);
    expect(shadow(element).querySelector('[part="playback"]'), 'the recording is kept').to.not.equal(null);
  });

  it('tells the broker when the person cancels (asked once more) or the page calls reset(): the token is aborted', async function () {
    this.timeout(30_000);
    const aborts = async () =>
      (await diparRequests()).filter((request) => request.path === '/api/Inquiry/AbortToken' && request.status === 200).length;
    const element = await mountDipar();
    await start(element);
    await stepIs(element, 'signature');
    buttonNamed(shadow(element), 'Cancel verification').click();
    await until(() => shadow(element).querySelector('[part="cancel-confirm"]') !== null, 'the question');
    expect(shadow(element).querySelector('[part="cancel-confirm"]')!.textContent).to.contain('discarded');
    buttonNamed(shadow(element), 'No, go on').click();
    await until(() => shadow(element).querySelector('[part="cancel-confirm"]') === null, 'the question withdrawn');
    expect(element.step).to.equal('signature');
    expect(await aborts()).to.equal(0);
    const back = nextEvent<EmzanoStepEvent>(element, 'emzano-step');
    buttonNamed(shadow(element), 'Cancel verification').click();
    await element.updateComplete;
    buttonNamed(shadow(element), 'Yes, cancel it').click();
    expect((await back).detail.step).to.equal('enrol');
    for (let i = 0; i < 50 && (await aborts()) < 1; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await aborts()).to.equal(1);

    // reset() from the page does the same.
    await start(element);
    await stepIs(element, 'signature');
    element.reset();
    for (let i = 0; i < 50 && (await aborts()) < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await aborts()).to.equal(2);
    expect(element.step).to.equal('enrol');
  });

  it('starts over when the page switches provider mid-attempt, telling Dipar the verification is given up', async function () {
    this.timeout(30_000);
    const element = await mountDipar();
    await start(element);
    await stepIs(element, 'signature');
    element.provider = 'emzano';
    element.tokenEndpoint = (await testEnv()).tokenEndpoint;
    await until(() => element.step === 'enrol', 'back to the start');
    await until(() => input(element, 'phone') !== null && input(element, 'birth-year') === null, "Emzano's first step");
    let aborted = false;
    for (let i = 0; i < 50 && !aborted; i++) {
      aborted = (await diparRequests()).some((request) => request.path === '/api/Inquiry/AbortToken' && request.status === 200);
      if (!aborted) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(aborted).to.equal(true);
  });
});
