import type { PropertyValues } from 'lit';
import { DEFAULT_API_BASE, DEFAULT_CERTIFICATE_ENDPOINT } from '../../api/defaults.js';
import { preload, preloadConnection } from '../../api/lazy-connection.js';
import { completeStep, nextStep, type CertificateMode, type KycStep, type SignatureMode } from '../../core/kyc-flow.js';
import type { ExportEvidenceOptions } from '../../evidence/evidence-package.js';
import type { KycRecord } from '../../evidence/kyc-evidence.js';
import { collectValid, normalizeCardSerial, normalizeNationalCode, normalizePhoneNumber, type Validated } from '../../core/validation.js';
import { EmzanoCompleteEvent, EmzanoStepEvent } from '../../events/kyc-events.js';
import { addStrings } from '../../i18n/index.js';
import { enKyc } from '../../i18n/en/kyc.js';
import { faKyc } from '../../i18n/fa/kyc.js';
import { EmzanoElement } from '../../internal/base-element.js';
import { LazyPartsController } from '../../controllers/lazy-parts.js';
import { PersistenceController } from '../../controllers/persistence.js';
import { TaskController } from '../../controllers/task.js';
import { refuseWrongShapes } from '../../internal/property-shapes.js';
import { PROPERTY_SHAPES } from './property-shapes.js';
import { feedbackStyles } from '../../styles/feedback.js';
import { hostStyles } from '../../styles/tokens.js';
import type { EmzanoSignaturePad } from '../signature-pad/emzano-signature-pad.js';
import { kycStyles } from './emzano-kyc.styles.js';
import { EmzanoKycService } from './emzano-service.js';
import {
  attemptKey,
  freshAttempt,
  savedAttempt,
  type FieldName,
  type KycAttempt,
  type SavedKycAttempt,
  type SignatureDraft,
} from './kyc-attempt.js';
import { renderWizard, type KycActions, type KycStepView } from './render-step.js';
import { VideoCapture } from './video-capture.js';

addStrings({ fa: faKyc, en: enKyc });

/** Each step's code after enrolment, loaded on demand and fetched while the step before it is on screen. */
const STEP_CODE = {
  inquiry: () => import('./steps/inquiry.js'),
  video: () => import('./steps/video.js'),
  signature: () => import('./steps/signature.js'),
  certificate: () => import('./steps/certificate.js'),
  done: () => import('./steps/done.js'),
};

/**
 * Emzano identity verification (e-KYC) as one element: enrolment, civil-registry inquiry, a
 * selfie video reading a random sentence, and a handwritten signature.
 *
 * @summary A complete e-KYC wizard that talks to Emzano through the host's token endpoint.
 * @tag emzano-kyc
 *
 * @event emzano-step - The wizard moved to another step. Detail: `{ step }`.
 * @event emzano-complete - Every step is done. Detail: `{ userId, person, signatureUploaded, session }` (hand `session` to `<emzano-sign-pdf>`).
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
 * @csspart announcer - The visually hidden live region that announces the countdown and upload progress.
 *
 * @cssproperty --emzano-kyc-max-width - Widest the wizard grows. Default `36rem`.
 * @cssproperty --emzano-kyc-background - Card background. Default `--emzano-color-surface`.
 * @cssproperty --emzano-kyc-sentence-size - Font size of the sentence to read. Default `1.6rem`.
 */
export class EmzanoKyc extends EmzanoElement {
  static override styles = [hostStyles, feedbackStyles, kycStyles];
  static override properties = {
    ...EmzanoElement.properties,
    tokenEndpoint: { type: String, attribute: 'token-endpoint' },
    apiBase: { type: String, attribute: 'api-base' },
    signature: { type: String },
    maxDuration: { type: Number, attribute: 'max-duration' },
    videoBitrate: { type: Number, attribute: 'video-bitrate' },
    authScheme: { type: String, attribute: 'auth-scheme' },
    randomTextField: { type: String, attribute: 'random-text-field' },
    cameraHiddenTimeout: { type: Number, attribute: 'camera-hidden-timeout' },
    persist: { type: String },
    persistKey: { type: String, attribute: 'persist-key' },
    certificate: { type: String },
    certificateEndpoint: { type: String, attribute: 'certificate-endpoint' },
    attempt: { state: true },
    certificateHeld: { state: true },
    fieldErrors: { state: true },
    signatureError: { state: true },
  };

