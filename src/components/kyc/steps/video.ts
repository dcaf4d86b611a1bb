import { css, html, nothing } from 'lit';
import { stageStyles } from './stage-styles.js';
import { addStrings, type Translation } from '../../../i18n/index.js';
import { enVideo } from '../../../i18n/en/video.js';
import { faVideo } from '../../../i18n/fa/video.js';
import type { CapturePhase } from '../video-capture.js';

// This step's strings travel with it.
addStrings({ fa: faVideo, en: enVideo });

/** The camera stage's styles, adopted by `<emzano-kyc>` with this step's code. */
export const styles = css`
  ${stageStyles}
  .mirrored {
    transform: scaleX(-1);
  }
  .sentence {
    position: absolute;
    inset-inline: 0;
    inset-block-start: 0;
    padding: var(--_space);
    background: linear-gradient(rgb(0 0 0 / 75%), transparent);
    color: #fff;
    display: grid;
    gap: 0.25rem;
  }
  .sentence-label {
    font-size: 0.875rem;
    opacity: 0.85;
  }
  .sentence-text {
    font-size: var(--emzano-kyc-sentence-size, 1.6rem);
    font-weight: 700;
    line-height: 1.5;
  }
  .stage .countdown {
    background: rgb(180 35 24 / 90%);
  }
  /* A pulsing dot says "recording" without words (still under reduced motion). */
  .countdown::before {
    content: '';
    display: inline-block;
    inline-size: 0.6rem;
    block-size: 0.6rem;
    margin-inline-end: 0.4rem;
    border-radius: 50%;
    background: currentColor;
    animation: emzano-pulse 1s ease-in-out infinite alternate;
  }
  @keyframes emzano-pulse {
    from {
      opacity: 1;
    }
    to {
      opacity: 0.25;
    }
  }
`;

export interface VideoView {
  t: Translation;
  phase: CapturePhase;
  stream: MediaStream | undefined;
  recordingUrl: string | undefined;
  sentence: string | undefined;
  /** The provider's own explanation of this video step, when the general one does not fit (an admittance statement). */
  intro?: string | undefined;
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
    <p part="intro">${view.intro ?? t.video.intro}</p>
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
