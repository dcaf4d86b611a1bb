/**
 * `import 'emzano-elements/sign-pdf'` registers `<emzano-sign-pdf>`. pdf.js and the signature pad
 * it nests are not part of this module: both load when a document is first set.
 */
import { EmzanoSignPdf } from './components/sign-pdf/emzano-sign-pdf.js';
import { defineElement } from './internal/define.js';

defineElement('emzano-sign-pdf', EmzanoSignPdf);

export { EmzanoSignPdf };
export * from './events/sign-pdf-events.js';
export type { PdfField } from './core/pdf-geometry.js';
export type { Signer, SignerContext } from './signing/signer.js';
export { webCryptoSigner } from './signing/signer.js';

declare global {
  interface HTMLElementTagNameMap {
    'emzano-sign-pdf': EmzanoSignPdf;
  }
}
