/**
 * Restyling from outside: custom properties, ::part, the dark scheme (followed or pinned with
 * `theme`), and reduced motion. axe checks the dark palette's contrast on every element.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/all.js';
import type { EmzanoKyc } from '../../src/components/kyc/emzano-kyc.js';
import { untilDocumentReady } from '../helpers/dom.js';

const part = (host: Element, name: string) => host.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const style = (element: Element) => getComputedStyle(element);

async function mountAll(theme?: string) {
  const wrapper = await fixture<HTMLDivElement>(html`
    <div lang="en">
      <emzano-kyc token-endpoint="/api/emzano/token" theme=${theme ?? ''}></emzano-kyc>
      <emzano-sign-pdf src="/test/fixtures/upright.pdf" theme=${theme ?? ''} style="--emzano-sign-pdf-height: 300px"></emzano-sign-pdf>
      <emzano-signature-pad theme=${theme ?? ''}></emzano-signature-pad>
    </div>
  `);
  for (const element of wrapper.children) if (!element.getAttribute('theme')) element.removeAttribute('theme');
  const kyc = wrapper.querySelector('emzano-kyc') as EmzanoKyc;
  const signPdf = wrapper.querySelector('emzano-sign-pdf')!;
  await untilDocumentReady(signPdf);
  return { wrapper, kyc, signPdf, pad: wrapper.querySelector('emzano-signature-pad')! };
}

describe('theming', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  it('follows a dark system scheme with readable contrast, and theme="light" pins light', async function () {
    this.timeout(30_000);
    await emulateMedia({ colorScheme: 'dark' });
    const dark = await mountAll();
    expect(style(part(dark.kyc, 'base')).backgroundColor).to.equal('rgb(22, 27, 34)');
    expect(style(part(dark.kyc, 'heading')).color).to.equal('rgb(230, 235, 241)');
    expect(style(dark.kyc).colorScheme).to.equal('dark');
    // The signature pad stays paper-white: the ink must read on the exported image.
    expect(style(part(dark.pad, 'canvas')).backgroundColor).to.equal('rgb(255, 255, 255)');
    for (const element of [dark.kyc, dark.signPdf, dark.pad]) await expect(element).shadowDom.to.be.accessible();
    dark.wrapper.remove();

    const pinned = await mountAll('light');
    expect(style(part(pinned.kyc, 'base')).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(style(pinned.kyc).colorScheme).to.equal('light');
  });

  it('theme="dark" on a light system, passed down to the nested signature pad', async function () {
    this.timeout(30_000);
    const { kyc, signPdf } = await mountAll('dark');
    expect(style(part(kyc, 'base')).backgroundColor).to.equal('rgb(22, 27, 34)');
    const nested = signPdf.shadowRoot!.querySelector('emzano-signature-pad')!;
    expect(nested.getAttribute('theme')).to.equal('dark');
    expect(style(part(nested, 'clear-button')).color).to.equal('rgb(230, 235, 241)');
    await expect(signPdf).shadowDom.to.be.accessible();
  });

  it('takes colours, radius, spacing and font from --emzano-* and any ::part rule', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`
      <div
        lang="en"
        style="--emzano-color-primary: rgb(120, 20, 90); --emzano-radius: 2px; --emzano-font-family: monospace; --emzano-space: 2rem"
      >
        <style>
          emzano-kyc::part(heading) {
            text-transform: uppercase;
          }
        </style>
        <emzano-kyc token-endpoint="/api/emzano/token"></emzano-kyc>
      </div>
    `);
    const kyc = wrapper.querySelector('emzano-kyc') as EmzanoKyc;
    await kyc.updateComplete;
    const primary = part(kyc, 'primary-button');
    expect(style(primary).backgroundColor).to.equal('rgb(120, 20, 90)');
    expect(style(primary).borderTopLeftRadius).to.equal('2px');
    expect(style(primary).fontFamily).to.equal('monospace');
    expect(style(part(kyc, 'heading')).textTransform).to.equal('uppercase');
    expect(style(part(kyc, 'base')).paddingTop, '--emzano-space').to.equal('32px');
  });

  it('drops transitions and animations when the person asks for reduced motion', async () => {
    const pad = await fixture(html`<emzano-signature-pad lang="en"></emzano-signature-pad>`);
    const button = part(pad, 'clear-button');
    expect(style(button).transitionDuration).to.match(/0\.15s/);
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(style(button).transitionDuration).to.equal('0s');
  });
});
