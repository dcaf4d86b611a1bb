/**
 * `<emzano-kyc>`'s current step, drawn by that step's own module (loaded when first needed) from
 * one view of the attempt. The element hands over what is so now and its intents (`act`); the
 * steps never reach into the element.
 */
import { html, nothing } from 'lit';
import type { KycStep, SignatureMode } from '../../core/kyc-flow.js';
import type { Translation } from '../../i18n/index.js';
import type { FieldName, KycAttempt, SignatureDraft } from './kyc-attempt.js';
import { renderEnrol } from './steps/enrol.js';
import type { VideoCapture } from './video-capture.js';

/** The steps after enrolment, as their modules load (see `STEP_CODE`). */
export interface StepCode {
  inquiry?: typeof import('./steps/inquiry.js');
  video?: typeof import('./steps/video.js');
  signature?: typeof import('./steps/signature.js');
  done?: typeof import('./steps/done.js');
}

/** What the person can do on the steps. */
export interface KycActions {
  setValue(name: FieldName, value: string): void;
  enrol(): void;
  inquire(): void;
  confirmPerson(): void;
  editPerson(): void;
  sendVideo(): void;
  sendSignature(): void;
  skipSignature(): void;
  signatureChanged(): void;
  draftApplied(): void;
}

export interface KycStepView {
  t: Translation;
  attempt: KycAttempt;
  errors: Partial<Record<FieldName, string>>;
  busy: boolean;
  /** A failure is shown (the step's "working…" gives way to it). */
  failed: boolean;
  code: StepCode;
  capture: VideoCapture;
  recording: { maxDuration: number; videoBitrate: number };
  signatureMode: SignatureMode;
  theme: 'light' | 'dark' | undefined;
  signatureError: string | undefined;
  /** A drawing kept from before a reload, for the signature step to put back. */
  draft: SignatureDraft | undefined;
  act: KycActions;
}

export function renderStep(view: KycStepView) {
  const { t, attempt, errors, busy, code, capture, act } = view;
  const { values, person, sentence, signatureUploaded } = attempt;
  // Until a step's code has arrived (a moment, normally: it is fetched ahead).
  const loading = view.failed ? nothing : html`<p part="status" role="status">${t.common.working}</p>`;
  const step: KycStep = attempt.step;
  switch (step) {
    case 'enrol':
      return renderEnrol({
        t,
        phone: values.phone,
        nationalCode: values.nationalCode,
        errors: { phone: errors.phone, nationalCode: errors.nationalCode },
        busy,
        onPhone: (value) => act.setValue('phone', value),
        onNationalCode: (value) => act.setValue('nationalCode', value),
        onSubmit: act.enrol,
      });
    case 'inquiry':
      if (!code.inquiry) return loading;
      return code.inquiry.renderInquiry({
        t,
        birthDate: values.birthDate,
        serial: values.serial,
        errors: { birthDate: errors.birthDate, serial: errors.serial },
        busy,
        person,
        onBirthDate: (value) => act.setValue('birthDate', value),
        onSerial: (value) => act.setValue('serial', value),
        onSubmit: act.inquire,
        onConfirm: act.confirmPerson,
        onEdit: act.editPerson,
      });
    case 'video': {
      if (!code.video) return loading;
      const { maxDuration, videoBitrate } = view.recording;
      return code.video.renderVideo({
        t,
        phase: capture.phase,
        stream: capture.stream,
        recordingUrl: capture.recordingUrl,
        sentence,
        secondsLeft: capture.secondsLeft,
        busy,
        onStart: () =>
          void capture.start({
            maxDurationMs: Math.max(1, maxDuration) * 1000,
            videoBitsPerSecond: videoBitrate,
            audioBitsPerSecond: 48_000,
          }),
        onStop: () => capture.stop(),
        onRetake: () => capture.retake(),
        onSend: act.sendVideo,
      });
    }
    case 'signature':
      if (!code.signature) return loading;
      return code.signature.renderSignature({
        t,
        mode: view.signatureMode,
        theme: view.theme,
        busy,
        error: view.signatureError,
        onSend: act.sendSignature,
        onSkip: act.skipSignature,
        onChange: act.signatureChanged,
        draft: view.draft,
        onDraftApplied: act.draftApplied,
      });
    case 'done':
      if (!code.done) return loading;
      return code.done.renderDone(t, person, signatureUploaded, view.signatureMode !== 'off');
  }
}
