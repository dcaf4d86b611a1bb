import { html, nothing } from 'lit';
import { PAD_EXPORTPARTS } from '../../shared/nested-pad.js';
import type { SignatureMode } from '../../../core/kyc-flow.js';
import type { Translation } from '../../../i18n/index.js';

export interface SignatureView {
  t: Translation;
  mode: SignatureMode;
  busy: boolean;
  error: string | undefined;
  onSend: () => void;
  onSkip: () => void;
  onChange: () => void;
  theme: 'light' | 'dark' | undefined;
}

export function renderSignature(view: SignatureView) {
  const { t } = view;
  return html`
    <p part="intro">${t.signature.intro}</p>
    <emzano-signature-pad
      part="signature-pad"
      exportparts=${PAD_EXPORTPARTS}
      lang=${t.lang}
      theme=${view.theme ?? nothing}
      ?required=${view.mode === 'required'}
      @emzano-signature-change=${view.onChange}
    ></emzano-signature-pad>
    ${view.error ? html`<small part="field-error" class="field-error">${view.error}</small>` : nothing}
    <div part="actions" class="actions">
      ${
        view.mode === 'optional'
          ? html`<button part="button" type="button" ?disabled=${view.busy} @click=${view.onSkip}>${t.signature.skip}</button>`
          : nothing
      }
      <button part="button primary-button" class="primary" type="button" ?disabled=${view.busy} @click=${view.onSend}>
        ${t.signature.send}
      </button>
    </div>
  `;
}
