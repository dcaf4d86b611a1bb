/**
 * The controllers every element shares, observed from outside as a host would see them: one
 * language observer for the whole page, and nothing left listening or polling once an element
 * is removed.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { LazyPartsController } from '../../src/controllers/lazy-parts.js';
import '../../src/emzano-document-status.js';
import '../../src/emzano-signature-pad.js';
import '../../src/emzano-kyc.js';
import type { EmzanoDocumentStatus } from '../../src/components/document-status/emzano-document-status.js';
import { languageListeners } from '../../src/controllers/language.js';
import type { EmzanoKyc } from '../../src/components/kyc/emzano-kyc.js';
import type { EmzanoErrorEvent } from '../../src/events/kyc-events.js';
import { consoleDuring, until } from '../helpers/dom.js';

/** Counts the `online` listeners added and removed on the window while `run` goes on. */
function watchOnlineListeners() {
  const added = window.addEventListener.bind(window);
  const removed = window.removeEventListener.bind(window);
  const live = new Set<unknown>();
  window.addEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: AddEventListenerOptions) => {
    if (type === 'online') live.add(listener);
    added(type, listener, options);
  }) as typeof window.addEventListener;
  window.removeEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: EventListenerOptions) => {
    if (type === 'online') live.delete(listener);
    removed(type, listener, options);
  }) as typeof window.removeEventListener;
  return {
    live,
    restore() {
      window.addEventListener = added;
      window.removeEventListener = removed;
    },
  };
}

describe('shared controllers', () => {
  it('follows the page language with one observer for every element, and none once they are gone', async () => {
    const before = languageListeners();
    const wrapper = await fixture<HTMLDivElement>(html`
      <div lang="fa">
        <emzano-signature-pad></emzano-signature-pad>
        <emzano-signature-pad></emzano-signature-pad>
        <emzano-kyc token-endpoint="/nowhere" persist="off"></emzano-kyc>
      </div>
    `);
    expect(languageListeners()).to.equal(before + 3);
    const pads = [...wrapper.querySelectorAll('emzano-signature-pad')];
    const kyc = wrapper.querySelector('emzano-kyc')!;
    const label = (element: Element) => element.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('lang');
    await until(() => [...pads, kyc].every((element) => label(element) === 'fa'), 'Persian first');
    // The host switches language on an ancestor: every element follows, in place.
    wrapper.setAttribute('lang', 'en');
    await until(() => [...pads, kyc].every((element) => label(element) === 'en'), 'English everywhere');
    wrapper.remove();
    expect(languageListeners()).to.equal(before);
  });

  it('<emzano-document-status> stops for good when removed: no timer, no request, no resume waiting for the connection', async function () {
    this.timeout(20_000);
    let online = true;
    const descriptor = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
    const requests: string[] = [];
    const realFetch = window.fetch;
    window.fetch = ((input: RequestInfo | URL) => {
      requests.push(String(input));
      // The connection is down: every check fails as a network error does.
      return Promise.reject(new TypeError('Failed to fetch'));
    }) as typeof window.fetch;
    const listeners = watchOnlineListeners();
    try {
      online = false;
      const element = await fixture<EmzanoDocumentStatus>(
        html`<emzano-document-status
          document-id="2ac617da-02e4-4c36-afe1-f65919206d62"
          lang="en"
          poll-interval="50"
          max-poll-interval="60"
        ></emzano-document-status>`,
      );
      await until(() => element.shadowRoot!.querySelector('[part="error"]')?.textContent?.includes('offline') ?? false, 'offline shown');
      await until(() => requests.length >= 6, 'several failed checks');
      // Each failed check while offline replaces the one resume; it never piles up listeners.
      expect(listeners.live.size).to.equal(1);

      element.remove();
      expect(listeners.live.size, 'no online listener left').to.equal(0);
      const asked = requests.length;
      online = true;
      window.dispatchEvent(new Event('online'));
      // Four of its poll intervals: an element still polling would have asked again.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(requests.length, 'nothing polls once removed').to.equal(asked);
    } finally {
      listeners.restore();
      window.fetch = realFetch;
      Object.defineProperty(navigator, 'onLine', descriptor);
    }
  });

  it('refuses attributes of the wrong shape by name and keeps the defaults: <emzano-kyc> still works', async () => {
    const errors: EmzanoErrorEvent[] = [];
    const wrapper = document.createElement('div');
    wrapper.addEventListener('emzano-error', (event) => errors.push(event as EmzanoErrorEvent));
    document.body.append(wrapper);
    let kyc: EmzanoKyc | undefined;
    const logged = await consoleDuring('error', async () => {
      wrapper.innerHTML =
        '<emzano-kyc token-endpoint="/nowhere" persist="off" lang="en" signature="maybe" max-duration="abc"></emzano-kyc>';
      kyc = wrapper.querySelector('emzano-kyc') as EmzanoKyc;
      await until(() => errors.length === 2, 'both refused');
    });
    expect(errors.map((event) => [event.detail.code, event.detail.step, event.detail.detail])).to.deep.equal([
      ['invalid-property', 'enrol', 'signature must be "required", "optional" or "off"; got "maybe".'],
      ['invalid-property', 'enrol', 'maxDuration must be a number of seconds above 0; got NaN.'],
    ]);
    expect(logged.filter((line) => line.startsWith('<emzano-kyc>: '))).to.have.length(2);
    expect([kyc!.signature, kyc!.maxDuration]).to.deep.equal(['optional', 15]);
    expect(kyc!.shadowRoot!.getElementById('phone'), 'the first step is there to use').to.not.equal(null);
    wrapper.remove();
  });
});

describe('LazyPartsController', () => {
  class PartsHost extends LitElement {}
  customElements.define('lazy-parts-host', PartsHost);

  it('loads a part once, reports a failed load once with a retry, and require() rejects with the failure instead', async () => {
    const host = await fixture<PartsHost>(html`<lazy-parts-host></lazy-parts-host>`);
    let calls = 0;
    let failNext = 2;
    const failures: unknown[] = [];
    const retries: Array<() => void> = [];
    const parts = new LazyPartsController(
      host,
      {
        card: async () => {
          calls++;
          if (failNext-- > 0) throw new TypeError('Failed to fetch dynamically imported module');
          return { value: 42 };
        },
      },
      (error, retry) => {
        failures.push(error);
        retries.push(retry);
      },
    );
    // Two callers of one failing load: one report, both get nothing.
    expect(await Promise.all([parts.load('card'), parts.load('card')])).to.deep.equal([undefined, undefined]);
    expect(failures.length).to.equal(1);
    expect(calls).to.equal(1);
    // require() rejects with the cause and reports nothing: its caller shows it with its own retry.
    let rejected: unknown;
    await parts.require('card').catch((error: unknown) => (rejected = error));
    expect(rejected).to.be.instanceOf(TypeError);
    expect(failures.length).to.equal(1);
    // The retry loads again; once here, the part is kept and never loaded twice.
    retries[0]!();
    await until(() => parts.loaded.card !== undefined, 'the part after the retry');
    expect(await parts.require('card')).to.deep.equal({ value: 42 });
    expect(calls).to.equal(3);
  });
});
