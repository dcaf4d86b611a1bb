/**
 * What a fault looks like to the person in a Dipar verification: `<emzano-kyc provider="dipar">`
 * walked through every step while the connection drops on the card photo, driven as a person would
 * (pressing Try again when it is offered); it must finish verified, each step accepted once and
 * nothing the person made lost. Each broker call failing once, and latency on every call, are
 * tested at the protocol level in Node: test/faults/dipar.test.ts.
 */
import { expect } from '@open-wc/testing';
import '../../src/emzano-kyc.js';
import type { EmzanoKyc } from '../../src/components/kyc/emzano-kyc.js';
import type { EmzanoCompleteEvent } from '../../src/events/kyc-events.js';
import { actAsPerson, failuresShown, findButton, type, until } from '../helpers/dom.js';
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

/** Drives the element to `emzano-complete`, pressing Try again when shown; each step is passed once. */
async function driveDipar(element: EmzanoKyc): Promise<EmzanoCompleteEvent> {
  let completed: EmzanoCompleteEvent | undefined;
  element.addEventListener('emzano-complete', (event) => (completed = event), { once: true });
  const root = shadow(element);
  const passed = new Set<string>();
  await actAsPerson(
    element,
    () => completed !== undefined,
    async () => {
      if (findButton(root, 'Start again')) throw new Error(`one failure ended the verification at ${element.step}`);
      if (element.step === 'enrol') {
        if (!input(element, 'birth-year')) return;
        if (!passed.has('enrol')) {
          type(input(element, 'phone'), PHONE);
          type(input(element, 'national-code'), NATIONAL_CODE);
          await fillBirthDate(element, '1370', 5, 12);
          passed.add('enrol');
        }
        root.querySelector<HTMLButtonElement>('button.primary')?.click();
        await until(() => element.step !== 'enrol' || root.querySelector('[part="error"]') !== null, 'the verification started', 20_000);
      } else if (element.step !== 'done' && !passed.has(element.step)) {
        passed.add(element.step);
        await passDiparStep(element);
      }
    },
    60_000,
  );
  return completed!;
}

describe('a Dipar fault as the person sees it', () => {
  beforeEach(async () => {
    await resetDipar();
    await setDiparProfile(FULL_PROFILE);
  });

  it('completes verified when the connection drops on the card photo: Try again sends the same photo', async function () {
    this.timeout(90_000);
    await setDiparFaults([{ kind: 'drop', path: '/api/Inquiry/SavePersonDocument', times: 1 }]);
    const element = await mountDipar();
    const failures = failuresShown(element);
    const { detail } = await driveDipar(element);
    expect(detail.provider).to.equal('dipar');
    expect(failures, 'one failure, with Try again').to.deep.equal(['card-front 2 true']);

    const requests = await diparRequests();
    const accepted = (path: string) =>
      requests.filter((request) => request.path.endsWith(path) && request.status === 200 && !request.exceptionCode);
    expect(
      requests.filter((request) => request.path.endsWith('/SavePersonDocument')).map((request) => request.status),
      'dropped, then the front and the back',
    ).to.deep.equal([0, 200, 200]);
    for (const upload of ['/SaveSignature', '/SendProbVideoByToken', '/SendAdmittanceVideoByToken'])
      expect(accepted(upload), `${upload} accepted once`).to.have.length(1);
    const documents = accepted('/SavePersonDocument').map((request) => (request.json as { documentType: number }).documentType);
    expect(documents.sort(), 'each side of the card accepted once').to.deep.equal([101, 102]);
    const video = accepted('/SendProbVideoByToken')[0]!.json as { fileData: { content: string } };
    expect(Number(/\((\d+) chars\)/.exec(video.fileData.content)?.[1]), 'the recording was not lost').to.be.greaterThan(1000);
    const read = await diparResult();
    expect(read.result?.verified, JSON.stringify(read)).to.equal(true);
  });
});
