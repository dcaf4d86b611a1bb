import type { PropertyValues } from 'lit';
import { preload, preloadConnection } from '../../api/lazy-connection.js';
import { kindOf, nextStep, type KycStep, type PlannedStep, type StepKind } from '../../core/kyc-flow.js';
import type { ExportEvidenceOptions } from '../../evidence/evidence-package.js';
import { withSentFile, type KycRecord } from '../../evidence/sent-files.js';
import { normalizeCardSerial, type Validated } from '../../core/validation.js';
import { FieldErrorsController } from '../../controllers/field-errors.js';
import { EmzanoCompleteEvent, EmzanoStepEvent } from '../../events/kyc-events.js';
import { addStrings } from '../../i18n/index.js';
import { enKyc } from '../../i18n/en/kyc.js';
import { faKyc } from '../../i18n/fa/kyc.js';
import { KycSettings } from './kyc-settings.js';
import { LazyPartsController } from '../../controllers/lazy-parts.js';
import { TaskController } from '../../controllers/task.js';
import { refuseWrongShapes } from '../../internal/property-shapes.js';
import { PROPERTY_SHAPES } from './property-shapes.js';
import { feedbackStyles } from '../../styles/feedback.js';
import { hostStyles } from '../../styles/tokens.js';
import type { EmzanoSignaturePad } from '../signature-pad/emzano-signature-pad.js';
import { kycStyles } from './emzano-kyc.styles.js';
import type { StartValues } from '../../providers/kyc-provider.js';
import { ProviderHolder } from './provider-holder.js';
import {
  attemptKey,
  attemptOf,
  certificateStep,
  freshAttempt,
  savedAttempt,
  startChecks,
  type FieldName,
  type KycAttempt,
  type SavedKycAttempt,
  type SignatureDraft,
} from './kyc-attempt.js';
import { renderWizard, STEP_CODE, type KycActions, type KycStepView } from './render-step.js';
import { CameraSteps } from './camera-steps.js';
import { photoUpload, signatureUpload, videoUpload, type StepUpload } from './step-uploads.js';
import { HandoffLink } from './handoff-link.js';
import { KycKeeper } from './kyc-keeper.js';

addStrings({ fa: faKyc, en: enKyc });

