/**
 * <emzano-sign-pdf mode="send"> preparing a contract for several recipients and sending it through
 * the host's CLM endpoint (the server kit's proxy, mounted by the test server) to the emulator.
 * The payload is checked as the emulator received it: every field, and each signer's field
 * against where the box sits on the page (within 1 pt), worked out here from the page's layout.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/emzano-sign-pdf.js';
import type { EmzanoSignPdf } from '../../src/components/sign-pdf/emzano-sign-pdf.js';
import type { ClmRecipient } from '../../src/core/clm-send.js';
import type { EmzanoErrorEvent } from '../../src/events/kyc-events.js';
import type { EmzanoSentEvent } from '../../src/events/sign-pdf-events.js';
import { accessibleNames } from '../helpers/a11y.js';
import { buttonNamed, consoleDuring, has, nextEvent, type, until } from '../helpers/dom.js';
import { emulator, resetEmulator, setFaults } from '../helpers/env.js';
import { clearSavedAttempts, keptRecord, watchReopening } from '../helpers/storage.js';
import type { SavedSigning } from '../../src/components/sign-pdf/saved-work.js';

interface ReceivedDocument {
  id: string;
  title: string;
  fileSha256: string;
  received: Record<string, unknown> & { workflows: Array<Record<string, unknown>> };
}

const FILE = '/test/fixtures/upright.pdf';
/** A signer's field on page 1 of the fixture (A4), in PDF terms. */
const FIELD = { page: 1, x: 72, y: 90, width: 160, height: 60, pageWidth: 595, pageHeight: 842 };
const documents = () => emulator<ReceivedDocument[]>('/clm/documents');
const root = (element: EmzanoSignPdf) => element.shadowRoot!;
const byId = (element: EmzanoSignPdf, id: string) => root(element).getElementById(id) as HTMLInputElement;

async function mountSender(lang: string, persist = 'off'): Promise<EmzanoSignPdf> {
  const element = await fixture<EmzanoSignPdf>(
    html`<emzano-sign-pdf mode="send" src=${FILE} lang=${lang} persist=${persist}></emzano-sign-pdf>`,
  );
  await until(() => root(element).querySelector('[part="send-panel"]') !== null, 'the send panel', 15_000);
  return element;
}

async function fileSha256(): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await (await fetch(FILE)).arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A signer's field box as placed on screen, in PDF points from the page's lower-left corner. */
function placedInPoints(element: EmzanoSignPdf, key: number) {
  const box = root(element).querySelector<HTMLElement>(`[part~="field"][data-key="${key}"]`)!;
  const page = box.closest<HTMLElement>('[data-page]')!;
  const scale = page.offsetWidth / 595;
  return {
    x: box.offsetLeft / scale,
    y: 842 - (box.offsetTop + box.offsetHeight) / scale,
    width: box.offsetWidth / scale,
    height: box.offsetHeight / scale,
  };
}

function expectWithinOnePoint(actual: Record<string, unknown>, expected: Record<string, number>): void {
  for (const [name, value] of Object.entries(expected)) {
    expect(Math.abs(Number(actual[name]) - value), `${name}: ${String(actual[name])} vs ${value}`).to.be.at.most(1);
  }
}

/** Sets a select or a number input as a person does: the value chosen or typed, then the input left. */
function choose(element: EmzanoSignPdf, id: string, value: string): void {
  const input = root(element).getElementById(id) as HTMLInputElement | HTMLSelectElement;
  input.value = value;
  input.dispatchEvent(new Event('change'));
}

/** Chooses the start page. */
async function chooseStartPage(element: EmzanoSignPdf, page: number): Promise<void> {
  choose(element, 'contract-start-page', String(page));
  await element.updateComplete;
}

async function fillRecipient(element: EmzanoSignPdf, index: number, values: Record<string, string>): Promise<void> {
  for (const [input, value] of Object.entries(values)) type(byId(element, `r${index}-${input}`), value);
  await element.updateComplete;
}

