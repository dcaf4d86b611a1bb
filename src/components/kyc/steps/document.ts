import { css, html, nothing } from 'lit';
import { stageStyles } from './stage-styles.js';
import { CARD_ASPECT, GUIDE_WIDTH } from '../../../capture/still-camera.js';
import type { KycStep } from '../../../core/kyc-flow.js';
import { enDocumentPhoto } from '../../../i18n/en/document-photo.js';
import { faDocumentPhoto } from '../../../i18n/fa/document-photo.js';
import { addStrings, type Translation } from '../../../i18n/index.js';
import type { PhotoCapture } from '../photo-capture.js';

// This step's strings travel with it (and the camera's code, loaded when the camera opens).
addStrings({ fa: faDocumentPhoto, en: enDocumentPhoto });

/** The document stage's styles, adopted by `<emzano-kyc>` with this step's code. */
export const styles = css`
  ${stageStyles}
  /* The whole card shows, never cropped. */
  .document-stage video,
  .document-stage img {
    object-fit: contain;
  }
  /* The card's outline, the rest dimmed: where to hold the card. */
  .card-guide {
    position: absolute;
    inset: 0;
    margin: auto;
    inline-size: ${GUIDE_WIDTH * 100}%;
    max-block-size: ${GUIDE_WIDTH * 100}%;
    aspect-ratio: ${CARD_ASPECT};
    border: 3px dashed #fff;
    border-radius: 0.75rem;
    box-shadow: 0 0 0 100vmax rgb(0 0 0 / 45%);
    pointer-events: none;
  }
  .file-input {
    display: none;
  }
`;

export interface DocumentView {
  t: Translation;
  step: KycStep;
  photo: PhotoCapture;
  busy: boolean;
  onTake: () => void;
  onChoose: (file: File) => void;
  onRetake: () => void;
  onSend: () => void;
}

export function renderDocument(view: DocumentView) {
  const { t, photo } = view;
  const d = t.documentPhoto;
  const taken = photo.phase === 'taken' && photo.photo;
  const problem = taken ? photo.photo!.problem : undefined;
  const intro = photo.cameraFailed && !taken ? d.fallbackIntro : (t.stepIntros?.[view.step] ?? d.intro[view.step] ?? '');
  return html`
    <p part="intro">${intro}</p>
    <div part="stage" class="stage document-stage">
      ${
        taken
          ? html`<img part="photo" src=${photo.photoUrl!} alt=${d.photoLabel} />`
          : html`<video
                part="preview"
                class="document-preview"
                .srcObject=${photo.stream ?? null}
                autoplay
                muted
                playsinline
                aria-label=${d.previewLabel}
              ></video>
              <div class="card-guide" role="img" aria-label=${d.guideLabel}></div>`
      }
      ${photo.phase === 'opening' ? html`<div part="status" class="status">${d.preparing}</div>` : nothing}
      ${photo.phase === 'taking' ? html`<div part="status" class="status">${d.taking}</div>` : nothing}
    </div>
    ${
      taken
        ? problem
          ? html`<p part="photo-problem field-error" class="field-error" role="alert">${d.problems[problem]}</p>`
          : html`<p part="photo-accepted" role="status">${d.accepted}</p>`
        : nothing
    }
    <div part="actions" class="actions">${renderActions(view, Boolean(taken), Boolean(problem))}</div>
  `;
}

function renderActions(view: DocumentView, taken: boolean, refused: boolean) {
  const { t, photo, busy } = view;
  const d = t.documentPhoto;
  const choose = html`<button
      part="button"
      type="button"
      ?disabled=${busy || photo.phase === 'taking'}
      @click=${(event: Event) => ((event.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click()}
    >
      ${d.chooseFile}
    </button>
    <input
      class="file-input"
      type="file"
      accept="image/*"
      tabindex="-1"
      aria-hidden="true"
      @change=${(event: Event) => {
        const input = event.target as HTMLInputElement;
        const file = input.files?.[0];
        input.value = '';
        if (file) view.onChoose(file);
      }}
    />`;
  if (taken) {
    return html`
      <button part="button" type="button" ?disabled=${busy} @click=${view.onRetake}>${d.retake}</button>
      ${refused ? choose : nothing}
      <button part="button primary-button" class="primary" type="button" ?disabled=${busy || refused} @click=${view.onSend}>
        ${busy ? d.sending : d.send}
      </button>
    `;
  }
  return html`
    ${choose}
    <button part="button primary-button" class="primary" type="button" ?disabled=${photo.phase !== 'ready'} @click=${view.onTake}>
      ${d.take}
    </button>
  `;
}