/**
 * Identity verification (e-KYC) as one element, through Emzano (default: enrolment, civil-registry
 * inquiry, a selfie video reading a random sentence, a handwritten signature) or Dipar
 * (`provider="dipar"`: also a statement read on video and photos of the national card).
 *
 * With Emzano the person can move to their phone mid-way ("Continue on your phone": a QR code and
 * a link; `handoff-endpoint`, `handoff`, `handoff-url`); this element on the phone's page takes over and the desktop
 * follows it, then completes as it would have alone.
 *
 * @summary A complete e-KYC wizard that talks to the identity provider through the host's endpoint.
 * @tag emzano-kyc
 *
 * @event emzano-step - The wizard moved to another step. Detail: `{ step }`.
 * @event emzano-complete - Every step is done. Detail: `{ userId, person, signatureUploaded, session, provider }` (hand an Emzano `session` to `<emzano-sign-pdf>`).
 * @event emzano-error - Something failed; the person is shown why. Detail: `{ code, message, step, retryable, detail? }` (`detail` names the property for `invalid-property`).
 *
 * @csspart base - The card around the whole wizard.
 * @csspart progress - "Step 2 of 5" line.
 * @csspart heading - The step's title.
 * @csspart intro - The step's explanation.
 * @csspart form - A step's form.
 * @csspart field - A label, input, hint and error group.
 * @csspart label - A field label.
 * @csspart input - A text input.
 * @csspart hint - A field hint.
 * @csspart field-error - A field's error message.
 * @csspart actions - A row of buttons.
 * @csspart button - Any button.
 * @csspart primary-button - The main button of a step.
 * @csspart person - The registry details to confirm.
 * @csspart stage - The camera area.
 * @csspart preview - The live camera video.
 * @csspart playback - The recorded video.
 * @csspart sentence - The sentence to read, over the camera.
 * @csspart countdown - Seconds left while recording.
 * @csspart photo - A document photo taken or chosen (Dipar's card steps).
 * @csspart photo-problem - Why a document photo is refused (blurred, glare, too dark).
 * @csspart photo-accepted - A document photo's "clear enough" note.
 * @csspart signature-pad - The nested `<emzano-signature-pad>`.
 * @csspart signature-canvas - The nested pad's drawing surface.
 * @csspart signature-actions - The nested pad's buttons row.
 * @csspart signature-mode-button - The nested pad's draw/type switch.
 * @csspart signature-typed-input - The nested pad's typed-name input.
 * @csspart error - The error box with its retry button.
 * @csspart upload - The upload progress bar and its Cancel button.
 * @csspart upload-progress - The progress bar itself.
 * @csspart summary - The final summary.
 * @csspart certificate - The certificate step's nested `<emzano-certificate>` (`certificate="issue"`).
 * @csspart certificate-details - Its certificate's name, issuer, serial number and dates.
 * @csspart certificate-download - Its link to the `.cer` file.
 * @csspart cancel - Cancel verification, on a provider's steps (Dipar).
 * @csspart cancel-confirm - The question before a verification is cancelled, with its two buttons.
 * @csspart handoff-offer - "Continue on your phone", at the video step (`handoff` not `off`).
 * @csspart handoff - The desktop's handoff panel: the code, the link, then the phone's progress.
 * @csspart handoff-no-camera - The panel's note that this device has no camera.
 * @csspart handoff-code - The box around the QR code.
 * @csspart handoff-qr - The QR code itself (an SVG image of the link).
 * @csspart handoff-link - The link for the phone, to copy.
 * @csspart handoff-expiry - How long the code shown still works.
 * @csspart handoff-status - Waiting for the phone, or the step the phone is on.
 * @csspart handoff-steps - The steps handed to the phone, each done or to do.
 * @csspart handoff-end - The phone's last screen: return to the computer, or why its code did not work.
 * @csspart announcer - The visually hidden live region that announces the countdown and upload progress.
 *
 * @cssproperty --emzano-kyc-max-width - Widest the wizard grows. Default `36rem`.
 * @cssproperty --emzano-kyc-background - Card background. Default `--emzano-color-surface`.
 * @cssproperty --emzano-kyc-sentence-size - Font size of the sentence to read. Default `1.6rem`.
 */
export class EmzanoKyc extends KycSettings {
  static override styles = [hostStyles, feedbackStyles, kycStyles];
  static override properties = {
    ...KycSettings.properties,
    attempt: { state: true },
    certificateHeld: { state: true },
    signatureError: { state: true },
    cancelAsked: { state: true },
  };

  declare private certificateHeld: boolean | undefined;
  declare private attempt: KycAttempt;
  declare private signatureError: string | undefined;
  declare private cancelAsked: boolean;

  private readonly task = new TaskController(this, { language: () => this.language, step: () => this.attempt.step });
  private readonly fields = new FieldErrorsController<FieldName>(this, (error) => this.t.validation[error]);
  private readonly steps = new LazyPartsController(this, STEP_CODE, (error, retry) => this.task.fail(error, retry));
  private readonly keeper: KycKeeper = new KycKeeper(this, {
    enabled: () => this.persist !== 'off',
    scope: () => this.persistKey,
    snapshot: () =>
      savedAttempt(this.attempt, this.provider, this.identity.made?.attemptId, this.cameras.video.recording, this.pad ?? this.draft),
    resume: (saved) => this.identity.resume(saved, () => !this.touched && this.step === 'enrol'),
    putBack: (saved) => this.putBack(saved),
  });
  private readonly saved = this.keeper.saved;
  private readonly cameras = new CameraSteps(this, {
    hiddenReleaseMs: () => this.cameraHiddenTimeout * 1000,
    recorded: () => void this.saved.save(),
    fail: (error, retry) => {
      // No camera here, and the host asked for the phone in that case: the handoff shows instead.
      if (error.code === 'camera-not-found' && this.handoffs.cameraMissing()) return;
      this.task.fail(error, () => (this.task.clear(), retry()));
    },
  });
  /** The identity provider the steps talk to, for the current settings. */
  private readonly identity: ProviderHolder = new ProviderHolder(this);
  /** Continuing on a phone: this page as the desktop that hands off, or as the phone that takes over. */
  private readonly handoffs: HandoffLink = new HandoffLink({
    host: this,
    settings: this,
    attempt: () => this.attempt,
    change: (changes) => this.change(changes),
    plan: () => this.plan,
    goTo: (step) => this.goTo(step),
    advance: (from, signal) => this.advance(signal, from),
    next: (from) => this.next(from),
    provider: () => this.identity.get(),
    run: (work) => void this.task.run(work),
    fail: (error, retry) => this.task.fail(error, retry),
    releaseCamera: () => this.cameras.release(),
    begin: (changes) => (this.attempt = { ...freshAttempt(), ...changes }),
    restore: (id) => this.keeper.restore(id),
  });
  /** The drawing kept from before a reload, until the signature step puts it back on the pad. */
  private draft: SignatureDraft | undefined;
  /** What was sent in this attempt, kept in memory for `exportEvidence()`. */
  private evidence: KycRecord = {};
  /** Whether the person typed or submitted anything yet (a late restore must not overwrite it). */
  private touched = false;

