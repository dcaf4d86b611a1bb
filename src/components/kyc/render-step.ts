/**
 * `<emzano-kyc>` drawn from one view of the attempt: the progress line and heading, the current
 * step (by that step's own module, loaded when first needed), what the person is told while
 * something runs or failed, and the live region. The element hands over what is so now and its
 * intents (`act`); nothing here reaches into the element.
 */
import { html, nothing } from 'lit';
import { countdownMilestone, uploadMilestone } from '../../core/announcements.js';
import { visibleSteps, type CertificateMode, type PlannedStep, type StepKind } from '../../core/kyc-flow.js';
import type { CertificateSummary } from '../../core/certificate-contract.js';
import type { TaskController } from '../../controllers/task.js';
import { renderAnnouncer } from '../shared/announcer.js';
import { catalogEntry } from '../../core/error-catalog.js';
import type { Translation } from '../../i18n/index.js';
import type { FieldName, KycAttempt, SignatureDraft } from './kyc-attempt.js';
import { renderEnrol } from './steps/enrol.js';
import type { ProviderEntry } from '../../providers/registry.js';
import type { CameraSteps } from './camera-steps.js';
import type { KycSettings } from './kyc-settings.js';
import type { HandoffScreen } from './handoff-link.js';

/** Each kind of step's code after enrolment, loaded on demand and fetched while the step before it is on screen. */
export const STEP_CODE = {
  inquiry: () => import('./steps/inquiry.js'),
  video: () => import('./steps/video.js'),
  signature: () => import('./steps/signature.js'),
  document: () => import('./steps/document.js'),
  certificate: () => import('./steps/certificate.js'),
  done: () => import('./steps/done.js'),
};

/** The steps after enrolment, as their modules load. */
export type StepCode = { [Kind in keyof typeof STEP_CODE]?: Awaited<ReturnType<(typeof STEP_CODE)[Kind]>> };

/** What the person can do on the steps. */
export interface KycActions {
  setValue(name: FieldName, value: string): void;
  enrol(): void;
  inquire(): void;
  confirmPerson(): void;
  editPerson(): void;
  sendVideo(): void;
  takePhoto(): void;
  choosePhoto(file: File): void;
  retakePhoto(): void;
  sendPhoto(): void;
  sendSignature(): void;
  skipSignature(): void;
  signatureChanged(): void;
  draftApplied(): void;
  /** What the certificate card holds changed. */
  certificateChanged(certificate: CertificateSummary | undefined): void;
  continueAfterCertificate(): void;
  /** Back to enrolment after the session ended, keeping what was typed. */
  startOver(): void;
  /** Cancel was pressed (`true`) or withdrawn (`false`): the question shows, or goes. */
  askCancel(asked: boolean): void;
  /** The person gives up: the provider is told, nothing is kept. */
  cancel(): void;
  /** "Continue on your phone". */
  handOff(): void;
}

export interface KycStepView {
  t: Translation;
  attempt: KycAttempt;
  /** The kind of the step on screen. */
  kind: StepKind | 'enrol';
  /** The provider's steps (before it said: all it may ask for). */
  plan: readonly PlannedStep[];
  /** What is known of the provider before its code loads: the first step's fields, its video container. */
  provider: ProviderEntry;
  errors: Partial<Record<FieldName, string>>;
  /** What runs now, what failed, and the upload bar. */
  task: TaskController;
  code: StepCode;
  cameras: CameraSteps;
  /** The element's settings (signature and certificate modes, recording limits, theme, endpoints). */
  settings: KycSettings;
  /** A valid certificate is held (the certificate step may be left). */
  certificateHeld: boolean;
  /** The person pressed Cancel: the question is on screen. */
  cancelAsked: boolean;
  signatureError: string | undefined;
  /** A drawing kept from before a reload, for the signature step to put back. */
  draft: SignatureDraft | undefined;
  /** The step on screen offers to continue on a phone. */
  handoffOffered: boolean;
  /** Whether this attempt ends with the certificate step (never on a phone that took over). */
  certificate: CertificateMode;
  act: KycActions;
}

/** The wizard: the step on screen, or the screen a handoff shows in its place (`handoff`). */
export function renderWizard(view: KycStepView, handoff?: HandoffScreen) {
  const { t, attempt, task } = view;
  const step = attempt.step;
  const steps = visibleSteps(view.plan, view.settings.signature, view.certificate);
  const index = Math.max(steps.indexOf(step), 0);
  const waiting = task.busy || (view.kind !== 'enrol' && !view.code[view.kind]);
  const title = t.steps[step] ?? step;
  return html`
    <section part="base" dir=${t.dir} lang=${t.lang} aria-busy=${waiting ? 'true' : 'false'}>
      ${handoff?.progress === false ? nothing : html`<p part="progress">${t.common.stepOf(index + 1, steps.length, title)}</p>`}
      <h2 part="heading" tabindex="-1">${handoff?.title ?? title}</h2>
      ${handoff ? handoff.body : html`${renderStep(view)} ${renderOffer(view)}`} ${renderFeedback(view)}
      ${handoff ? nothing : renderCancel(view)} ${renderAnnouncer(announcement(view))}
    </section>
  `;
}

