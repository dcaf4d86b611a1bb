/**
 * The single-file bundle from a plain page with nothing but a script tag (as the README shows).
 * Uses the built dist/, which `npm test` makes before the browser tests. This file imports no
 * source module, so the page holds only what the bundle defines.
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/dom.js';

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
  it('registers both elements from a classic script tag and renders them', async () => {
    await loadScript('/dist/cdn/emzano-elements.iife.js');
    const global = (window as unknown as { EmzanoElements: Record<string, unknown> }).EmzanoElements;
    expect(global['EmzanoKyc']).to.equal(customElements.get('emzano-kyc'));
    expect(global['EmzanoSignaturePad']).to.equal(customElements.get('emzano-signature-pad'));

    document.body.insertAdjacentHTML('beforeend', '<emzano-kyc token-endpoint="/api/emzano/token" lang="en"></emzano-kyc>');
    const element = document.body.lastElementChild as HTMLElement;
    await until(() => element.shadowRoot?.querySelector('[part="heading"]')?.textContent === 'Sign up', 'rendered heading');
    element.remove();
    // Loading it a second time (two copies on one page) must not throw.
    await loadScript('/dist/cdn/emzano-elements.iife.js?copy=2');
  });
});
