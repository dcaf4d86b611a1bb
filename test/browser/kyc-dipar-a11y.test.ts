/**
 * `<emzano-kyc provider="dipar">` checked by axe at every step and state (the start form, the
 * question before cancelling, each of the operator's steps, the end), in Persian and English. A
 * file of its own beside kyc-dipar.test.ts: each walk records and photographs through every step,
 * and two files share the runner's two browsers.
 */
import { expect } from '@open-wc/testing';
import '../../src/emzano-kyc.js';
import type { EmzanoCompleteEvent } from '../../src/events/kyc-events.js';
import { nextEvent, type, until } from '../helpers/dom.js';
import { diparStepReady, FULL_PROFILE, mountDipar, passDiparStep, resetDipar, setDiparProfile } from '../helpers/dipar.js';
import { fillBirthDate, input, NATIONAL_CODE, PHONE, shadow } from '../helpers/kyc.js';

describe('<emzano-kyc provider="dipar"> accessibility', () => {
  beforeEach(async () => {
    await resetDipar();
    await setDiparProfile(FULL_PROFILE);
  });

  for (const lang of ['fa', 'en']) {
    it(`is accessible at every step and state (${lang})`, async function () {
      this.timeout(90_000);
      const element = await mountDipar({ lang });
      const completed = nextEvent<EmzanoCompleteEvent>(element, 'emzano-complete', 80_000);
      const accessible = async () => void (await expect(element).shadowDom.to.be.accessible());
      await until(() => input(element, 'birth-year') !== null, 'the start form');
      await accessible();
      type(input(element, 'phone'), PHONE);
      type(input(element, 'national-code'), NATIONAL_CODE);
      await fillBirthDate(element, '۱۳۷۰', 5, 12);
      shadow(element).querySelector<HTMLButtonElement>('button.primary')!.click();
      await diparStepReady(element, 'signature');
      // The question before cancelling, then back to the step.
      shadow(element).querySelector<HTMLButtonElement>('[part~="cancel"]')!.click();
      await until(() => shadow(element).querySelector('[part="cancel-confirm"]') !== null, 'the question');
      await accessible();
      shadow(element).querySelector<HTMLButtonElement>('[part="cancel-confirm"] button')!.click();
      for (const step of ['signature', 'video', 'admittance', 'card-front', 'card-back']) {
        expect(element.step).to.equal(step);
        await passDiparStep(element, accessible);
      }
      await completed;
      await accessible();
    });
  }
});
