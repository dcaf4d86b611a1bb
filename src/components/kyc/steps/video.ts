import { html, nothing } from 'lit';
import type { Translation } from '../../../i18n/index.js';
import type { CapturePhase } from '../video-capture.js';

export interface VideoView {
  t: Translation;
  phase: CapturePhase;
  stream: MediaStream | undefined;
  recordingUrl: string | undefined;
  sentence: string | undefined;
  secondsLeft: number;
  busy: boolean;
  onStart: () => void;
  onStop: () => void;
  onRetake: () => void;
  onSend: () => void;
}

export function renderVideo(view: VideoView) {
  const { t, phase } = view;
  const recorded = phase === 'recorded' && view.recordingUrl;
  return html`
    <p part="intro">${t.video.intro}</p>
    <div part="stage" class="stage">
      ${
        recorded
          ? html`<video part="playback" src=${view.recordingUrl!} controls playsinline aria-label=${t.video.recordedLabel}></video>`
          : html`<video
              part="preview"
              class="mirrored"
              .srcObject=${view.stream ?? null}
              autoplay
              muted
              playsinline
              aria-label=${t.video.previewLabel}
            ></video>`
      }
      ${
        view.sentence && !recorded
          ? html`<div part="sentence" class="sentence">
              <span class="sentence-label">${t.video.readAloud}</span>
              <span class="sentence-text" lang="fa" dir="rtl">${view.sentence}</span>
            </div>`
          : nothing
      }
      ${
        phase === 'recording'
          ? html`<div part="countdown" class="countdown" role="timer">${t.video.secondsLeft(view.secondsLeft)}</div>`
          : nothing
      }
      ${phase === 'opening' ? html`<div part="status" class="status">${t.video.preparing}</div>` : nothing}
    </div>
    <div part="actions" class="actions">${renderVideoActions(view)}</div>
  `;
}

function renderVideoActions(view: VideoView) {
  const { t } = view;
  switch (view.phase) {
    case 'recording':
      return html`<button part="button primary-button" class="primary" type="button" @click=${view.onStop}>${t.video.stop}</button>`;
    case 'recorded':
      return html`
        <button part="button" type="button" ?disabled=${view.busy} @click=${view.onRetake}>${t.video.retake}</button>
        <button part="button primary-button" class="primary" type="button" ?disabled=${view.busy} @click=${view.onSend}>
          ${view.busy ? t.video.sending : t.video.send}
        </button>
      `;
    default:
      return html`<button
        part="button primary-button"
        class="primary"
        type="button"
        ?disabled=${view.phase !== 'ready' || !view.sentence}
        @click=${view.onStart}
      >
        ${t.video.start}
      </button>`;
  }
}
