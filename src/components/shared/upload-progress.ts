import { html } from 'lit';
import type { Translation } from '../../i18n/index.js';

/** A progress bar for an upload in flight, with its Cancel button (the element's live region announces it). */
export function renderUploadProgress(t: Translation, fraction: number, onCancel: () => void) {
  const percent = Math.round(fraction * 100);
  return html`
    <div part="upload" class="upload">
      <progress part="upload-progress" max="100" value=${percent} aria-label=${t.upload.label}></progress>
      <span>${t.upload.progress(percent)}</span>
      <button part="button" type="button" @click=${onCancel}>${t.upload.cancel}</button>
    </div>
  `;
}
