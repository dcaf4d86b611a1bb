/**
 * <emzano-document-status> following a contract sent through the host's CLM endpoint (the server
 * kit's proxy, mounted by the test server) to the emulator, in English and Persian: the timeline
 * follows each recipient, polling stops at the final state, and the signed PDF downloads.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/emzano-document-status.js';
import type { EmzanoDocumentStatus } from '../../src/components/document-status/emzano-document-status.js';
import { bytesToBase64 } from '../../src/core/base64.js';
import type { EmzanoDocumentStateEvent } from '../../src/events/document-status-events.js';
import type { EmzanoErrorEvent } from '../../src/events/error-event.js';
import { consoleDuring, until } from '../helpers/dom.js';
import { emulator, resetEmulator } from '../helpers/env.js';

const field = { x: 72, y: 90, width: 160, height: 60, digitalSignature: true, repeatSignature: false };

async function sendContract(): Promise<string> {
  const pdf = new Uint8Array(await (await fetch('/test/fixtures/upright.pdf')).arrayBuffer());
  const response = await fetch('/api/emzano/clm/api/v1/clm/documents/execute/file', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      base64File: bytesToBase64(pdf),
      title: 'Service agreement',
      startPage: 0,
      workflows: [
        { title: 'First party', name: 'Sara Ahmadi', nationalCode: '0499370899', contact: '09121234567', role: 0, signatureField: field },
        {
          title: 'Second party',
          name: 'Reza Karimi',
          nationalCode: '1234567891',
          contact: '09351234567',
          role: 0,
          signatureField: { ...field, x: 300 },
        },
        { title: 'Witness', name: 'Mina Rahimi', nationalCode: '0012345679', contact: '09131234567', role: 1 },
      ],
    }),
  });
  expect(response.status).to.equal(200);
  return ((await response.json()) as { id: string }).id;
}

const advance = (id: string, action = 'next') =>
  emulator(`/clm/documents/${id}/advance`, { method: 'POST', body: JSON.stringify({ action }) });
const part = (element: EmzanoDocumentStatus, name: string) => element.shadowRoot!.querySelector(`[part~="${name}"]`);
const states = (element: EmzanoDocumentStatus) =>
  [...element.shadowRoot!.querySelectorAll('[part~="recipient"]')].map((item) => item.getAttribute('data-state'));

describe('<emzano-document-status>', () => {
  beforeEach(() => resetEmulator());

  it('follows a two-signer contract to Signed, then stops polling and offers the signed PDF', async function () {
    this.timeout(30_000);
    const id = await sendContract();
    const seen: string[] = [];
    const element = await fixture<EmzanoDocumentStatus>(
      html`<emzano-document-status document-id=${id} lang="en" poll-interval="80" max-poll-interval="100"></emzano-document-status>`,
    );
    element.addEventListener('emzano-document-state', (event: EmzanoDocumentStateEvent) =>
      seen.push(`${event.detail.state} ${event.detail.recipients.map((r) => r.state).join(',')}`),
    );
    await until(() => part(element, 'status')?.textContent?.trim() === 'Waiting for the recipients', 'first read');
    expect(states(element)).to.deep.equal(['unseen', 'unseen', 'unseen']);
    expect(part(element, 'heading')!.textContent).to.equal('Service agreement');
    expect(part(element, 'recipient-turn')!.textContent).to.contain('Sara Ahmadi');
    await expect(element).shadowDom.to.be.accessible();

    for (let step = 0; step < 5; step++) await advance(id);
    await until(() => part(element, 'status')?.textContent?.trim() === 'Signed by everyone', 'signed', 10_000);
    expect(states(element)).to.deep.equal(['signed', 'signed', 'seen']);
    expect(seen.at(-1)).to.equal('signed signed,signed,seen');
    expect(part(element, 'recipient-time')!.getAttribute('datetime')).to.match(/^\d{4}-\d{2}-\d{2}T/);

    const link = part(element, 'download') as HTMLAnchorElement;
    expect(link.getAttribute('download')).to.equal('Service agreement.pdf');
    const pdf = new Uint8Array(await (await fetch(link.href)).arrayBuffer());
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).to.equal('%PDF-');
    await expect(element).shadowDom.to.be.accessible();

    // Final: nothing more is asked of the server.
    const count = async () =>
      ((await emulator('/requests')) as Array<{ path: string }>).filter((request) => request.path.endsWith(id)).length;
    const before = await count();
    // Two of its longest poll intervals: an element still polling would have asked again.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await count()).to.equal(before);
  });

  it('in Persian, right to left, updated at once by refresh() (as after the host’s callback)', async function () {
    this.timeout(20_000);
    const id = await sendContract();
    const element = await fixture<EmzanoDocumentStatus>(
      html`<emzano-document-status document-id=${id} lang="fa" poll-interval="60000"></emzano-document-status>`,
    );
    await until(() => part(element, 'status')?.textContent?.trim() === 'در انتظار گیرندگان', 'first read');
    expect(part(element, 'base')!.getAttribute('dir')).to.equal('rtl');
    await advance(id, 'next');
    await advance(id, 'reject');
    await element.refresh();
    await element.updateComplete;
    expect(part(element, 'status')!.textContent!.trim()).to.equal('رد شده توسط یکی از گیرندگان');
    expect(states(element)).to.deep.equal(['rejected', 'unseen', 'unseen']);
    expect(part(element, 'recipient-time')!.textContent).to.match(/[۰-۹]/);
    expect(part(element, 'download') === null, 'no download before Signed').to.equal(true);
    await expect(element).shadowDom.to.be.accessible();
  });

  it('waits longer between checks while nothing changes', async function () {
    this.timeout(10_000);
    const id = await sendContract();
    // When each read of this document leaves the page, and every wait the page asks its timers for.
    const reads: number[] = [];
    const waits: number[] = [];
    const [realFetch, realSetTimeout] = [window.fetch, window.setTimeout];
    window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input instanceof Request ? input.url : input).includes(id)) reads.push(performance.now());
      return realFetch(input, init);
    }) as typeof window.fetch;
    window.setTimeout = ((handler: TimerHandler, timeout?: number, ...rest: unknown[]) => {
      waits.push(timeout ?? 0);
      return realSetTimeout(handler, timeout, ...rest);
    }) as typeof window.setTimeout;
    try {
      await fixture<EmzanoDocumentStatus>(
        html`<emzano-document-status document-id=${id} lang="en" poll-interval="50" max-poll-interval="2000"></emzano-document-status>`,
      );
      await until(() => reads.length >= 5, 'five reads', 5_000);
    } finally {
      window.fetch = realFetch;
      window.setTimeout = realSetTimeout;
    }
    // The element asked for waits half as long again each time (a fixed wait would repeat its
    // first), and each read really came that long after the one before (a busy machine only ever
    // makes a wait longer).
    const BACKOFF = [50, 75, 113, 170];
    expect(waits.filter((wait) => wait >= 50 && wait <= 2000).slice(0, 4), `the waits asked for: ${JSON.stringify(waits)}`).to.deep.equal(
      BACKOFF,
    );
    const gaps = reads.slice(1).map((at, index) => at - reads[index]!);
    BACKOFF.forEach((least, index) => expect(gaps[index], `wait ${index + 1} of ${JSON.stringify(gaps)}`).to.be.at.least(least - 5));
  });

  it('says what went wrong for an unknown document, and keeps what it had', async () => {
    const element = await fixture<EmzanoDocumentStatus>(
      html`<emzano-document-status
        document-id="00000000-0000-0000-0000-000000000000"
        lang="en"
        poll-interval="60000"
      ></emzano-document-status>`,
    );
    await until(() => part(element, 'error') !== null, 'error shown');
    expect(part(element, 'error')!.textContent).to.contain('Try again');
    await expect(element).shadowDom.to.be.accessible();
  });

  it('refuses an interval or id of the wrong shape by name, in the console and as emzano-error, and keeps checking as before', async function () {
    this.timeout(10_000);
    const id = await sendContract();
    const errors: EmzanoErrorEvent[] = [];
    let element!: EmzanoDocumentStatus;
    const logged = await consoleDuring('error', async () => {
      element = await fixture<EmzanoDocumentStatus>(
        html`<emzano-document-status document-id=${id} lang="en" poll-interval="soon" max-poll-interval="300"></emzano-document-status>`,
      );
      element.addEventListener('emzano-error', (event) => errors.push(event));
      element.documentId = { id } as unknown as string;
      await until(() => errors.some((error) => error.detail.detail?.startsWith('documentId')), 'the refusal reported');
    });
    expect(logged.join('\n')).to.contain('pollInterval must be a number').and.to.contain('got NaN');
    expect(logged.join('\n')).to.contain('documentId must be');
    const refused = errors.find((error) => error.detail.detail?.startsWith('documentId'))!.detail;
    expect(refused).to.deep.include({ code: 'invalid-property', step: 'status', retryable: false });
    expect(refused.detail).to.match(/^documentId must be .*; got \{"id":/);
    expect(element.pollInterval, 'back to its default').to.equal(3000);
    expect(element.documentId, 'the id before').to.equal(id);
    await until(() => part(element, 'status')!.getAttribute('data-state') !== 'none', 'still following the document');
    // With NaN the element would read the document without pause; with its default, once, then 3 s later.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const reads = ((await emulator('/requests')) as Array<{ path: string }>).filter((request) => request.path.endsWith(id)).length;
    expect(reads).to.be.at.most(2);
    const error = part(element, 'error')!;
    expect(error.textContent).to.contain('set this part up wrongly');
    expect(error.textContent, 'nothing to retry').not.to.contain('Try again');
  });
});
