/**
 * A browser that refuses IndexedDB (a private window in some browsers, storage disabled by policy):
 * `<emzano-certificate>` says so in the person's language, makes no key it could not keep, and asks
 * the CA for nothing. In a page of its own, so the refusal is in place before any store is opened.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { EmzanoCertificate } from '../../src/components/certificate/emzano-certificate.js';
import type { EmzanoErrorEvent } from '../../src/events/error-event.js';
import { until } from '../helpers/dom.js';

// Before anything opens a database: every open is refused, as such a browser does.
const refuse = () => {
  throw new DOMException('The user denied permission to access the database.', 'InvalidStateError');
};
Object.defineProperty(indexedDB, 'open', { value: refuse, configurable: true });

describe('<emzano-certificate> where the browser will not keep a key', () => {
  it('says why in Persian, and the CA is asked nothing', async function () {
    this.timeout(20_000);
    await fetch('/__ra/reset', { method: 'POST' });
    await import('../../src/emzano-certificate.js');
    const failed = new Promise<EmzanoErrorEvent>((resolve) =>
      document.addEventListener('emzano-error', (event) => resolve(event), { once: true }),
    );
    const element = await fixture<EmzanoCertificate>(
      html`<emzano-certificate lang="fa" persist-key="private-window"></emzano-certificate>`,
    );
    const { detail } = await failed;
    expect(detail).to.include({ code: 'key-storage-unavailable', step: 'certificate', retryable: false });
    await until(() => element.shadowRoot!.querySelector('[part="error"]') !== null, 'the message');
    expect(element.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('این مرورگر اجازهٔ نگه‌داشتن کلید امضا را نمی‌دهد');
    const calls = (await (await fetch('/__ra/requests')).json()) as { name: string }[];
    expect(calls.map((call) => call.name)).to.not.include('RegisterInfo');
  });
});