describe('<emzano-sign-pdf mode="send">', () => {
  beforeEach(() => resetEmulator());

  it('prepares a two-signer contract with a viewer and sends exactly the payload the reference describes', async function () {
    this.timeout(40_000);
    const element = await mountSender('en');
    const names = accessibleNames(element);
    expect(names.some((name) => name.includes('Add recipient'))).to.equal(true);
    expect(names.some((name) => name.includes('Send'))).to.equal(true);

    // Sending an empty contract is refused before anything leaves the browser.
    await element.send();
    await element.updateComplete;
    expect(root(element).querySelector('[role="alert"]')!.textContent).to.contain('Fix the');
    expect(byId(element, 'contract-title').getAttribute('aria-invalid')).to.equal('true');
    expect(root(element).activeElement).to.equal(byId(element, 'contract-title'));
    expect(await documents()).to.deep.equal([]);

    type(byId(element, 'contract-title'), 'Service agreement');
    const deadline = new Date(Date.now() + 7 * 24 * 3600 * 1000);
    deadline.setSeconds(0, 0);
    const two = (value: number) => String(value).padStart(2, '0');
    type(
      byId(element, 'contract-expiry'),
      `${deadline.getFullYear()}-${two(deadline.getMonth() + 1)}-${two(deadline.getDate())}T${two(deadline.getHours())}:${two(deadline.getMinutes())}`,
    );
    byId(element, 'contract-payment').click();
    // The fields go on the start page: page 2, shown as such on the page itself.
    await chooseStartPage(element, 2);
    expect(has(root(element), '[data-page="2"] [part="start-page-badge"]'), 'start page labelled').to.equal(true);
    expect(has(root(element), '[data-page="1"] [part="start-page-badge"]'), 'other pages unlabelled').to.equal(false);

    buttonNamed(root(element), 'Add recipient').click();
    await element.updateComplete;
    await fillRecipient(element, 0, { name: 'Sara Ahmadi', mobile: '0912 123 4567', code: '0499370899', title: 'First party' });
    buttonNamed(root(element), 'Add recipient').click();
    await element.updateComplete;
    // A bad national code, then the first person's code again: both flagged under the input.
    await fillRecipient(element, 1, { name: 'Reza Karimi', mobile: '09351234567', code: '1234567890', title: 'Second party' });
    buttonNamed(root(element), 'Send contract').click();
    await element.updateComplete;
    expect(byId(element, 'r1-code').getAttribute('aria-invalid')).to.equal('true');
    expect(byId(element, 'r1-code-error').textContent).to.equal('This national code is not valid.');
    expect(byId(element, 'r0-place-error').textContent).to.equal('Place this signer’s signature field.');
    await fillRecipient(element, 1, { code: '0499370899' });
    expect(byId(element, 'r1-code-error').textContent).to.equal('This person is already a recipient (same national code).');
    await fillRecipient(element, 1, { code: '1234567891' });
    expect(has(root(element), '#r1-code-error'), 'the fixed code is no longer flagged').to.equal(false);
    expect(byId(element, 'r1-name').value, 'nothing typed was lost').to.equal('Reza Karimi');

    // Each signer places a field on the start page, in their own colour.
    root(element).querySelector<HTMLButtonElement>('#r0-place')!.click();
    root(element).querySelector<HTMLButtonElement>('#r1-place')!.click();
    await element.updateComplete;
    const boxes = [...root(element).querySelectorAll<HTMLElement>('[data-page="2"] [part~="field"]')];
    expect(boxes.length).to.equal(2);
    expect(boxes[0]!.style.getPropertyValue('--_field-color')).to.not.equal(boxes[1]!.style.getPropertyValue('--_field-color'));
    expect(boxes.map((box) => box.getAttribute('aria-label'))).to.deep.equal([
      'Signature field of Sara Ahmadi on page 2',
      'Signature field of Reza Karimi on page 2',
    ]);
    // Moved with the keyboard, as the help text says.
    boxes[0]!.focus();
    for (let step = 0; step < 3; step++) boxes[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    boxes[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', shiftKey: true, bubbles: true }));
    await element.updateComplete;
    byId(element, 'r0-digital').click();
    byId(element, 'r1-repeat').click();

    buttonNamed(root(element), 'Add recipient').click();
    await element.updateComplete;
    await fillRecipient(element, 2, { name: 'Mina Rahimi', mobile: '09131234567', code: '0012345679', title: 'Witness' });
    choose(element, 'r2-role', 'viewer');
    // Sara signs last.
    choose(element, 'r0-order', '5');
    await element.updateComplete;
    const placed = [placedInPoints(element, 0), placedInPoints(element, 1)];

    const sent = nextEvent<EmzanoSentEvent>(element, 'emzano-sent');
    buttonNamed(root(element), 'Send contract').click();
    const { documentId } = (await sent).detail;
    await element.updateComplete;
    expect(root(element).querySelector('.success')!.textContent).to.contain(documentId);

    const [received] = (await documents()).filter((entry) => entry.id === documentId);
    expect(received, 'the emulator holds the document').to.not.equal(undefined);
    expect(received!.fileSha256).to.equal(await fileSha256());
    const { workflows, ...body } = received!.received;
    expect(body).to.deep.equal({
      base64File: `${Math.ceil((await (await fetch(FILE)).arrayBuffer()).byteLength / 3) * 4} base64 characters`,
      title: 'Service agreement',
      expiredAt: deadline.toISOString(),
      startPage: 1,
      certificatePayment: true,
    });
    const withoutField = workflows.map(({ signatureField: _field, ...rest }) => rest);
    expect(withoutField).to.deep.equal([
      { title: 'Second party', contact: '09351234567', nationalCode: '1234567891', role: 0, name: 'Reza Karimi' },
      { title: 'Witness', contact: '09131234567', nationalCode: '0012345679', role: 1, name: 'Mina Rahimi' },
      { title: 'First party', contact: '09121234567', nationalCode: '0499370899', role: 0, name: 'Sara Ahmadi' },
    ]);
    const [reza, mina, sara] = workflows.map((workflow) => workflow['signatureField'] as Record<string, unknown> | undefined);
    expect(mina).to.equal(undefined);
    expectWithinOnePoint(sara!, placed[0]!);
    expectWithinOnePoint(reza!, placed[1]!);
    expect([sara!['digitalSignature'], sara!['repeatSignature']]).to.deep.equal([false, false]);
    expect([reza!['digitalSignature'], reza!['repeatSignature']]).to.deep.equal([true, true]);
    // The keys moved Sara's field 12 px right and made it 4 px taller than Reza's default one.
    expect(Number(sara!['height'])).to.be.greaterThan(Number(reza!['height']));
    // The recipients property holds the same fields, in PDF terms with their page.
    expect(element.recipients.map((recipient) => recipient.field?.page)).to.deep.equal([2, 2, undefined]);
    await expect(element).shadowDom.to.be.accessible();
  });

  it('takes recipients and settings as properties and sends them with send(), in Persian', async function () {
    this.timeout(30_000);
    const element = await mountSender('fa');
    const recipients: ClmRecipient[] = [
      { name: 'سارا احمدی', mobile: '۰۹۱۲۱۲۳۴۵۶۷', nationalCode: '۰۴۹۹۳۷۰۸۹۹', title: 'طرف اول', role: 'signer', order: 1, field: FIELD },
      { name: 'مینا رحیمی', mobile: '09131234567', nationalCode: '0012345679', title: 'تأییدکننده', role: 'approver', order: 2 },
    ];
    element.recipients = recipients;
    element.sendOptions = { title: 'قرارداد اجاره', startPage: 1 };
    await element.updateComplete;
    expect(byId(element, 'r0-name').value).to.equal('سارا احمدی');
    expect(root(element).querySelector('[part~="send-button"]')!.textContent!.trim()).to.equal('ارسال قرارداد');
    expect(root(element).querySelector('[data-page="1"] [part~="field"]')!.getAttribute('aria-label')).to.equal(
      'جای امضای سارا احمدی در صفحهٔ ۱',
    );

    const events: string[] = [];
    element.addEventListener('emzano-sent', (event: EmzanoSentEvent) => events.push(event.detail.documentId));
    const id = await element.send();
    expect(id).to.be.a('string');
    expect(events).to.deep.equal([id]);
    const [received] = (await documents()).filter((entry) => entry.id === id);
    expect(received!.received['startPage']).to.equal(0);
    expect(received!.received.workflows).to.deep.equal([
      {
        title: 'طرف اول',
        contact: '09121234567',
        nationalCode: '0499370899',
        role: 0,
        name: 'سارا احمدی',
        signatureField: { x: 72, y: 90, width: 160, height: 60, digitalSignature: true, repeatSignature: false },
      },
      { title: 'تأییدکننده', contact: '09131234567', nationalCode: '0012345679', role: 2, name: 'مینا رحیمی' },
    ]);
    await element.updateComplete;
    const sendButton = root(element).querySelector<HTMLButtonElement>('[part~="send-button"]')!;
    expect(sendButton.disabled, 'the same contract is not sent twice').to.equal(true);
    await expect(element).shadowDom.to.be.accessible();
    // New recipients from the host: a new contract to send.
    element.recipients = recipients.slice(0, 1);
    await element.updateComplete;
    expect(sendButton.disabled).to.equal(false);
    expect(has(root(element), '.success'), 'no "sent" message for the new contract').to.equal(false);
  });

  it("flags a recipient whose role is CLM's number rather than a word, names it for the developer, and sends nothing", async function () {
    this.timeout(30_000);
    const element = await mountSender('en');
    const errors: EmzanoErrorEvent[] = [];
    element.addEventListener('emzano-error', (event) => errors.push(event));
    const logged = await consoleDuring('error', async () => {
      element.sendOptions = { title: 'Lease', startPage: 1 };
      element.recipients = [
        {
          name: 'Sara Ahmadi',
          mobile: '09121234567',
          nationalCode: '0499370899',
          title: '',
          role: 0 as unknown as 'signer',
          order: 1,
          field: FIELD,
        },
        { name: 'Reza Karimi', mobile: '09351234567', nationalCode: '1234567891', title: '', role: 'viewer', order: 0 },
      ];
      await until(() => errors.length === 2, 'both mistakes reported');
    });
    expect(errors.map((event) => [event.detail.code, event.detail.step, event.detail.detail])).to.deep.equal([
      ['invalid-property', 'send', 'recipients[0].role must be "signer", "viewer" or "approver"; got 0.'],
      ['invalid-property', 'send', 'recipients[1].order must be a whole number from 1; got 0.'],
    ]);
    expect(logged.some((line) => line.includes('<emzano-sign-pdf>: recipients[0].role must be'))).to.equal(true);
    // Shown to the person in place, under the inputs, without waiting for Send.
    await element.updateComplete;
    expect(byId(element, 'r0-role').getAttribute('aria-invalid')).to.equal('true');
    expect(byId(element, 'r0-role-error').textContent).to.equal('Choose signer, viewer or approver.');
    expect(byId(element, 'r1-order-error').textContent).to.equal('The signing order is a whole number from 1.');

    expect(await element.send(), 'nothing sent').to.equal(undefined);
    expect(await documents()).to.deep.equal([]);
    expect(root(element).activeElement).to.equal(byId(element, 'r0-role'));

    // The person fixes both in the editor; then it goes, with CLM's numbers made from the words.
    choose(element, 'r0-role', 'signer');
    choose(element, 'r1-order', '2');
    await element.updateComplete;
    const id = await element.send();
    expect(id).to.be.a('string');
    const [received] = await documents();
    expect(received!.received.workflows.map((workflow) => workflow.role)).to.deep.equal([0, 1]);
  });

  it('flags a signer without a field and a field off the start page, in Persian, and sends nothing', async function () {
    this.timeout(30_000);
    const element = await mountSender('fa');
    element.recipients = [
      { name: 'سارا احمدی', mobile: '09121234567', nationalCode: '0499370899', title: '', role: 'signer', order: 1 },
      {
        name: 'رضا کریمی',
        mobile: '09351234567',
        nationalCode: '1234567891',
        title: '',
        role: 'signer',
        order: 2,
        field: { ...FIELD, page: 3 },
      },
    ];
    // A start page past the end of the document is flagged too.
    element.sendOptions = { title: 'قرارداد', startPage: 9 };
    expect(await element.send()).to.equal(undefined);
    await element.updateComplete;
    expect(byId(element, 'contract-start-page-error').textContent).to.equal('صفحه‌ای از ۱ تا ۳ انتخاب کنید.');
    element.sendOptions = { title: 'قرارداد', startPage: 1 };
    expect(await element.send()).to.equal(undefined);
    await element.updateComplete;
    expect(byId(element, 'r0-place-error').textContent).to.equal('جای امضای این امضاکننده را بگذارید.');
    expect(byId(element, 'r1-place-error').textContent).to.equal('این جای امضا در صفحهٔ شروع نیست.');
    expect(root(element).querySelector('[role="alert"]')!.textContent).to.contain('۲');
    expect(await documents()).to.deep.equal([]);
    // Moving the start page to the field's page brings every placed field along; Sara still needs one.
    await chooseStartPage(element, 3);
    expect(has(root(element), '#r1-place-error'), 'the field moved with the start page').to.equal(false);
    root(element).querySelector<HTMLButtonElement>('#r0-place')!.click();
    await element.updateComplete;
    expect(element.recipients[0]!.field!.page).to.equal(3);
    expect(await element.send()).to.be.a('string');
  });

  it("shows CLM's refusal in the person's language and keeps the contract as it was", async function () {
    this.timeout(30_000);
    const element = await mountSender('en');
    element.recipients = [
      {
        name: 'Sara Ahmadi',
        mobile: '09121234567',
        nationalCode: '0499370899',
        title: 'First party',
        role: 'signer',
        order: 1,
        field: FIELD,
      },
    ];
    element.sendOptions = { title: 'Lease', startPage: 1 };
    await setFaults([{ kind: 'error', code: 3005, path: 'documents/execute/file', times: 1 }]);
    expect(await element.send()).to.equal(undefined);
    await until(() => root(element).querySelector('[part="error"]') !== null, 'the error');
    expect(root(element).querySelector('[part="error"] p')!.textContent).to.equal("The order of the document's participants is not valid.");
    expect(element.recipients[0]!.name).to.equal('Sara Ahmadi');
    expect(byId(element, 'contract-title').value).to.equal('Lease');
    expect(await element.send()).to.be.a('string');
  });

  it('keeps the contract being prepared across a reload, and forgets it once sent', async function () {
    this.timeout(30_000);
    await clearSavedAttempts();
    try {
      const first = await mountSender('en', 'on');
      type(byId(first, 'contract-title'), 'Lease');
      buttonNamed(root(first), 'Add recipient').click();
      await first.updateComplete;
      await fillRecipient(first, 0, { name: 'Sara Ahmadi', mobile: '09121234567', code: '0499370899' });
      root(first).querySelector<HTMLButtonElement>('#r0-place')!.click();
      await first.updateComplete;
      const placed = first.recipients[0]!.field;
      first.remove(); // what is pending is written as the element leaves
      const kept = async () => (await keptRecord<SavedSigning>('emzano-sign-pdf'))?.value.contract?.recipients[0];
      for (let tries = 0; (await kept())?.field === undefined; tries++) {
        expect(tries, 'the draft was written').to.be.below(100);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }

      // A signing element with no document given does not reopen the contract as a document to sign.
      let reopening = watchReopening('emzano-sign-pdf');
      const signer = await fixture<EmzanoSignPdf>(html`<emzano-sign-pdf lang="en"></emzano-sign-pdf>`);
      await reopening.decided();
      reopening.stop();
      await signer.updateComplete;
      expect(has(root(signer), '[part="status"]'), 'the contract being opened for signing').to.equal(false);
      expect(root(signer).querySelectorAll('[data-page]').length, 'pages of the contract opened for signing').to.equal(0);
      signer.remove();

      const second = await mountSender('en', 'on');
      await until(() => byId(second, 'r0-name')?.value === 'Sara Ahmadi', 'the restored recipient');
      expect(byId(second, 'contract-title').value).to.equal('Lease');
      expect(second.recipients[0]!.field).to.deep.equal(placed);
      expect(root(second).querySelector('[data-page="1"] [part~="field"]')).to.not.equal(null);
      expect(await second.send()).to.be.a('string');
      for (let tries = 0; (await keptRecord('emzano-sign-pdf')) !== undefined; tries++) {
        expect(tries, 'the sent contract is forgotten').to.be.below(100);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      second.remove();

      reopening = watchReopening('emzano-sign-pdf');
      const third = await mountSender('en', 'on');
      await reopening.decided();
      reopening.stop();
      expect(third.recipients).to.deep.equal([], 'a sent contract is not offered again');
      expect(byId(third, 'contract-title').value).to.equal('');
    } finally {
      await clearSavedAttempts();
    }
  });

  it('stays readable in the dark theme, problems shown (axe, contrast included)', async function () {
    this.timeout(30_000);
    const element = await mountSender('en');
    element.setAttribute('theme', 'dark');
    await element.updateComplete;
    // The buttons' colours change by a transition: contrast is checked on the colours they end with.
    await new Promise(requestAnimationFrame);
    await Promise.all(
      root(element)
        .getAnimations()
        .map((animation) => animation.finished),
    );
    element.recipients = [{ name: '', mobile: '0912', nationalCode: '', title: '', role: 'signer', order: 1 }];
    expect(await element.send()).to.equal(undefined);
    await element.updateComplete;
    expect(root(element).querySelectorAll('[part="field-error"]').length).to.be.greaterThan(3);
    await expect(element).shadowDom.to.be.accessible();
  });
});