  constructor() {
    super();
    this.startFresh();
  }

  /** The state of a new attempt. */
  private startFresh(): void {
    this.attempt = freshAttempt();
    this.fields.clear();
    this.task.clear();
    this.signatureError = undefined;
    this.cancelAsked = false;
    this.evidence = {};
  }

  private change(changes: Partial<KycAttempt>): void {
    this.attempt = { ...this.attempt, ...changes };
  }

  /** The step shown now: `enrol`, then the provider's (Emzano: `inquiry`, `video`, `signature`), `certificate`, `done`. */
  get step(): KycStep {
    return this.attempt.step;
  }

  private kind(step: KycStep = this.step): StepKind | 'enrol' {
    return kindOf(step, this.plan);
  }

  private next(from: KycStep = this.step): KycStep {
    return nextStep(from, this.plan, this.signature, certificateStep(this.attempt, this.certificate));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    preloadConnection();
    preload(() => this.identity.preload());
    // Moved in the DOM while on a camera step: the camera was released on disconnect.
    if (this.hasUpdated) this.enterCamera();
    else if (!this.handoffs.joinIfPhone()) void this.keeper.restore();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    refuseWrongShapes(this, changed, this.task, PROPERTY_SHAPES);
    // A new provider: the attempt so far is given up (its provider told). A new provider or signed-in user: unfinished work, if any.
    if (changed.has('provider') && this.hasUpdated) this.reset();
    if ((changed.has('persistKey') || changed.has('provider')) && this.hasUpdated) void this.keeper.restore();
    // A provider whose first step asks for the birth date or card serial: their fields come with the inquiry step's code.
    if (this.identity.entry.startFields.some((field) => field === 'birthDate' || field === 'serial')) void this.steps.load('inquiry');
    const step = this.attempt.step;
    if (changed.get('attempt')?.step === step) return;
    const kind = this.kind(step);
    if (kind !== 'enrol') void this.steps.load(kind);
    // What comes next is fetched while the person works on this step.
    const next = this.kind(this.next(step));
    if (next !== 'enrol' && next !== kind) preload(() => void this.steps.load(next, true));
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('attempt')) this.keeper.changed(this.step);
    const before = changed.get('attempt') as KycAttempt | undefined;
    if (before && before.step !== this.step) {
      // Move focus to the new step's heading so keyboard and screen-reader users follow along.
      this.renderRoot.querySelector<HTMLElement>('[part="heading"]')?.focus();
    }
  }

  /** The provider's steps: as it said at the start, or before that all it may ask for (for the count). */
  private get plan(): readonly PlannedStep[] {
    return this.attempt.plan ?? this.identity.entry.steps;
  }

  // Step transitions ---------------------------------------------------------------------------

  private goTo(step: KycStep): void {
    const from = this.step;
    this.task.clear();
    if (step !== from) this.cameras.release();
    this.change({ step, sentence: step === from ? this.attempt.sentence : undefined });
    this.enterCamera();
    this.handoffs.stepShown(step, from);
    this.emit(new EmzanoStepEvent({ step }));
    if (step !== 'done') return;
    void this.saved.forget(attemptKey(this.attempt));
    // The phone's part ends on "return to your computer": the desktop completes, once.
    if (this.attempt.handoff?.role === 'phone') return;
    const handed = this.identity.made?.handOver();
    if (!handed) return;
    this.evidence.userId = handed.userId;
    this.evidence.completedAt = new Date().toISOString();
    const { person, signatureUploaded } = this.attempt;
    this.emit(new EmzanoCompleteEvent({ ...handed, person: person ?? null, signatureUploaded, provider: this.provider }));
  }

  /** On to the next step; after the provider's last one, the provider closes the verification first. */
  private async advance(signal?: AbortSignal, from: KycStep = this.step): Promise<void> {
    const next = this.next(from);
    const isProviderStep = (step: KycStep) => this.plan.some((planned) => planned.id === step);
    if (isProviderStep(from) && !isProviderStep(next)) await (await this.identity.get()).finish(signal ?? new AbortController().signal);
    this.goTo(next);
  }

  /** The camera of a camera step on screen, and a video step's sentence. */
  private enterCamera(): void {
    this.cameras.enter(this.kind());
    if (this.kind() === 'video' && !this.attempt.sentence) void this.loadSentence();
  }

  private setValue(name: FieldName, value: string): void {
    this.touched = true;
    this.change({ values: { ...this.attempt.values, [name]: value } });
    this.fields.changed(name);
  }

  // The steps' actions ---------------------------------------------------------------------------

  private handleEnrol(): void {
    this.touched = true;
    const birthDate = this.steps.loaded.inquiry?.normalizeBirthDate;
    const input = this.fields.check(
      startChecks(this.identity.entry.startFields, this.attempt.values, birthDate) as Record<FieldName, Validated>,
    );
    if (!input) return;
    void this.task.run(async (signal) => {
      const plan = await (await this.identity.get()).start(input as unknown as StartValues, signal);
      this.change({ plan });
      this.goTo(this.next('enrol'));
    });
  }

  private handleInquiry(): void {
    const { normalizeBirthDate } = this.steps.loaded.inquiry!;
    const { birthDate, serial } = this.attempt.values;
    const input = this.fields.check({ birthDate: normalizeBirthDate(birthDate), serial: normalizeCardSerial(serial) });
    if (!input) return;
    void this.task.run(async (signal) => {
      const provider = await this.identity.get();
      this.change({ person: await provider.inquire!(input.birthDate, input.serial, signal) });
    });
  }

  /** Fetched alongside the camera opening, outside `run`, so it never waits for another request. */
  private async loadSentence(): Promise<void> {
    const step = this.step;
    try {
      const sentence = await (await this.identity.get()).sentence(step, new AbortController().signal);
      if (this.step === step) this.change({ sentence });
    } catch (error) {
      this.task.fail(error, () => (this.task.clear(), void this.loadSentence()));
    }
  }

  /**
   * Sends what a step made through the provider, with the upload bar; once sent, the file is kept
   * for the evidence package, the camera goes off and the wizard moves on. Try again after a
   * failure past the upload (closing the verification) does not send it twice.
   */
  private send(upload: StepUpload | undefined): void {
    if (!upload) return;
    let uploaded = false;
    void this.task.run(async (signal) => {
      const provider = await this.identity.get();
      if (!uploaded) {
        this.task.track(0);
        const sent = await upload(provider, { signal, onProgress: this.task.track });
        uploaded = true;
        this.evidence = withSentFile(this.evidence, { ...sent, sentAt: new Date().toISOString() });
        if (this.kind(sent.step) === 'signature') this.change({ signatureUploaded: true });
        this.cameras.release();
      }
      await this.advance(signal);
    });
  }

  private get pad(): EmzanoSignaturePad | null {
    return this.renderRoot.querySelector('emzano-signature-pad');
  }

  /** Deletes everything this element kept on this device, for every `persist-key` (e.g. on sign-out). */
  async forgetPersisted(): Promise<void> {
    await this.saved.forgetAll();
  }

  /** Back to the first step with nothing kept: no token, no recording, no typed values (the provider is told, where it has a way). */
  reset(): void {
    this.handoffs.reset();
    this.task.abort();
    this.cameras.release();
    this.identity.made?.abort();
    void this.saved.forget(attemptKey(this.attempt));
    this.startFresh();
  }

  /**
   * An evidence zip of this attempt: every file sent (the selfie video, the signature image; with
   * Dipar the admittance video and card photos too), and `manifest.json` with each file's SHA-256
   * and time, the user id, the sentence read and the registry details confirmed. AES-256 encrypted when `password` is given. Holds what was sent
   * since the page loaded; rejects with an `EmzanoError` (`evidence-unavailable`) before that.
   */
  async exportEvidence(options: ExportEvidenceOptions = {}): Promise<Blob> {
    // Packaging code (and zip.js behind it) loads only when a package is asked for.
    const { kycEvidence } = await import('../../evidence/kyc-evidence.js');
    const context = { userId: this.identity.made?.attemptId ?? null, step: this.step, person: this.attempt.person ?? null };
    return kycEvidence(this.evidence, context, options);
  }

  // Keeping unfinished work across reloads -------------------------------------------------------

  /** What was kept from before a reload, shown again. */
  private putBack(saved: SavedKycAttempt): void {
    const { video, strokes, typedName } = saved;
    this.draft = { strokes, typedName };
    if (video) this.cameras.video.restore(video);
    this.attempt = attemptOf(saved);
    // A desktop that handed off follows the phone again (its own camera stays off).
    if (saved.handoff?.role === 'desktop') this.handoffs.resume();
    else this.enterCamera();
  }

  // Rendering ------------------------------------------------------------------------------------

  override render() {
    return renderWizard(this.stepView(), this.handoffs.screen(this.t));
  }

  /** What the current step shows, and what the person can do there. */
  private stepView(): KycStepView {
    const { t, attempt, task, cameras, signatureError, draft, actions: act } = this;
    const view = { t, attempt, task, cameras, signatureError, draft, act, errors: this.fields.errors, settings: this, plan: this.plan };
    return {
      ...view,
      code: this.steps.loaded,
      kind: this.kind(),
      provider: this.identity.entry,
      certificateHeld: Boolean(this.certificateHeld),
      cancelAsked: Boolean(this.cancelAsked),
      handoffOffered: this.handoffs.offered(this.kind(), Boolean(this.identity.entry.handoff)),
      certificate: certificateStep(this.attempt, this.certificate),
    };
  }

  /** The person's intents, one function each, made once. */
  private readonly actions: KycActions = {
    setValue: (name, value) => this.setValue(name, value),
    enrol: () => this.handleEnrol(),
    inquire: () => this.handleInquiry(),
    confirmPerson: () => void this.task.run((signal) => this.advance(signal)),
    editPerson: () => this.change({ person: undefined }),
    sendVideo: () => this.send(videoUpload(this.cameras.video, this.attempt.sentence, this.step)),
    takePhoto: () => void this.cameras.photo?.take(this.renderRoot.querySelector<HTMLVideoElement>('video.document-preview')!),
    choosePhoto: (file) => void this.cameras.photo?.choose(file),
    retakePhoto: () => this.cameras.photo?.retake(),
    sendPhoto: () => this.send(photoUpload(this.cameras.photo?.photo, this.step)),
    sendSignature: () => {
      const upload = signatureUpload(this.pad, this.step);
      if (upload) this.send(upload);
      else this.signatureError = this.t.signature.empty;
    },
    handOff: () => this.handoffs.offer(),
    skipSignature: () => void this.task.run((signal) => this.advance(signal)),
    certificateChanged: (certificate) => (this.certificateHeld = certificate?.status === 'issued'),
    continueAfterCertificate: () => this.goTo(this.next()),
    draftApplied: () => (this.draft = undefined),
    askCancel: (asked) => (this.cancelAsked = asked),
    cancel: () => (this.reset(), this.emit(new EmzanoStepEvent({ step: 'enrol' }))),
    startOver: () => {
      this.task.clear();
      this.identity.made?.clear();
      this.change({ step: 'enrol' });
    },
    signatureChanged: () => {
      this.signatureError = undefined;
      this.keeper.changed(this.step);
    },
  };
}
