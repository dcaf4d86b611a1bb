/**
 * What a fault looks like to the person, once per element: a whole walk through `<emzano-kyc>`
 * and one through `<emzano-sign-pdf>`, each with a call failing once, driven as a person would
 * (pressing Try again when it is offered), ending with the right result and nothing lost; and a
 * reload in the middle that keeps what was typed. Every other fault, call by call (each call
 * failing, a dropped connection, an expired token, latency), is tested at the protocol level in
 * Node: test/faults/.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/emzano-kyc.js';
import '../../src/emzano-sign-pdf.js';
import type { EmzanoKyc } from '../../src/components/kyc/emzano-kyc.js';
import type { EmzanoSignPdf } from '../../src/components/sign-pdf/emzano-sign-pdf.js';
import type { EmzanoSignaturePad } from '../../src/components/signature-pad/emzano-signature-pad.js';
import { bytesToBase64 } from '../../src/core/base64.js';
import { sha256Hex } from '../../src/core/sha256.js';
import type { EmzanoCompleteEvent } from '../../src/events/kyc-events.js';
import type { EmzanoSignedEvent } from '../../src/events/sign-pdf-events.js';
import { actAsPerson, drawSignatureIfEmpty, failuresShown, findButton, type } from '../helpers/dom.js';
import { emulatorRequests, resetEmulator, setFaults, testEnv } from '../helpers/env.js';
import { openEvidence } from '../helpers/evidence.js';
import { fillBirthDate, input, mountKyc, NATIONAL_CODE, PHONE, recordASecond, shadow, stepIs } from '../helpers/kyc.js';
import { clearSavedAttempts, savedAt } from '../helpers/storage.js';
import { readySigner } from '../helpers/browser-signer.js';

/**
 * Drives <emzano-kyc> to `emzano-complete`, one sensible action at a time, pressing Try again when
 * shown; says how many recordings the person had to make.
 */
async function driveKyc(element: EmzanoKyc): Promise<{ completed: EmzanoCompleteEvent; recordings: number }> {
  let completed: EmzanoCompleteEvent | undefined;
  element.addEventListener('emzano-complete', (event) => (completed = event), { once: true });
  const root = shadow(element);
  let typed = false;
  let recordings = 0;
  await actAsPerson(
    element,
    () => completed !== undefined,
    async () => {
      switch (element.step) {
        case 'enrol':
          if (!typed) {
            type(input(element, 'phone'), PHONE);
            type(input(element, 'national-code'), NATIONAL_CODE);
            typed = true;
          }
          findButton(root, 'Continue')?.click();
          break;
        case 'inquiry':
          if (root.querySelector('[part="person"]')) findButton(root, 'Continue')?.click();
          else {
            await fillBirthDate(element, '1370', 1, 1);
            type(input(element, 'card-serial'), '12345');
            findButton(root, 'Look up')?.click();
          }
          break;
        case 'video': {
          if (root.querySelector('[part="playback"]')) {
            findButton(root, 'Send video')?.click();
            break;
          }
          const start = findButton(root, 'Start recording');
          if (start && !start.disabled) {
            recordings += 1;
            await recordASecond(element);
          }
          break;
        }
        case 'signature': {
          await drawSignatureIfEmpty(root.querySelector('emzano-signature-pad') as EmzanoSignaturePad);
          findButton(root, 'Send signature')?.click();
          break;
        }
        default:
          break;
      }
    },
  );
  return { completed: completed!, recordings };
}