/** "Continue on your phone", under a step that offers it. */
function renderOffer({ t, handoffOffered, act, task }: KycStepView) {
  if (!handoffOffered) return nothing;
  return html`<div part="actions" class="actions">
    <button part="button handoff-offer" type="button" ?disabled=${task.busy} @click=${act.handOff}>${t.handoff.offer}</button>
  </div>`;
}

/** What the live region says now: upload progress, else the recording countdown, in milestones. */
function announcement({ t, task, kind, cameras: { video: capture }, settings: recording }: KycStepView): string {
  if (task.uploadProgress !== undefined) return t.upload.progress(uploadMilestone(task.uploadProgress));
  if (kind === 'video' && capture.phase === 'recording') {
    const max = Math.max(1, recording.maxDuration);
    return t.video.secondsLeft(countdownMilestone(capture.secondsLeft || max, max));
  }
  return '';
}

/** The upload bar while uploading, else the failure shown (with Start over when the session ended), else "working". */
function renderFeedback({ t, task, act }: KycStepView) {
  const failure = task.failure;
  if (task.uploadProgress !== undefined) return task.renderUpload(t);
  if (!failure) return task.busy ? html`<p part="status" role="status">${t.common.working}</p>` : nothing;
  // The attempt has ended (a session or token expired or used up): only starting again helps.
  const sessionEnded = catalogEntry(failure.code).startOver === true;
  const startOver = html`<button part="button" type="button" @click=${act.startOver}>${t.common.startOver}</button>`;
  return task.renderFailure(t, sessionEnded ? startOver : nothing);
}

/**
 * On a provider's step, with a provider that is told when the person gives up: Cancel, asked
 * once more before anything is discarded.
 */
function renderCancel({ t, provider, plan, attempt, act, cancelAsked }: KycStepView) {
  if (!provider.cancellable || !plan.some((step) => step.id === attempt.step)) return nothing;
  if (!cancelAsked) return html`<button part="button cancel" type="button" @click=${() => act.askCancel(true)}>${t.cancel.ask}</button>`;
  return html`<div part="cancel-confirm" role="alertdialog" aria-labelledby="cancel-question">
    <p id="cancel-question">${t.cancel.question}</p>
    <div part="actions" class="actions">
      <button part="button" type="button" @click=${() => act.askCancel(false)}>${t.cancel.keep}</button>
      <button part="button" type="button" @click=${act.cancel}>${t.cancel.confirm}</button>
    </div>
  </div>`;
}

function renderStep(view: KycStepView) {
  const { t, attempt, errors, code, act } = view;
  const capture = view.cameras.video;
  const busy = view.task.busy;
  const { values, person, sentence, signatureUploaded } = attempt;
  // Until a step's code has arrived (a moment, normally: it is fetched ahead).
  const loading = view.task.failure ? nothing : html`<p part="status" role="status">${t.common.working}</p>`;
  switch (view.kind) {
    case 'enrol': {
      // A field the inquiry step's code draws (the birth date's calendar) waits for that code.
      const fields = view.provider.startFields;
      if (fields.some((field) => field === 'birthDate' || field === 'serial') && !code.inquiry) return loading;
      return renderEnrol({
        t,
        fields,
        values,
        errors,
        busy,
        birthDateField: code.inquiry?.renderSolarDateField,
        onInput: act.setValue,
        onSubmit: act.enrol,
      });
    }
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
      const { maxDuration, videoBitrate } = view.settings;
      return code.video.renderVideo({
        t,
        phase: capture.phase,
        stream: capture.stream,
        recordingUrl: capture.recordingUrl,
        sentence,
        intro: t.stepIntros?.[attempt.step],
        secondsLeft: capture.secondsLeft,
        busy,
        onStart: () =>
          void capture.start({
            maxDurationMs: Math.max(1, maxDuration) * 1000,
            videoBitsPerSecond: videoBitrate,
            audioBitsPerSecond: 48_000,
            container: view.provider.videoContainer,
            base64: view.provider.videoAsBase64,
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
        // A provider that cannot finish without the signature makes it required, whatever the host set.
        mode: view.plan.find((step) => step.id === attempt.step)?.required ? 'required' : view.settings.signature,
        theme: view.settings.theme,
        busy,
        error: view.signatureError,
        onSend: act.sendSignature,
        onSkip: act.skipSignature,
        onChange: act.signatureChanged,
        draft: view.draft,
        onDraftApplied: act.draftApplied,
      });
    case 'document':
      if (!code.document || !view.cameras.photo) return loading;
      return code.document.renderDocument({
        t,
        step: attempt.step,
        photo: view.cameras.photo,
        busy,
        onTake: act.takePhoto,
        onChoose: act.choosePhoto,
        onRetake: act.retakePhoto,
        onSend: act.sendPhoto,
      });
    case 'certificate':
      if (!code.certificate) return loading;
      return code.certificate.renderCertificateStep({
        t,
        theme: view.settings.theme,
        endpoint: view.settings.certificateEndpoint,
        persistKey: view.settings.persistKey,
        ready: view.certificateHeld,
        onChange: act.certificateChanged,
        onContinue: act.continueAfterCertificate,
      });
    case 'done':
      if (!code.done) return loading;
      return code.done.renderDone(t, person, signatureUploaded, view.settings.signature !== 'off', view.certificateHeld);
  }
}
