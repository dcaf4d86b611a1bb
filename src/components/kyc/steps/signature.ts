import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
// The pad (and signature_pad behind it) comes with this step, not with the element.
import '../../../emzano-signature-pad.js';
import type { EmzanoSignaturePad } from '../../signature-pad/emzano-signature-pad.js';
import type { SignatureDraft } from '../kyc-attempt.js';
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
  /** A drawing (or typed name) kept from before a reload, put back once the pad is on screen. */
  draft?: SignatureDraft | undefined;
  /** The draft is back on the pad: the element can let go of it. */
  onDraftApplied?: () => void;
}

function applyDraft(pad: EmzanoSignaturePad, draft: SignatureDraft): void {
  void pad.updateComplete.then(() => {
    if (draft.strokes) pad.strokes = draft.strokes;
    if (draft.typedName !== undefined) {
      pad.mode = 'type';
      pad.typedName = draft.typedName;
    }
  });
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
      ${ref((pad) => {
        if (!pad || !view.draft) return;
        applyDraft(pad as EmzanoSignaturePad, view.draft);
        view.onDraftApplied?.();
      })}
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