describe('faults as the person sees them', () => {
  beforeEach(() => Promise.all([resetEmulator(), clearSavedAttempts()]));

  it('<emzano-kyc> completes when its video upload fails once: Try again sends the recording kept', async function () {
    this.timeout(60_000);
    await setFaults([{ kind: 'error', code: 2, path: 'face-recognition', times: 1 }]);
    const element = await mountKyc({ signature: 'required' });
    const failures = failuresShown(element);
    const { completed, recordings } = await driveKyc(element);
    expect(completed.detail.signatureUploaded).to.equal(true);
    expect(completed.detail.person?.name).to.be.a('string').and.not.equal('');
    expect(failures, 'one failure, with Try again').to.deep.equal(['video 2 true']);
    expect(recordings, 'nothing recorded again').to.equal(1);

    const requests = await emulatorRequests();
    const succeeded = (path: string) => requests.filter((request) => request.path.endsWith(path) && request.status === 200);
    expect(
      requests.some((request) => request.path.endsWith('/face-recognition') && request.status === 500),
      'the fault fired',
    ).to.equal(true);
    expect(succeeded('/kyc/enroll'), 'one enrolment').to.have.length(1);
    expect(succeeded('/face-recognition'), 'one video accepted').to.have.length(1);
    expect(succeeded('/upload-signature'), 'one signature accepted').to.have.length(1);
    // What Emzano received is the recording the element kept (and lists in its evidence).
    const { uploadId } = succeeded('/face-recognition')[0]!.parts!.find((part) => part.name === 'file')!;
    const { apiBase } = await testEnv();
    const received = await (await fetch(`${apiBase}/__emulator/uploads/${uploadId}`)).blob();
    const evidence = await openEvidence(await element.exportEvidence());
    const kept = [...evidence.files].find(([name]) => name.startsWith('video.'))?.[1];
    expect(received.size, 'a real recording').to.be.greaterThan(1000);
    expect(await sha256Hex(received)).to.equal(await sha256Hex(kept!));
  });

  it('<emzano-kyc> resumes after a reload at the inquiry step, with the date typed, and completes', async function () {
    this.timeout(60_000);
    let element = await mountKyc({ signature: 'off' });
    type(input(element, 'phone'), PHONE);
    type(input(element, 'national-code'), NATIONAL_CODE);
    shadow(element).querySelector<HTMLButtonElement>('button.primary')!.click();
    await stepIs(element, 'inquiry');
    await fillBirthDate(element, '1370', 1, 1);
    await savedAt('inquiry', (saved) => saved.values?.['birthDate'] === '1370-1-1');
    element.remove();

    element = await mountKyc({ signature: 'off' });
    await stepIs(element, 'inquiry');
    expect(input(element, 'birth-year').value, 'the typed year is back').to.equal('1370');
    expect((shadow(element).getElementById('birth-day') as HTMLSelectElement).value, 'and the day').to.equal('1');
    const { completed } = await driveKyc(element);
    expect(completed.detail.person?.name).to.be.a('string').and.not.equal('');
    expect((await emulatorRequests()).filter((request) => request.path.endsWith('/kyc/enroll'))).to.have.length(1);
  });

  it('<emzano-sign-pdf> signs when its digest fails once: Try again, and pdfsig calls the signature valid', async function () {
    this.timeout(60_000);
    const { session, key, certificate } = await readySigner('Fault Signer');
    const { apiBase, tokenEndpoint } = await testEnv();
    await setFaults([{ kind: 'error', code: 2, path: 'dss/digest', times: 1 }]);
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
    const failures = failuresShown(element);
    const root = element.shadowRoot!;
    let signed: EmzanoSignedEvent | undefined;
    element.addEventListener('emzano-signed', (event) => (signed = event), { once: true });
    await actAsPerson(
      element,
      () => signed !== undefined,
      async () => {
        if (!root.querySelector('canvas')) return;
        if (!element.field) findButton(root, 'Add signature field')?.click();
        else if (root.querySelector('emzano-signature-pad')) {
          await drawSignatureIfEmpty(root.querySelector('emzano-signature-pad') as EmzanoSignaturePad);
          findButton(root, 'Use this signature')?.click();
        } else findButton(root, 'Sign document')?.click();
      },
      50_000,
    );
    expect(failures, 'one failure, with Try again').to.deep.equal(['sign 2 true']);
    const pdf = bytesToBase64(new Uint8Array(await signed!.detail.pdf.arrayBuffer()));
    expect((await executeServerCommand('pdfsig', { pdf })) as string).to.match(/Signature is Valid\./);
    const requests = await emulatorRequests();
    expect(
      requests.some((request) => request.path.endsWith('/dss/digest') && request.status === 500),
      'the fault fired',
    ).to.equal(true);
    expect(requests.filter((request) => request.path.endsWith('/put-sign') && request.status === 200)).to.have.length(1);
  });
});
