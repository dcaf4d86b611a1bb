/**
 * The fault-injection suite: each call of the KYC and signing flows fails once with Emzano's
 * "service unavailable" (HTTP 500, code 2); the flow is driven as a person would (pressing
 * Try again when offered) and must finish with the right result, nothing lost, no duplicate
 * enrolment or upload.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/emzano-kyc.js';
import '../../src/emzano-sign-pdf.js';
import type { EmzanoKyc } from '../../src/components/kyc/emzano-kyc.js';
import type { EmzanoSignPdf } from '../../src/components/sign-pdf/emzano-sign-pdf.js';
import type { EmzanoSignaturePad } from '../../src/components/signature-pad/emzano-signature-pad.js';
import { bytesToBase64 } from '../../src/core/base64.js';
import type { EmzanoCompleteEvent } from '../../src/events/kyc-events.js';
import type { EmzanoSignedEvent } from '../../src/events/sign-pdf-events.js';
import { drawSignatureIfEmpty, findButton, type } from '../helpers/dom.js';
import { emulator, emulatorRequests, resetEmulator, setFaults, testEnv } from '../helpers/env.js';
import { fillBirthDate, input, mountKyc, NATIONAL_CODE, PHONE, shadow } from '../helpers/kyc.js';
import { clearSavedAttempts } from '../helpers/storage.js';
import { readySigner } from '../helpers/browser-signer.js';

const pause = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));
const button = findButton;

/** Drives <emzano-kyc> to `emzano-complete`, one sensible action at a time, pressing Try again when shown. */
async function driveKyc(element: EmzanoKyc): Promise<EmzanoCompleteEvent> {
  let completed: EmzanoCompleteEvent | undefined;
  element.addEventListener('emzano-complete', (event) => (completed = event), { once: true });
  const root = shadow(element);
  const deadline = performance.now() + 40_000;
  let typed = false;
  while (!completed) {
    if (performance.now() > deadline)
      throw new Error(`stuck at ${element.step}: ${root.querySelector('[role="alert"]')?.textContent ?? ''}`);
    await pause();
    if (root.querySelector('[aria-busy="true"]') || root.querySelector('[part="upload"]')) continue;
    const retry = button(root, 'Try again');
    if (retry) {
      retry.click();
      continue;
    }
    switch (element.step) {
      case 'enrol':
        if (!typed) {
          type(input(element, 'phone'), PHONE);
          type(input(element, 'national-code'), NATIONAL_CODE);
          typed = true;
        }
        button(root, 'Continue')?.click();
        break;
      case 'inquiry':
        if (root.querySelector('[part="person"]')) button(root, 'Continue')?.click();
        else {
          await fillBirthDate(element, '1370', 1, 1);
          type(input(element, 'card-serial'), '12345');
          button(root, 'Look up')?.click();
        }
        break;
      case 'video': {
        if (root.querySelector('[part="playback"]')) {
          button(root, 'Send video')?.click();
          break;
        }
        const start = button(root, 'Start recording');
        if (start && !start.disabled) {
          start.click();
          while (root.querySelector('[part="countdown"]')?.textContent !== '1 second left') await pause();
          button(root, 'Stop')?.click();
          while (!root.querySelector('[part="playback"]')) await pause();
        }
        break;
      }
      case 'signature': {
        await drawSignatureIfEmpty(root.querySelector('emzano-signature-pad') as EmzanoSignaturePad);
        button(root, 'Send signature')?.click();
        break;
      }
      default:
        break;
    }
  }
  return completed;
}

const KYC_CALLS = ['kyc/enroll', '/token', 'info-inquiry', 'random-text', 'face-recognition', 'upload-signature'];

