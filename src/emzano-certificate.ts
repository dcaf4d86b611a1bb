/** `import 'emzano-elements/certificate'` registers `<emzano-certificate>`. */
import { EmzanoCertificate } from './components/certificate/emzano-certificate.js';
import { defineElement } from './internal/define.js';

defineElement('emzano-certificate', EmzanoCertificate);

export { EmzanoCertificate };
export * from './events/certificate-events.js';
export type { CertificateSummary, RevocationReason } from './core/certificate-contract.js';

declare global {
  interface HTMLElementTagNameMap {
    'emzano-certificate': EmzanoCertificate;
  }
}
