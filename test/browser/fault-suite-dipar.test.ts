/**
 * The fault-injection suite for Dipar: each broker call of a complete verification fails once
 * (HTTP 500 with Dipar's envelope and an `ExceptionCode` of 0, "unknown"), or the connection
 * drops; `<emzano-kyc provider="dipar">` is driven as a person would (pressing Try again when it is
 * offered) and must finish verified, with each step accepted once and nothing the person made lost.
 */
import { expect } from '@open-wc/testing';
import '../../src/emzano-kyc.js';
import type { EmzanoKyc } from '../../src/components/kyc/emzano-kyc.js';
import type { EmzanoCompleteEvent } from '../../src/events/kyc-events.js';
import { findButton, type } from '../helpers/dom.js';
import {
  diparRequests,
  diparResult,
  FULL_PROFILE,
  mountDipar,
  passDiparStep,
  resetDipar,
  setDiparFaults,
  setDiparProfile,
} from '../helpers/dipar.js';
import { fillBirthDate, input, NATIONAL_CODE, PHONE, shadow } from '../helpers/kyc.js';

const pause = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

/** Drives the element to `emzano-complete`, pressing Try again when shown; each step is passed once. */
async function driveDipar(element: EmzanoKyc): Promise<EmzanoCompleteEvent> {
  let completed: EmzanoCompleteEvent | undefined;
  element.addEventListener('emzano-complete', (event) => (completed = event), { once: true });
  const root = shadow(element);
  const passed = new Set<string>();
  const deadline = performance.now() + 60_000;
  while (!completed) {
    if (performance.now() > deadline)
      throw new Error(`stuck at ${element.step}: ${root.querySelector('[role="alert"]')?.textContent ?? ''}`);
    await pause();
    if (root.querySelector('[aria-busy="true"]') || root.querySelector('[part="upload"]')) continue;
    const retry = findButton(root, 'Try again');
    if (retry) {
      retry.click();
      continue;
    }
    if (findButton(root, 'Start again')) throw new Error(`one failure ended the verification at ${element.step}`);
    if (element.step === 'enrol') {
      if (!input(element, 'birth-year')) continue;
      if (!passed.has('enrol')) {
        type(input(element, 'phone'), PHONE);
        type(input(element, 'national-code'), NATIONAL_CODE);
        await fillBirthDate(element, '1370', 5, 12);
        passed.add('enrol');
      }
      root.querySelector<HTMLButtonElement>('button.primary')?.click();
      await pause(200);
    } else if (element.step !== 'done' && !passed.has(element.step)) {
      passed.add(element.step);
      await passDiparStep(element);
    }
  }
  return completed;
}

/** Every broker call of a complete verification with the full profile. */
const CALLS = [
  '/api/Inquiry/SetToken',
  '/api/Inquiry/GetTokenProviderProperties',
  '/api/Inquiry/SaveSignature',
  '/api/media/GetRandomText',
  '/api/Inquiry/SendProbVideoByToken',
  '/api/Inquiry/GetAdmittanceText',
  '/api/Inquiry/SendAdmittanceVideoByToken',
  '/api/Inquiry/SavePersonDocument',
  '/api/Inquiry/VerifyToken',
];
const UPLOADS = ['/SaveSignature', '/SendProbVideoByToken', '/SendAdmittanceVideoByToken'];

describe('fault-injection suite: Dipar', () => {
  beforeEach(async () => {
    await resetDipar();
    await setDiparProfile(FULL_PROFILE);
  });

  for (const call of CALLS) {
    it(`a Dipar verification completes when ${call} fails once (HTTP 500, ExceptionCode 0)`, async function () {
      this.timeout(90_000);
      await setDiparFaults([{ kind: 'error', code: 0, path: call, times: 1 }]);
      const element = await mountDipar();
      const { detail } = await driveDipar(element);
      expect(detail.provider).to.equal('dipar');
      const requests = await diparRequests();
      expect(
        requests.some((request) => request.path === call && request.status === 500),
        'the fault fired',
      ).to.equal(true);
      const accepted = (path: string) =>
        requests.filter((request) => request.path.endsWith(path) && request.status === 200 && !request.exceptionCode);
      for (const upload of UPLOADS) expect(accepted(upload), `${upload} accepted once`).to.have.length(1);
      const documents = accepted('/SavePersonDocument').map((request) => (request.json as { documentType: number }).documentType);
      expect(documents.sort(), 'each side of the card accepted once').to.deep.equal([101, 102]);
      const video = accepted('/SendProbVideoByToken')[0]!.json as { fileData: { content: string } };
      expect(Number(/\((\d+) chars\)/.exec(video.fileData.content)?.[1]), 'the recording was not lost').to.be.greaterThan(1000);
      expect((await diparResult()).result?.verified).to.equal(true);
    });
  }

  it('a Dipar verification completes when the connection drops on the card photo, sending it again', async function () {
    this.timeout(90_000);
    await setDiparFaults([{ kind: 'drop', path: '/api/Inquiry/SavePersonDocument', times: 1 }]);
    const element = await mountDipar();
    await driveDipar(element);
    const requests = await diparRequests();
    expect(requests.some((request) => request.path.endsWith('/SavePersonDocument') && request.status === 0)).to.equal(true);
    expect((await diparResult()).result?.verified).to.equal(true);
  });

  it('a Dipar verification completes with 3 s of latency on every broker call', async function () {
    this.timeout(120_000);
    await setDiparFaults([{ kind: 'latency', ms: 3000 }]);
    const element = await mountDipar();
    await driveDipar(element);
    expect((await diparRequests()).every((request) => request.status === 200)).to.equal(true);
    expect((await diparResult()).result?.verified).to.equal(true);
  });
});
