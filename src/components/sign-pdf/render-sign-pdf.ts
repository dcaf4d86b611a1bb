/**
 * `<emzano-sign-pdf>` drawn from what is so now: the viewer's toolbar (with Add signature field in
 * sign mode) and pages, what sits on each page (the field to sign, or each signer's field on the
 * start page), the panel of the mode (signing, or the contract editor), the failure shown and the
 * live region. The element hands over its state and controllers; nothing here changes them.
 */
import { html, nothing } from 'lit';
import { uploadMilestone } from '../../core/announcements.js';
import type { PdfField } from '../../core/pdf-geometry.js';
import type { TaskController } from '../../controllers/task.js';
import type { Translation } from '../../i18n/index.js';
import type { PdfViewerController } from '../pdf-viewer/pdf-viewer-controller.js';
import { renderAnnouncer } from '../shared/announcer.js';
import type { ContractController } from './send-mode.js';
import type { PanelState, SigningController } from './signing-controller.js';

export interface SignPdfView {
  t: Translation;
  mode: 'sign' | 'send';
  phase: 'empty' | 'loading' | 'ready' | 'signed';
  /** The field to sign, in sign mode. */
  field: PdfField | undefined;
  panel: PanelState;
  task: TaskController;
  viewer: PdfViewerController;
  /** Each mode's controller, once its code has loaded. */
  signing: SigningController | undefined;
  contract: ContractController | undefined;
  onAddField: () => void;
}

export function renderSignPdf(view: SignPdfView) {
  const { t, mode, phase, task, viewer } = view;
  const ready = phase === 'ready';
  const send = mode === 'send';
  const addField =
    ready && !send
      ? html`<button part="button add-field-button" type="button" @click=${view.onAddField}>${t.signPdf.addField}</button>`
      : nothing;
  const panel = send ? ready && view.contract?.render(t) : view.signing?.renderPanel(t, view.panel);
  const progress = task.uploadProgress;
  return html`
    <div part="base" dir=${t.dir} lang=${t.lang} aria-busy=${task.busy || viewer.opening ? 'true' : 'false'}>
      ${viewer.renderToolbar(t, addField)} ${viewer.renderViewer(t, (page) => (ready ? renderFieldsOn(view, page) : nothing))}
      ${panel || nothing} ${task.renderFailure(t)} ${send ? nothing : view.signing?.renderCertificateOffer(t, view.panel)}
      ${renderAnnouncer(progress === undefined ? '' : t.upload.progress(uploadMilestone(progress)))}
    </div>
  `;
}

function renderFieldsOn({ t, mode, field, panel, viewer, signing, contract }: SignPdfView, page: number) {
  if (mode === 'send') return contract?.renderPage(page, t) ?? nothing;
  if (field?.page !== page) return nothing;
  const s = t.signPdf;
  const url = signing?.signature?.url;
  const content = url ? html`<img src=${url} alt="" />` : html`<span>${panel.signatureOnFile ? s.signatureOnFile : s.addField}</span>`;
  return viewer.renderField(t, { key: -1, field, content, label: s.fieldLabel(page) });
}
