/**
 * What `<emzano-certificate>` loads on connecting, in one file beside it: its strings in both
 * languages, its card, the certificate held in this browser (IndexedDB) and the host's endpoint. Its first
 * code stays a shell (the 12 KB budget); pkijs loads later still, when a key is made.
 */
import { enCertificate } from '../../i18n/en/certificate.js';
import { faCertificate } from '../../i18n/fa/certificate.js';
import { addStrings } from '../../i18n/index.js';

addStrings({ fa: faCertificate, en: enCertificate });

export { certificateClient } from '../../api/certificate-client.js';
export { reconcile, revokeCertificate, storedCertificate } from '../../certificate/certificate-holder.js';
export { base64ToBytes } from '../../core/base64.js';
export { renderCertificate } from './certificate-view.js';
import { css } from 'lit';
import { formFieldStyles } from '../../styles/form-fields.js';
import { certificateStyles } from './emzano-certificate.styles.js';

/** The card's styles, joined to the element's when this file arrives (LazyPartsController). */
export const styles = css`
  ${formFieldStyles}
  ${certificateStyles}
`;