describe('fault-injection suite', () => {
  beforeEach(() => Promise.all([resetEmulator(), clearSavedAttempts()]));

  for (const call of KYC_CALLS) {
    it(`KYC completes when ${call} fails once with HTTP 500 (code 2)`, async function () {
      this.timeout(60_000);
      await setFaults([{ kind: 'error', code: 2, path: call, times: 1 }]);
      const element = await mountKyc({ signature: 'required' });
      const { detail } = await driveKyc(element);
      expect(detail.signatureUploaded).to.equal(true);
      expect(detail.person?.name).to.be.a('string').and.not.equal('');

      const requests = await emulatorRequests();
      const succeeded = (path: string) => requests.filter((request) => request.path.endsWith(path) && request.status === 200);
      expect(
        requests.some((request) => request.path.includes(call) && request.status === 500),
        'the fault fired',
      ).to.equal(true);
      expect(succeeded('/kyc/enroll'), 'one enrolment').to.have.length(1);
      expect(succeeded('/face-recognition'), 'one video accepted').to.have.length(1);
      expect(succeeded('/upload-signature'), 'one signature accepted').to.have.length(1);
      const video = succeeded('/face-recognition')[0]!.parts!.find((part) => part.name === 'file')!;
      expect(video.size, 'the recording was not lost').to.be.greaterThan(1000);
    });
  }

  it('KYC completes with 5 s of latency on every call', async function () {
    this.timeout(90_000);
    await setFaults([{ kind: 'latency', ms: 5000 }]);
    const element = await mountKyc({ signature: 'required' });
    const { detail } = await driveKyc(element);
    expect(detail.signatureUploaded).to.equal(true);
    const requests = await emulatorRequests();
    expect(requests.filter((request) => request.path.endsWith('/kyc/enroll'))).to.have.length(1);
    expect(requests.every((request) => request.status === 200)).to.equal(true);
  });

  it('KYC resumes after a reload at the inquiry step, with what was typed, and completes', async function () {
    this.timeout(60_000);
    let element = await mountKyc({ signature: 'off' });
    type(input(element, 'phone'), PHONE);
    type(input(element, 'national-code'), NATIONAL_CODE);
    shadow(element).querySelector<HTMLButtonElement>('button.primary')!.click();
    while (element.step !== 'inquiry') await pause();
    await fillBirthDate(element, '1370', 1, 1);
    await pause(400); // the element batches its saves
    element.remove();

    element = await mountKyc({ signature: 'off' });
    while (element.step !== 'inquiry') await pause();
    expect(input(element, 'birth-year').value, 'the typed year is back').to.equal('1370');
    const { detail } = await driveKyc(element);
    expect(detail.person?.name).to.be.a('string').and.not.equal('');
    expect((await emulatorRequests()).filter((request) => request.path.endsWith('/kyc/enroll'))).to.have.length(1);
  });

  /** Mounts a signer on a rotated page and drives it to `emzano-signed`, pressing Try again when shown. */
  async function driveSigning(prepare: () => Promise<unknown>): Promise<Blob> {
    const { session, key, certificate } = await readySigner('Fault Signer');
    const { apiBase, tokenEndpoint } = await testEnv();
    await prepare();
    const element = await fixture<EmzanoSignPdf>(html`
      <emzano-sign-pdf
        src="/test/fixtures/rotate-90.pdf"
        api-base=${apiBase}
        token-endpoint=${tokenEndpoint}
        lang="en"
        .session=${session}
        .signingKey=${key}
        .certificate=${certificate}
      ></emzano-sign-pdf>
    `);
    const root = element.shadowRoot!;
    let signed: EmzanoSignedEvent | undefined;
    element.addEventListener('emzano-signed', (event) => (signed = event), { once: true });
    const deadline = performance.now() + 50_000;
    while (!signed) {
      if (performance.now() > deadline) throw new Error(`stuck: ${root.querySelector('[role="alert"]')?.textContent ?? ''}`);
      await pause();
      if (!root.querySelector('canvas') || root.querySelector('[aria-busy="true"]')) continue;
      const retry = button(root, 'Try again');
      if (retry) retry.click();
      else if (!element.field) button(root, 'Add signature field')?.click();
      else if (root.querySelector('emzano-signature-pad')) {
        await drawSignatureIfEmpty(root.querySelector('emzano-signature-pad') as EmzanoSignaturePad);
        button(root, 'Use this signature')?.click();
      } else button(root, 'Sign document')?.click();
    }
    return signed.detail.pdf;
  }

  const verifies = async (pdf: Blob) => {
    const report = (await executeServerCommand('pdfsig', { pdf: bytesToBase64(new Uint8Array(await pdf.arrayBuffer())) })) as string;
    expect(report).to.match(/Signature is Valid\./);
  };

  for (const call of ['upload-signature', 'dss/digest', 'dss/put-sign']) {
    it(`signing completes when ${call} fails once with HTTP 500 (code 2), and the signature verifies`, async function () {
      this.timeout(60_000);
      await verifies(await driveSigning(() => setFaults([{ kind: 'error', code: 2, path: call, times: 1 }])));
      const requests = await emulatorRequests();
      expect(
        requests.some((request) => request.path.includes(call) && request.status === 500),
        'the fault fired',
      ).to.equal(true);
      expect(requests.filter((request) => request.path.endsWith('/put-sign') && request.status === 200)).to.have.length(1);
    });
  }

  it('signing completes with 5 s of latency on every call', async function () {
    this.timeout(90_000);
    await verifies(await driveSigning(() => setFaults([{ kind: 'latency', ms: 5000 }])));
  });

  it('signing completes when the token has expired: one refresh, one replay', async function () {
    this.timeout(60_000);
    await verifies(await driveSigning(async () => void (await emulator('/expire-tokens', { method: 'POST' }))));
    const requests = await emulatorRequests();
    expect(requests.filter((request) => request.status === 401).length, 'one rejected call').to.equal(1);
  });
});
