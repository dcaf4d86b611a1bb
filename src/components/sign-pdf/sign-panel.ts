/**
 * Sign mode's part of `<emzano-sign-pdf>` below the pages: where the person draws the signature,
 * then the Sign button (or, once signed, the download). Render only: the element passes what is
 * so now and what each button does. Loaded with the first document (beside pdf.js), together with
 * the signature pad and signature_pad behind it: a page that shows no document downloads neither.
 */
import { css, html, nothing } from 'lit';
import '../../emzano-signature-pad.js';
import type { Translation } from '../../i18n/index.js';
import { PAD_EXPORTPARTS } from '../shared/nested-pad.js';

/** Sign mode's styles (joined to the element's when its code loads, see signing-controller.ts). */
export const styles = css`
  [part='signature-panel'] {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  [part='download'] {
    color: var(--_color-primary);
    font-weight: 600;
  }
  [part='certificate-offer'] {
    display: grid;
    justify-items: start;
    gap: calc(var(--_space) / 2);
  }
  [part='certificate-offer'] p {
    margin: 0;
  }
`;

export interface SignPanelView {
  t: Translation;
  phase: 'empty' | 'loading' | 'ready' | 'signed';
  busy: boolean;
  theme: 'light' | 'dark' | undefined;
  signatureOnFile: boolean;
  /** The drawn signature, once uploaded. */
  signatureUrl: string | undefined;
  canSign: boolean;
  signed: { url: string; fileName: string } | undefined;
  /** The upload bar while one is in flight. */
  upload: unknown;
  onUseSignature: () => void;
  onSign: () => void;
}

export function renderSignPanel(view: SignPanelView) {
  return html`${renderSignaturePanel(view)} ${renderActions(view)}`;
}

function renderSignaturePanel({ t, phase, busy, theme, signatureOnFile, signatureUrl, onUseSignature }: SignPanelView) {
  if (phase !== 'ready' || signatureOnFile) return nothing;
  const s = t.signPdf;
  if (signatureUrl) return html`<div part="signature-panel"><p class="success">${s.signatureReady}</p></div>`;
  return html`
    <div part="signature-panel">
      <p part="status">${s.drawIntro}</p>
      <emzano-signature-pad
        part="signature-pad"
        exportparts=${PAD_EXPORTPARTS}
        lang=${t.lang}
        theme=${theme ?? nothing}
      ></emzano-signature-pad>
      <div part="actions">
        <button part="button" type="button" ?disabled=${busy} @click=${onUseSignature}>${s.useSignature}</button>
      </div>
    </div>
  `;
}

function renderActions({ t, phase, busy, canSign, signed, upload, onSign }: SignPanelView) {
  const s = t.signPdf;
  if (phase === 'signed' && signed) {
    return html`
      <div part="actions">
        <p class="success">${s.signed}</p>
        <a part="download" href=${signed.url} download=${signed.fileName.replace(/\.pdf$/i, '') + '-signed.pdf'}>${s.download}</a>
      </div>
    `;
  }
  if (phase !== 'ready') return nothing;
  return html`
    ${upload}
    <div part="actions">
      ${busy ? html`<p part="status" role="status">${s.signing}</p>` : nothing}
      <button part="button primary-button" class="primary" type="button" ?disabled=${!canSign} @click=${onSign}>${s.sign}</button>
    </div>
  `;
}
