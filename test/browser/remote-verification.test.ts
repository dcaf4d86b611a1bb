/**
 * <emzano-remote-verification> in Chromium against the host's endpoint (the server kit, mounted by
 * the test server) and the video identity-verification emulator: an operator sends a link, the
 * simulated person walks through the process, each report arrives through Server-Sent Events, and
 * the certificate downloads (checked by poppler's pdfinfo) with its first page previewed. The test
 * server ends each stream after 700 ms, so every walk crosses reconnections: each report must
 * arrive once, none missed. In
 * Spanish and Persian, with axe at each state; bad input said by each field, nothing typed lost.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/emzano-remote-verification.js';
import type { EmzanoRemoteVerification } from '../../src/components/remote-verification/emzano-remote-verification.js';
import { bytesToBase64 } from '../../src/core/base64.js';
import type { EmzanoErrorEvent } from '../../src/events/error-event.js';
import type { EmzanoRemoteSentEvent, EmzanoRemoteStatusEvent } from '../../src/events/remote-verification-events.js';
import { nextEvent, type, until } from '../helpers/dom.js';
import { advanceClock } from '../helpers/env.js';

const ENDPOINT = '/api/remote-verification';
const control = (path: string, body: unknown = {}) =>
  fetch(`/__video-id/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

const root = (element: EmzanoRemoteVerification) => element.shadowRoot!;
const part = (element: EmzanoRemoteVerification, name: string) => root(element).querySelector<HTMLElement>(`[part~="${name}"]`);
const input = (element: EmzanoRemoteVerification, id: string) =>
  root(element).querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)!;
const statuses = (element: EmzanoRemoteVerification) =>
  [...root(element).querySelectorAll('[part~="timeline-item"]')].map((item) => Number(item.getAttribute('data-status')));
const fieldError = (element: EmzanoRemoteVerification, field: string) =>
  root(element).querySelector(`#${field}-error`)?.textContent?.trim() ?? '';

async function form(lang: string, theme?: 'dark'): Promise<EmzanoRemoteVerification> {
  sessionStorage.clear();
  const element = await fixture<EmzanoRemoteVerification>(
    html`<emzano-remote-verification endpoint=${ENDPOINT} lang=${lang} theme=${theme ?? nothing}></emzano-remote-verification>`,
  );
  await until(() => part(element, 'form') !== null, 'the form');
  return element;
}

function fill(element: EmzanoRemoteVerification, values: Record<string, string>): void {
  for (const [id, value] of Object.entries(values)) {
    const field = input(element, id);
    type(field as HTMLInputElement, value);
    field.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

describe('<emzano-remote-verification>', () => {
  beforeEach(async () => {
    await control('reset');
    await control('step', { ms: 300 });
  });

  for (const lang of ['es', 'fa'] as const) {
    it(`sends, follows the person live to the certificate, and downloads it (${lang}, axe at each state)`, async function () {
      this.timeout(40_000);
      const element = await form(lang);
      await expect(element).shadowDom.to.be.accessible();
      expect(input(element, 'message').value).to.contain('[LINK]');
      fill(element, { phone: '+34 600 00 00 01', dni: '00000000T', sender: 'MiEmpresa' });
      const sent = nextEvent<EmzanoRemoteSentEvent>(element, 'emzano-remote-sent');
      const reports: number[] = [];
      element.addEventListener('emzano-remote-status', (event) => reports.push((event as EmzanoRemoteStatusEvent).detail.status));
      (part(element, 'primary-button') as HTMLButtonElement).click();
      const { detail } = await sent;
      expect(detail.id).to.match(/^\d+$/);
      expect(element.requestId).to.equal(detail.id);

      // The reports arrive one by one, through the live stream.
      await until(() => statuses(element).length >= 2, 'the first reports', 15_000);
      await until(() => part(element, 'connection')!.getAttribute('data-connection') === 'live', 'the live connection');
      await expect(element).shadowDom.to.be.accessible();
      await until(() => part(element, 'result') !== null, 'the result', 15_000);
      const result = part(element, 'result')!;
      expect(result.querySelector('[data-field="face-similarity"] dd')!.textContent).to.match(lang === 'es' ? /94\s?%/ : /۹۴/);
      expect(result.querySelector('[data-field="liveness"] dd')!.textContent!.trim()).to.equal(lang === 'es' ? 'Sí' : 'بله');
      expect(result.textContent).to.contain('APARICIO GARCIA,RAFAEL');
      expect(result.textContent).to.contain('85.10.20.221');
      await until(() => part(element, 'download') !== null, 'the certificate download', 15_000);
      expect(statuses(element)).to.deep.equal([5000, 5010, 5020, 5001, 5100]);
      expect(reports).to.deep.equal([5000, 5010, 5020, 5001, 5100]);
      // Unnamed statuses are shown by number.
      expect(root(element).querySelector('[data-status="5010"] [part="timeline-status"]')!.textContent).to.match(
        lang === 'es' ? /5010/ : /۵۰۱۰/,
      );

      const link = part(element, 'download') as HTMLAnchorElement;
      const pdf = new Uint8Array(await (await fetch(link.href)).arrayBuffer());
      const info = (await executeServerCommand('pdfinfo', { pdf: bytesToBase64(pdf) })) as string;
      expect(info).to.match(/Pages:\s+1/);
      await until(() => part(element, 'preview')?.querySelector('canvas') != null, 'the first page preview', 20_000);
      const canvas = part(element, 'preview')!.querySelector('canvas')!;
      expect(canvas.width).to.be.greaterThan(100);
      await expect(element).shadowDom.to.be.accessible();
    });
  }

  it('says each bad field next to it, in Spanish, before anything is sent, and keeps what was typed', async () => {
    const element = await form('es');
    const errors: string[] = [];
    element.addEventListener('emzano-error', (event) => errors.push(String((event as EmzanoErrorEvent).detail.code)));
    fill(element, { phone: '600000001', dni: '00000000A', sender: 'Mi Empresa SL' });
    type(input(element, 'message') as unknown as HTMLInputElement, 'Hola, verifique su identidad');
    await element.updateComplete;
    // The live checks: [LINK] and the sender's counter, as typed.
    expect(fieldError(element, 'message')).to.contain('[LINK]');
    expect(fieldError(element, 'sender')).to.contain('11');
    expect(part(element, 'counter')!.getAttribute('data-over')).to.equal('true');
    expect(fieldError(element, 'phone')).to.contain('prefijo');
    expect(fieldError(element, 'dni')).to.contain('letra');
    (part(element, 'primary-button') as HTMLButtonElement).click();
    await until(() => root(element).activeElement?.getAttribute('aria-invalid') === 'true', 'focus on the first bad field');
    const requests = (await (await fetch('/__video-id/requests')).json()) as unknown[];
    expect(requests).to.deep.equal([]);
    expect(input(element, 'phone').value).to.equal('600000001');
    expect(input(element, 'sender').value).to.equal('Mi Empresa SL');
    await expect(element).shadowDom.to.be.accessible();
    expect(errors).to.deep.equal([]);
  });

  it('shows a scheduled time in the viewer zone and in Madrid time, and sends it as Madrid time', async () => {
    const element = await form('en');
    fill(element, { phone: '+34600000001' });
    (root(element).querySelector('input[value="later"]') as HTMLInputElement).click();
    await element.updateComplete;
    const when = new Date(Date.now() + 3 * 86_400_000);
    const local = new Date(when.getTime() - when.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    type(input(element, 'sendAt') as HTMLInputElement, local);
    await element.updateComplete;
    const zones = part(element, 'zones')!.textContent!;
    expect(zones).to.match(/Madrid \(CES?T\)/);
    const sent = nextEvent<EmzanoRemoteSentEvent>(element, 'emzano-remote-sent');
    (part(element, 'primary-button') as HTMLButtonElement).click();
    await sent;
    const [call] = (await (await fetch('/__video-id/requests')).json()) as { parameters: Record<string, string> }[];
    const madrid = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Madrid', dateStyle: 'short', timeStyle: 'short' }).format(
      new Date(local),
    );
    expect(call!.parameters['Fecha']).to.equal(madrid);
    await until(() => part(element, 'summary')?.textContent?.includes('Madrid') === true, 'the scheduled time in the summary');
  });

  it('shows what the service refused in the operator language, with a retry, and loses nothing typed', async () => {
    const element = await form('es');
    await control('faults', { rules: [{ kind: 'error', status: 503, path: '/VerificarIdentidad', times: 1 }] });
    fill(element, { phone: '+34 600 00 00 02' });
    const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    (part(element, 'primary-button') as HTMLButtonElement).click();
    const { detail } = await failed;
    expect(detail.code).to.equal('remote-unreachable');
    expect(detail.step).to.equal('send');
    expect(detail.message).to.contain('servicio de verificación');
    expect(part(element, 'error')!.textContent).to.contain('servicio de verificación');
    expect(input(element, 'phone').value).to.equal('+34 600 00 00 02');
    const sent = nextEvent<EmzanoRemoteSentEvent>(element, 'emzano-remote-sent');
    (part(element, 'error')!.querySelector('button') as HTMLButtonElement).click();
    await sent;
  });

  it('opens a request sent earlier with the reports that came while it was closed, and picks up the rest live', async function () {
    this.timeout(30_000);
    const first = await form('en');
    fill(first, { phone: '+34600000003' });
    const sent = nextEvent<EmzanoRemoteSentEvent>(first, 'emzano-remote-sent');
    (part(first, 'primary-button') as HTMLButtonElement).click();
    const { id } = (await sent).detail;
    first.remove();
    // Closed while the person opens the link and shows the document (two of their steps, on the emulator's clock).
    await advanceClock(2 * 300);
    const reopened = await fixture<EmzanoRemoteVerification>(
      html`<emzano-remote-verification endpoint=${ENDPOINT} lang="en" request-id=${id}></emzano-remote-verification>`,
    );
    await until(() => statuses(reopened).length >= 2, 'the reports from while it was closed');
    await until(() => statuses(reopened).includes(5100), 'the rest, live', 15_000);
    expect(statuses(reopened)).to.deep.equal([5000, 5010, 5020, 5001, 5100]);
  });

  it('follows the same request again after a reload (the tab keeps its id), and a new request forgets it', async () => {
    const first = await form('en');
    fill(first, { phone: '+34600000006' });
    const sent = nextEvent<EmzanoRemoteSentEvent>(first, 'emzano-remote-sent');
    (part(first, 'primary-button') as HTMLButtonElement).click();
    const { id } = (await sent).detail;
    await first.updateComplete;
    first.remove();
    // The page again, without `request-id`: the tab's own memory opens the request.
    const reloaded = await fixture<EmzanoRemoteVerification>(
      html`<emzano-remote-verification endpoint=${ENDPOINT} lang="en"></emzano-remote-verification>`,
    );
    await until(() => part(reloaded, 'heading')?.textContent?.includes(id) === true, 'the same request');
    expect(reloaded.requestId).to.equal(id);
    (root(reloaded).querySelector('[part="button"]') as HTMLButtonElement).click();
    await until(() => part(reloaded, 'form') !== null, 'the form for someone else');
    reloaded.remove();
    const again = await fixture<EmzanoRemoteVerification>(
      html`<emzano-remote-verification endpoint=${ENDPOINT} lang="en"></emzano-remote-verification>`,
    );
    await until(() => part(again, 'form') !== null, 'the form, nothing followed');
    expect(again.requestId).to.equal('');
  });

  it("refuses another operator's request with a clear message", async () => {
    const element = await form('en');
    fill(element, { phone: '+34600000004' });
    const sent = nextEvent<EmzanoRemoteSentEvent>(element, 'emzano-remote-sent');
    (part(element, 'primary-button') as HTMLButtonElement).click();
    const { id } = (await sent).detail;
    document.cookie = 'test-user=someone-else; path=/';
    try {
      const other = await fixture<EmzanoRemoteVerification>(
        html`<emzano-remote-verification endpoint=${ENDPOINT} lang="en" request-id=${id}></emzano-remote-verification>`,
      );
      const failed = await nextEvent<EmzanoErrorEvent>(other, 'emzano-error');
      expect(failed.detail.code).to.equal('not-allowed');
      await until(() => part(other, 'error') !== null, 'the message');
    } finally {
      document.cookie = 'test-user=; path=/; max-age=0';
    }
  });

  it('reads well in the dark theme, the form with its problems and the timeline (axe, contrast too)', async function () {
    this.timeout(30_000);
    // Dark from the start: a theme switched on the page eases the buttons' colours over 0.15 s.
    const element = await form('en', 'dark');
    fill(element, { phone: '600000001' });
    await element.updateComplete;
    await expect(element).shadowDom.to.be.accessible();
    fill(element, { phone: '+34600000005' });
    const sent = nextEvent<EmzanoRemoteSentEvent>(element, 'emzano-remote-sent');
    (part(element, 'primary-button') as HTMLButtonElement).click();
    await sent;
    await until(() => part(element, 'result') !== null, 'the result', 15_000);
    await expect(element).shadowDom.to.be.accessible();
  });

  it('refuses a property of the wrong shape by name', async () => {
    const element = await form('en');
    const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    (element as unknown as { endpoint: unknown }).endpoint = { url: '/api' };
    const { detail } = await failed;
    expect(detail.code).to.equal('invalid-property');
    expect(detail.detail).to.contain('endpoint');
    expect(element.endpoint).to.equal(ENDPOINT);
  });
});
