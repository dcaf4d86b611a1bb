/**
 * Both elements with the keyboard alone, in Persian and in English: every step reached with Tab,
 * operated with typing, arrows, Enter and Space; focus follows each step change or replaced
 * control; the live region speaks the countdown and uploads; axe finds no violation at any step.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/emzano-kyc.js';
import '../../src/emzano-sign-pdf.js';
import type { EmzanoKyc } from '../../src/components/kyc/emzano-kyc.js';
import type { EmzanoCompleteEvent } from '../../src/events/kyc-events.js';
import type { EmzanoSignedEvent } from '../../src/events/sign-pdf-events.js';
import { accessibleName } from '../helpers/a11y.js';
import { mountSigner, readySigner } from '../helpers/browser-signer.js';
import { nextEvent, until } from '../helpers/dom.js';
import { resetEmulator } from '../helpers/env.js';
import { mountKyc, stepIs } from '../helpers/kyc.js';
import { clearSavedAttempts } from '../helpers/storage.js';

/** The focused element, looking through shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const describeNode = (node: Element | null) =>
  node
    ? `<${node.localName}${node.id ? `#${node.id}` : ''} part="${node.getAttribute('part') ?? ''}"> "${accessibleName(node)}"`
    : 'nothing';

/** Presses Tab until the focused element matches, as a keyboard user looks for a control. */
async function tabTo(selector: string, limit = 40): Promise<Element> {
  for (let presses = 0; presses <= limit; presses++) {
    const active = focused();
    if (active?.matches(selector)) return active;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${selector}; focus is on ${describeNode(focused())}`);
}

async function expectFocusOn(selector: string, what: string): Promise<void> {
  await until(() => focused()?.matches(selector) === true, `focus on ${what} (it is on ${describeNode(focused())})`);
}

const announcerOf = (host: Element) => host.shadowRoot!.querySelector('[part="announcer"]')!;

for (const lang of ['fa', 'en'] as const) {
  describe(`keyboard only, lang="${lang}"`, () => {
    beforeEach(() => Promise.all([resetEmulator(), clearSavedAttempts()]));

    it('<emzano-kyc>: every step, focus following along, no axe violation', async function () {
      this.timeout(60_000);
      const element: EmzanoKyc = await mountKyc({ lang });
      const completed = nextEvent<EmzanoCompleteEvent>(element, 'emzano-complete', 50_000);
      const accessible = () => expect(element).shadowDom.to.be.accessible();
      await accessible();

      await tabTo('#phone');
      await sendKeys({ type: '09121234567' });
      await tabTo('#national-code', 1);
      await sendKeys({ type: '0499370899' });
      await sendKeys({ press: 'Enter' });

      await stepIs(element, 'inquiry');
      await expectFocusOn('[part="heading"]', 'the new step');
      await accessible();
      await tabTo('#birth-year');
      await sendKeys({ type: '1370' });
      await tabTo('#birth-month', 1);
      await sendKeys({ press: 'ArrowDown' });
      await tabTo('#birth-day', 1);
      await sendKeys({ press: 'ArrowDown' });
      await tabTo('#card-serial', 1);
      await sendKeys({ type: '12345' });
      await sendKeys({ press: 'Enter' });
      await until(() => element.shadowRoot!.querySelector('[part="person"]') !== null, 'registry details');
      await expectFocusOn('[part~="primary-button"]', 'Continue, in place of the replaced form');
      await accessible();
      await sendKeys({ press: 'Enter' });

      await stepIs(element, 'video');
      await expectFocusOn('[part="heading"]', 'the video step');
      await until(
        () => element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="primary-button"]')?.disabled === false,
        'camera ready',
      );
      await accessible();
      await tabTo('[part~="primary-button"]');
      await sendKeys({ press: 'Enter' });
      await expectFocusOn('[part~="primary-button"]', 'Stop, in place of Start');
      const secondsLeft = lang === 'en' ? '1 second left' : '۱ ثانیه باقی مانده';
      await until(() => announcerOf(element).textContent === secondsLeft, `the countdown announced (${secondsLeft})`);
      await accessible();
      await sendKeys({ press: 'Space' });
      await until(() => element.shadowRoot!.querySelector('[part="playback"]') !== null, 'recorded');
      await expectFocusOn('[part~="primary-button"]', 'Send video');
      await accessible();
      await sendKeys({ press: 'Enter' });

      await stepIs(element, 'signature');
      await expectFocusOn('[part="heading"]', 'the signature step');
      await accessible();
      await tabTo('[part="mode-button"]');
      await sendKeys({ press: 'Enter' });
      await expectFocusOn('[part="typed-input"]', 'the name input');
      await sendKeys({ type: lang === 'en' ? 'Sara Ahmadi' : 'سارا احمدی' });
      await accessible();
      await tabTo('[part~="primary-button"]');
      await sendKeys({ press: 'Enter' });

      const { detail } = await completed;
      expect(detail.signatureUploaded).to.equal(true);
      await stepIs(element, 'done');
      await expectFocusOn('[part="heading"]', 'the summary');
      await accessible();
    });

    it('<emzano-sign-pdf>: typed signature, field placed and document signed, no axe violation', async function () {
      this.timeout(60_000);
      const element = await mountSigner('upright.pdf', await readySigner(), lang);
      const root = element.shadowRoot!;
      const accessible = () => expect(element).shadowDom.to.be.accessible();
      await accessible();

      await tabTo('[part="mode-button"]');
      await sendKeys({ press: 'Enter' });
      await expectFocusOn('[part="typed-input"]', 'the name input');
      await sendKeys({ type: lang === 'en' ? 'Sara Ahmadi' : 'سارا احمدی' });
      await tabTo('[part="signature-panel"] [part="actions"] button');
      await sendKeys({ press: 'Enter' });
      await until(() => root.querySelector('[part="signature-panel"] .success') !== null, 'signature uploaded');
      await expectFocusOn('[part~="add-field-button"]', 'Add signature field');
      await accessible();

      await sendKeys({ press: 'Enter' });
      await expectFocusOn('[part="field"]', 'the placed field');
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'Shift+ArrowDown' });
      await accessible();

      const signed = nextEvent<EmzanoSignedEvent>(element, 'emzano-signed', 30_000);
      await tabTo('[part~="primary-button"]');
      await sendKeys({ press: 'Enter' });
      const { detail } = await signed;
      expect(detail.field).to.deep.equal(element.field);
      await expectFocusOn('[part="download"]', 'the download link');
      await accessible();
    });
  });
}
