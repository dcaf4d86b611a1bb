/**
 * The script-tag bundle from a plain page with nothing but a classic script tag (as the README shows).
 * Uses the built dist/, which `npm test` makes before the browser tests. This file imports no
 * source module, so the page holds only what the bundle defines.
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/dom.js';
import { resetEmulator, setFaults, testEnv } from '../helpers/env.js';

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener('error', () => reject(new Error(`${src} did not load`)), { once: true });
    document.head.append(script);
  });
}

describe('dist/cdn/emzano-elements.iife.js', () => {
  it('registers the elements from a classic script tag and renders them, pdf.js loaded beside it', async () => {
    await loadScript('/dist/cdn/emzano-elements.iife.js');
    // The classic script loads the ES bundle beside it; the global is a promise of its exports.
    const global = await (window as unknown as { EmzanoElements: Promise<Record<string, unknown>> }).EmzanoElements;
    expect(global['EmzanoKyc']).to.equal(customElements.get('emzano-kyc'));
    expect(global['EmzanoSignaturePad']).to.equal(customElements.get('emzano-signature-pad'));

    document.body.insertAdjacentHTML('beforeend', '<emzano-kyc token-endpoint="/api/emzano/token" lang="en"></emzano-kyc>');
    const element = document.body.lastElementChild as HTMLElement;
    await until(() => element.shadowRoot?.querySelector('[part="heading"]')?.textContent === 'Sign up', 'rendered heading');
    element.remove();

    // <emzano-sign-pdf> loads pdf.js and its worker from the files beside the bundle.
    document.body.insertAdjacentHTML('beforeend', '<emzano-sign-pdf src="/test/fixtures/upright.pdf" lang="en"></emzano-sign-pdf>');
    const viewer = document.body.lastElementChild as HTMLElement & { renderedPageCount: number };
    await until(
      () => viewer.shadowRoot?.querySelector('canvas') !== null && viewer.shadowRoot?.querySelector('canvas') !== undefined,
      'a page drawn',
      15_000,
    );
    expect(performance.getEntriesByType('resource').map((entry) => entry.name)).to.include.members([
      new URL('/dist/cdn/pdf.min.mjs', location.href).href,
      new URL('/dist/cdn/pdf.worker.min.mjs', location.href).href,
    ]);
    viewer.remove();
    // Emzano's numbered messages come from emzano-messages.mjs beside the bundle.
    await resetEmulator();
    await setFaults([{ kind: 'error', code: 1001, path: 'kyc/enroll', times: 1 }]);
    const { apiBase } = await testEnv();
    document.body.insertAdjacentHTML(
      'beforeend',
      `<emzano-kyc token-endpoint="/api/emzano/token" api-base="${apiBase}" lang="en"></emzano-kyc>`,
    );
    const kyc = document.body.lastElementChild as HTMLElement;
    await until(() => kyc.shadowRoot?.querySelector('#phone') !== null, 'kyc rendered');
    for (const [id, value] of [
      ['phone', '09121234567'],
      ['national-code', '0499370899'],
    ]) {
      const field = kyc.shadowRoot!.getElementById(id!) as HTMLInputElement;
      field.value = value!;
      field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    kyc.shadowRoot!.querySelector<HTMLButtonElement>('[part~="primary-button"]')!.click();
    await until(() => kyc.shadowRoot?.querySelector('[part="error"]') !== null, 'error shown', 10_000);
    expect(kyc.shadowRoot!.querySelector('[part="error"] p')!.textContent).to.equal(
      'This national code is already registered with a different mobile number.',
    );
    expect(performance.getEntriesByType('resource').map((entry) => entry.name)).to.include(
      new URL('/dist/cdn/emzano-messages.mjs', location.href).href,
    );
    kyc.remove();

    // Loading it a second time (two copies on one page) must not throw, and shares the one module.
    await loadScript('/dist/cdn/emzano-elements.iife.js?copy=2');
    expect(await (window as unknown as { EmzanoElements: Promise<Record<string, unknown>> }).EmzanoElements).to.equal(global);
    const scripts = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/dist/cdn/emzano-elements.js'));
    expect(scripts.length).to.equal(1);
  });
});
