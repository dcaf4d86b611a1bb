/**
 * `import 'emzano-elements/sign-pdf'` registers `<emzano-sign-pdf>` and the signature pad it uses.
 * pdf.js is not part of this module: it loads when a document is set.
 */
import { EmzanoSignPdf } from './components/sign-pdf/emzano-sign-pdf.js';
import { defineElement } from './internal/define.js';
import './emzano-signature-pad.js';

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