  /** URL of the host's token endpoint (see the server kit). Required. */
  declare tokenEndpoint: string;
  /** Emzano API origin the browser calls with the user token. */
  declare apiBase: string;
  /** Whether the signature step is `required`, `optional` (may be skipped) or `off`. */
  declare signature: SignatureMode;
  /** Longest selfie video, in seconds. */
  declare maxDuration: number;
  /** Video bitrate asked of MediaRecorder, in bits per second. */
  declare videoBitrate: number;
  /** Scheme before the user token in `Authorization` (`''` for the bare token). */
  declare authScheme: string;
  /** Spelling of the sentence field in the face-recognition upload. */
  declare randomTextField: 'RandomText' | 'randomText';
  /** Seconds the page may stay hidden before the camera is turned off (it comes back on return). */
  declare cameraHiddenTimeout: number;
  /** `on`: keep unfinished work (step, details, recording, drawing) in IndexedDB across reloads; `off`: never store. */
  declare persist: 'on' | 'off';
  /** An opaque id of your signed-in user: unfinished work is reopened only under the same key (and the signing key kept under it). */
  declare persistKey: string;
  /** `issue`: a last step gets the person a signing certificate for a key made in this browser (`<emzano-certificate>`); `off`: none. */
  declare certificate: CertificateMode;
  /** With `certificate="issue"`: the URL of the host's certificate endpoint (`createCertificateHandler`). */
  declare certificateEndpoint: string;
  declare private certificateHeld: boolean | undefined;

  declare private attempt: KycAttempt;
  declare private fieldErrors: Partial<Record<FieldName, string>>;
  declare private signatureError: string | undefined;

  private readonly task = new TaskController(this, { language: () => this.language, step: () => this.attempt.step });
  private readonly steps = new LazyPartsController(this, STEP_CODE, (error, retry) => this.task.fail(error, retry));
  private readonly saved = new PersistenceController<SavedKycAttempt>(this, {
    namespace: 'emzano-kyc',
    enabled: () => this.persist !== 'off',
    snapshot: () => this.snapshot(),
    scope: () => this.persistKey,
  });
  private readonly capture = new VideoCapture(
    this,
    () => this.cameraHiddenTimeout * 1000,
    (error) =>
      // "Try again" hides the message and reopens the camera if it is closed (a no-op when it is
      // open, e.g. after an empty recording: the person simply records again).
      this.task.fail(error, () => {
        this.task.clear();
        void this.capture.open();
      }),
  );
  /** What the steps ask of Emzano, for the current settings. */
  private readonly emzano = new EmzanoKycService(() => this);
  /** The drawing kept from before a reload, until the signature step puts it back on the pad. */
  private draft: SignatureDraft | undefined;
  /** What was sent in this attempt, kept in memory for `exportEvidence()`. */
  private evidence: KycRecord = {};
  /** Whether the person typed or submitted anything yet (a late restore must not overwrite it). */
  private touched = false;

  constructor() {
    super();
    this.tokenEndpoint = '';
    this.apiBase = DEFAULT_API_BASE;
    this.signature = 'optional';
    this.maxDuration = 15;
    this.videoBitrate = 700_000;
    this.authScheme = 'Bearer';
    this.randomTextField = 'RandomText';
    this.cameraHiddenTimeout = 30;
    this.persist = 'on';
    this.persistKey = '';
    this.certificate = 'off';
    this.certificateEndpoint = DEFAULT_CERTIFICATE_ENDPOINT;
    this.startFresh();
  }

  /** The state of a new attempt. */
  private startFresh(): void {
    this.attempt = freshAttempt();
    this.fieldErrors = {};
    this.task.clear();
    this.signatureError = undefined;
    this.evidence = {};
  }

  private change(changes: Partial<KycAttempt>): void {
    this.attempt = { ...this.attempt, ...changes };
  }

