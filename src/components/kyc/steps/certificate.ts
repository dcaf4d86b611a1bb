import { html, nothing } from 'lit';
// The certificate card (and pkijs behind it, when a key is made) comes with this step, not with the wizard.
import '../../../emzano-certificate.js';
import type { CertificateSummary } from '../../../core/certificate-contract.js';
import type { EmzanoCertificateChangeEvent } from '../../../events/certificate-events.js';
import type { Translation } from '../../../i18n/index.js';

/** The nested card's parts, under names of their own on `<emzano-kyc>`. */
const CERTIFICATE_EXPORTPARTS = 'details: certificate-details, download: certificate-download';

export interface CertificateStepView {
  t: Translation;
  theme: 'light' | 'dark' | undefined;
  endpoint: string;
  persistKey: string;
  /** A valid certificate is in this browser: the person may go on. */
  ready: boolean;
  onChange: (certificate: CertificateSummary | undefined) => void;
  onContinue: () => void;
}

export function renderCertificateStep(view: CertificateStepView) {
  const { t } = view;
  return html`
    <emzano-certificate
      part="certificate"
      exportparts=${CERTIFICATE_EXPORTPARTS}
      lang=${t.lang}
      theme=${view.theme ?? nothing}
      certificate-endpoint=${view.endpoint}
      persist-key=${view.persistKey}
      @emzano-certificate-change=${(event: EmzanoCertificateChangeEvent) => view.onChange(event.detail.certificate)}
    ></emzano-certificate>
    <div part="actions" class="actions">
      <button part="button primary-button" class="primary" type="button" ?disabled=${!view.ready} @click=${view.onContinue}>
        ${t.certificateStep.continue}
      </button>
    </div>
  `;
}