  /** The step shown now: `enrol`, `inquiry`, `video`, `signature`, `certificate` or `done`. */
  get step(): KycStep {
    return this.attempt.step;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    preloadConnection();
    // A new recording is written at once: it is the hardest thing for the person to redo.
    this.capture.onRecorded = () => void this.saved.save();
    // Moved in the DOM while on the video step: the camera was released on disconnect.
    if (this.hasUpdated && this.step === 'video') void this.capture.open();
    else if (!this.hasUpdated) void this.restore();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    refuseWrongShapes(this, changed, this.task, PROPERTY_SHAPES);
    // The host learned who is signed in after the element started: their unfinished work, if any.
    if (changed.has('persistKey') && this.hasUpdated) void this.restore();
    const step = this.attempt.step;
    if (changed.get('attempt')?.step === step) return;
    if (step !== 'enrol') void this.steps.load(step);
    // What comes next is fetched while the person works on this step.
    const next = nextStep(step, this.attempt.progress, this.signature, this.certificate);
    if (next !== step) preload(() => void this.steps.load(next as Exclude<KycStep, 'enrol'>, true));
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('attempt')) this.scheduleSave();
    const before = changed.get('attempt') as KycAttempt | undefined;
    if (before && before.step !== this.step) {
      // Move focus to the new step's heading so keyboard and screen-reader users follow along.
      this.renderRoot.querySelector<HTMLElement>('[part="heading"]')?.focus();
    }
  }

  // Step transitions ---------------------------------------------------------------------------

  private goTo(step: KycStep): void {
    this.task.clear();
    if (this.step === 'video' && step !== 'video') this.capture.release();
    this.change({ step });
    if (step === 'video') this.enterVideo();
    this.emit(new EmzanoStepEvent({ step }));
    if (step !== 'done') return;
    void this.forget();
    const session = this.emzano.handOver();
    if (!session) return;
    this.evidence.userId = session.userId;
    this.evidence.completedAt = new Date().toISOString();
    const { person, signatureUploaded } = this.attempt;
    this.emit(new EmzanoCompleteEvent({ userId: session.userId, person: person ?? null, signatureUploaded, session }));
  }

  private advance(): void {
    const progress = completeStep(this.attempt.progress, this.step);
    this.change({ progress });
    this.goTo(nextStep(this.step, progress, this.signature, this.certificate));
  }

  /** The normalised values when every check passes; otherwise flags the fields and focuses the first. */
  private validated<K extends FieldName>(checks: Record<K, Validated>): Record<K, string> | undefined {
    const { values, errors } = collectValid(checks, (error) => this.t.validation[error]);
    this.fieldErrors = errors;
    if (!values)
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus());
    return values;
  }

  private setValue(name: FieldName, value: string): void {
    this.touched = true;
    this.change({ values: { ...this.attempt.values, [name]: value } });
    if (this.fieldErrors[name]) this.fieldErrors = { ...this.fieldErrors, [name]: undefined };
  }

  // The steps' actions ---------------------------------------------------------------------------

  private handleEnrol(): void {
    this.touched = true;
    const input = this.validated({
      phone: normalizePhoneNumber(this.attempt.values.phone),
      nationalCode: normalizeNationalCode(this.attempt.values.nationalCode),
    });
    if (!input) return;
    void this.task.run(async (signal) => {
      const progress = await this.emzano.enrol(input.phone, input.nationalCode, signal);
      this.change({ progress, startingProgress: progress });
      this.goTo(nextStep('enrol', progress, this.signature, this.certificate));
    });
  }

  private handleInquiry(): void {
    const input = this.validated({
      birthDate: this.steps.loaded.inquiry!.normalizeBirthDate(this.attempt.values.birthDate),
      serial: normalizeCardSerial(this.attempt.values.serial),
    });
    if (!input) return;
    void this.task.run(async (signal) => {
      this.change({ person: await this.emzano.inquire(input.birthDate, input.serial, signal) });
    });
  }

  private enterVideo(): void {
    void this.capture.open();
    if (!this.attempt.sentence) void this.loadSentence();
  }

  /** Fetched alongside the camera opening, outside `run`, so it never waits for another request. */
  private async loadSentence(): Promise<void> {
    try {
      this.change({ sentence: await this.emzano.sentence() });
    } catch (error) {
      this.task.fail(error, () => void this.loadSentence());
    }
  }

  private handleSendVideo(): void {
    const recording = this.capture.recording;
    const sentence = this.attempt.sentence;
    if (!recording || !sentence) return;
    void this.task.run(async (signal) => {
      this.task.track(0);
      const fileName = recording.format.fileName;
      const upload = { randomText: sentence, video: recording.blob, fileName };
      await this.emzano.submitVideo(upload, { signal, onProgress: this.task.track });
      this.evidence.video = { blob: recording.blob, fileName, sentence, sentAt: new Date().toISOString() };
      this.capture.release();
      this.advance();
    });
  }

  private get pad(): EmzanoSignaturePad | null {
    return this.renderRoot.querySelector('emzano-signature-pad');
  }

  private handleSendSignature(): void {
    const pad = this.pad;
    if (!pad || pad.isEmpty()) {
      this.signatureError = this.t.signature.empty;
      return;
    }
    void this.task.run(async (signal) => {
      const image = await pad.toBlob();
      if (!image) throw new Error('The signature could not be exported.');
      this.task.track(0);
      await this.emzano.uploadSignature(image, { signal, onProgress: this.task.track });
      this.change({ signatureUploaded: true });
      this.evidence.signature = { blob: image, sentAt: new Date().toISOString() };
      this.advance();
    });
  }

  /** Deletes everything this element kept on this device, for every `persist-key` (e.g. on sign-out). */
  async forgetPersisted(): Promise<void> {
    await this.saved.forgetAll();
  }

  /** Back to the first step with nothing kept: no token, no recording, no typed values. */
  reset(): void {
    this.task.abort();
    this.capture.release();
    this.emzano.clear();
    void this.forget();
    this.startFresh();
  }

  /**
   * An evidence zip of this attempt: the selfie video and signature image sent to Emzano, and
   * `manifest.json` with each file's SHA-256 and time, the user id, the sentence read and the
   * registry details confirmed. AES-256 encrypted when `password` is given. Holds what was sent
   * since the page loaded; rejects with an `EmzanoError` (`evidence-unavailable`) before that.
   */
  async exportEvidence(options: ExportEvidenceOptions = {}): Promise<Blob> {
    // Packaging code (and zip.js behind it) loads only when a package is asked for.
    const { kycEvidence } = await import('../../evidence/kyc-evidence.js');
    const context = { userId: this.emzano.userId ?? null, step: this.step, person: this.attempt.person ?? null };
    return kycEvidence(this.evidence, context, options);
  }

  // Keeping unfinished work across reloads -------------------------------------------------------

  private scheduleSave(): void {
    if (this.step !== 'done' && this.step !== 'enrol') this.saved.schedule();
  }

  private snapshot(): { id: string; value: SavedKycAttempt } | undefined {
    return savedAttempt(this.attempt, this.emzano.userId, this.capture.recording, this.pad ?? this.draft);
  }

  private async restore(): Promise<void> {
    const saved = await this.saved.latest();
    if (!saved) return;
    // Offline before the API stack could load: start fresh rather than fail.
    const { userId, video, strokes, typedName, ...attempt } = saved.value;
    // Only into an untouched element: never over what the person has started meanwhile.
    if (!(await this.emzano.resume(userId, () => !this.touched && this.step === 'enrol'))) return;
    this.draft = { strokes, typedName };
    if (video) this.capture.restore(video);
    this.attempt = attempt;
    if (attempt.step === 'video') this.enterVideo();
  }

  private async forget(): Promise<void> {
    await this.saved.forget(attemptKey(this.attempt));
  }

  // Rendering ------------------------------------------------------------------------------------

  override render() {
    return renderWizard(this.stepView());
  }

  /** What the current step shows, and what the person can do there. */
  private stepView(): KycStepView {
    const { t, attempt, fieldErrors: errors, signature: signatureMode, theme, signatureError, capture, draft, actions: act } = this;
    const recording = { maxDuration: this.maxDuration, videoBitrate: this.videoBitrate };
    const [task, code] = [this.task, this.steps.loaded];
    const [mode, endpoint, scope] = [this.certificate, this.certificateEndpoint, this.persistKey];
    const certificate = { mode, endpoint, scope, held: Boolean(this.certificateHeld) };
    return { t, attempt, errors, task, code, capture, recording, signatureMode, certificate, theme, signatureError, draft, act };
  }

  /** The person's intents, one function each, made once. */
  private readonly actions: KycActions = {
    setValue: (name, value) => this.setValue(name, value),
    enrol: () => this.handleEnrol(),
    inquire: () => this.handleInquiry(),
    confirmPerson: () => this.advance(),
    editPerson: () => this.change({ person: undefined }),
    sendVideo: () => this.handleSendVideo(),
    sendSignature: () => this.handleSendSignature(),
    skipSignature: () => this.goTo(nextStep('signature', this.attempt.progress, this.signature, this.certificate)),
    certificateChanged: (certificate) => (this.certificateHeld = certificate?.status === 'issued'),
    continueAfterCertificate: () => this.advance(),
    draftApplied: () => (this.draft = undefined),
    startOver: () => {
      this.task.clear();
      this.change({ step: 'enrol' });
    },
    signatureChanged: () => {
      this.signatureError = undefined;
      this.scheduleSave();
    },
  };
}
