import { adoptStyles, html, nothing, type PropertyValues } from 'lit';
import type { EmzanoConnection } from '../../api/connection.js';
import { DEFAULT_API_BASE } from '../../api/defaults.js';
import type { KycClient } from '../../api/kyc-client.js';
import { connect, preload, preloadConnection } from '../../api/lazy-connection.js';
import type { TokenSession } from '../../api/session.js';
import {
  completeStep,
  NO_PROGRESS,
  nextStep,
  visibleSteps,
  type KycProgress,
  type KycStep,
  type SignatureMode,
} from '../../core/kyc-flow.js';
import { EmzanoError, toEmzanoError } from '../../core/errors.js';
import type { ExportEvidenceOptions } from '../../evidence/evidence-package.js';
import { normalizeCardSerial, normalizeNationalCode, normalizePhoneNumber, type Validated } from '../../core/validation.js';
import { EmzanoCompleteEvent, EmzanoErrorEvent, EmzanoStepEvent, type KycPerson } from '../../events/kyc-events.js';
import { addStrings, errorMessage } from '../../i18n/index.js';
import { enKyc } from '../../i18n/en/kyc.js';
import { faKyc } from '../../i18n/fa/kyc.js';
import { loadEmzanoMessages } from '../../core/error-catalog.js';
import { EmzanoElement } from '../../internal/base-element.js';
import { AttemptStore } from '../../store/attempt-store.js';
import type { Recording } from '../../capture/recorder.js';
import type { PointGroup } from 'signature_pad';
import { offlineAware } from '../../internal/connectivity.js';
import { feedbackStyles } from '../../styles/feedback.js';
import { hostStyles } from '../../styles/tokens.js';
import type { EmzanoSignaturePad } from '../signature-pad/emzano-signature-pad.js';
import { renderUploadProgress } from '../shared/upload-progress.js';
import { renderAnnouncer } from '../shared/announcer.js';
import { countdownMilestone, uploadMilestone } from '../../core/announcements.js';
import { kycStyles } from './emzano-kyc.styles.js';
import { renderEnrol } from './steps/enrol.js';
import { VideoCapture } from './video-capture.js';

addStrings({ fa: faKyc, en: enKyc });

type FieldName = 'phone' | 'nationalCode' | 'birthDate' | 'serial';

/** What survives a reload (never a token). */
interface SavedKycAttempt {
  step: KycStep;
  userId: string;
  values: Record<FieldName, string>;
  progress: KycProgress;
  startingProgress: KycProgress;
  person: KycPerson | undefined;
  sentence: string | undefined;
  signatureUploaded: boolean;
  video: Recording | undefined;
  strokes: PointGroup[] | undefined;
  /** The name typed instead of a drawing, when the person chose to type. */
  typedName?: string | undefined;
}

interface KycEvidence {
  video?: { blob: Blob; fileName: string; sentence: string; sentAt: string };
  signature?: { blob: Blob; sentAt: string };
  userId?: string;
  completedAt?: string;
}

/** Each step's code after enrolment, loaded on demand. */
const STEP_CODE = {
  inquiry: () => import('./steps/inquiry.js'),
  video: () => import('./steps/video.js'),
  signature: () => import('./steps/signature.js'),
  done: () => import('./steps/done.js'),
};
type LazyStep = keyof typeof STEP_CODE;
type StepCode = { [Step in LazyStep]: Awaited<ReturnType<(typeof STEP_CODE)[Step]>> };
const NEXT_TO_FETCH: Partial<Record<KycStep, LazyStep>> = { enrol: 'inquiry', inquiry: 'video', video: 'signature', signature: 'done' };

interface ShownError {
  code: EmzanoError['code'];
  retryable: boolean;
  /** What "Try again" does; absent when only starting over helps. */
  retry: (() => void) | undefined;
}

/**
 * Emzano identity verification (e-KYC) as one element: enrolment, civil-registry inquiry, a
 * selfie video reading a random sentence, and a handwritten signature.
 *
 * @summary A complete e-KYC wizard that talks to Emzano through the host's token endpoint.
 * @tag emzano-kyc
 *
 * @event emzano-step - The wizard moved to another step. Detail: `{ step }`.
 * @event emzano-complete - Every step is done. Detail: `{ userId, person, signatureUploaded }`.
 * @event emzano-error - Something failed; the person is shown why. Detail: `{ code, message, step, retryable }`.
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
    currentStep: { state: true },
    busy: { state: true },
    values: { state: true },
    fieldErrors: { state: true },
    person: { state: true },
    sentence: { state: true },
    shownError: { state: true },
    signatureUploaded: { state: true },
    signatureError: { state: true },
    uploadProgress: { state: true },
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

  declare private currentStep: KycStep;
  declare private busy: boolean;
  declare private values: Record<FieldName, string>;
  declare private fieldErrors: Partial<Record<FieldName, string>>;
  declare private person: KycPerson | undefined;
  declare private sentence: string | undefined;
  declare private shownError: ShownError | undefined;
  declare private signatureUploaded: boolean;
  declare private signatureError: string | undefined;
  /** Share of the current upload sent, while one is in flight. */
  declare private uploadProgress: number | undefined;

  private progress: KycProgress = NO_PROGRESS;
  /** What Emzano said at enrolment: fixes which steps this attempt shows, so the count stays put. */
  private startingProgress: KycProgress = NO_PROGRESS;
  private readonly capture = new VideoCapture(
    this,
    () => this.cameraHiddenTimeout * 1000,
    (error) =>
      // "Try again" hides the message and reopens the camera if it is closed (a no-op when it is
      // open, e.g. after an empty recording: the person simply records again).
      this.fail(error, () => {
        this.shownError = undefined;
        void this.capture.open();
      }),
  );
  private connection: EmzanoConnection | undefined;
  private store: AttemptStore<SavedKycAttempt> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Strokes kept from before a reload, put back once the signature pad is on screen. */
  private pendingStrokes: PointGroup[] | undefined;
  private pendingTypedName: string | undefined;
  private inFlight: AbortController | undefined;
  /** What was sent in this attempt, kept in memory for `exportEvidence()`. */
  private evidence: KycEvidence = {};

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
    this.busy = false;
    this.startFresh();
  }

  /** The state of a new attempt. */
  private startFresh(): void {
    this.currentStep = 'enrol';
    this.progress = NO_PROGRESS;
    this.startingProgress = NO_PROGRESS;
    this.values = { phone: '', nationalCode: '', birthDate: '', serial: '' };
    this.fieldErrors = {};
    this.person = undefined;
    this.sentence = undefined;
    this.shownError = undefined;
    this.signatureUploaded = false;
    this.signatureError = undefined;
    this.evidence = {};
  }

  /** The signature mode, with unknown attribute values read as the default. */
  private get signatureMode(): SignatureMode {
    return this.signature === 'required' || this.signature === 'off' ? this.signature : 'optional';
  }

  /** Session and clients for the current settings (see EmzanoConnection), loaded on first use. */
  private async api(): Promise<{ session: TokenSession; client: KycClient }> {
    this.connection = await connect(this.connection, this);
    return { session: this.connection.session, client: this.connection.kyc };
  }

  /** The step shown now: `enrol`, `inquiry`, `video`, `signature` or `done`. */
  get step(): KycStep {
    return this.currentStep;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    preloadConnection();
    // A new recording is written at once: it is the hardest thing for the person to redo.
    this.capture.onRecorded = () => {
      if (this.persist !== 'off') void this.saveNow();
    };
    // Moved in the DOM while on the video step: the camera was released on disconnect.
    if (this.hasUpdated && this.currentStep === 'video') void this.capture.open();
    else if (!this.hasUpdated && this.persist !== 'off') void this.restore();
    globalThis.addEventListener('pagehide', this.flushSave);
  }

  /** Leaving the page: write what is pending now rather than after the batching delay. */
  /** Whether the person typed or submitted anything yet (a late restore must not overwrite it). */
  private touched = false;

  private readonly flushSave = () => {
    if (this.saveTimer === undefined || this.persist === 'off') return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    void this.saveNow();
  };

  override disconnectedCallback(): void {
    // Pending work is written first: the controllers release the recording on disconnect.
    this.flushSave();
    globalThis.removeEventListener('pagehide', this.flushSave);
    super.disconnectedCallback();
    this.inFlight?.abort();
  }

  protected override updated(changed: PropertyValues): void {
    if (['currentStep', 'values', 'person', 'sentence', 'signatureUploaded'].some((name) => changed.has(name))) this.scheduleSave();
    if (this.currentStep === 'signature' && (this.pendingStrokes || this.pendingTypedName !== undefined)) {
      const strokes = this.pendingStrokes;
      const typedName = this.pendingTypedName;
      const pad = this.pad;
      if (pad) {
        this.pendingStrokes = undefined;
        this.pendingTypedName = undefined;
        void pad.updateComplete.then(() => {
          if (strokes) pad.strokes = strokes;
          if (typedName !== undefined) {
            pad.mode = 'type';
            pad.typedName = typedName;
          }
        });
      }
    }
    if (changed.has('currentStep') && changed.get('currentStep') !== undefined) {
      // Move focus to the new step's heading so keyboard and screen-reader users follow along.
      this.renderRoot.querySelector<HTMLElement>('[part="heading"]')?.focus();
    }
  }

  // Step code ----------------------------------------------------------------------------------

  /**
   * Every step after enrolment (its view, and for the inquiry the Solar Hijri calendar) loads
   * when first needed, and is fetched ahead while the step before it is on screen.
   */
  private readonly stepCode: Partial<StepCode> = {};
  private readonly stepCodeLoading = new Set<LazyStep>();

  private get stepCodeMissing(): boolean {
    return this.currentStep !== 'enrol' && !this.stepCode[this.currentStep];
  }

  private loadStepCode(step: LazyStep, quietly = false): void {
    if (this.stepCode[step] || this.stepCodeLoading.has(step)) return;
    this.stepCodeLoading.add(step);
    STEP_CODE[step]().then(
      (code) => {
        Object.assign(this.stepCode, { [step]: code });
        this.stepCodeLoading.delete(step);
        // A step's own styles join the element's.
        const sheets = Object.values(this.stepCode).flatMap((loaded) => ('styles' in loaded ? [loaded.styles] : []));
        adoptStyles(this.renderRoot as ShadowRoot, [...EmzanoKyc.elementStyles, ...sheets]);
        this.requestUpdate();
      },
      (error: unknown) => {
        this.stepCodeLoading.delete(step);
        // Fetched ahead: a failure now is retried when the step is reached.
        if (!quietly)
          this.fail(
            offlineAware(toEmzanoError(error), () => this.loadStepCode(step)),
            () => this.loadStepCode(step),
          );
      },
    );
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (!changed.has('currentStep')) return;
    const step = this.currentStep;
    if (step !== 'enrol') this.loadStepCode(step);
    // What comes next is fetched while the person works on this step.
    const next = NEXT_TO_FETCH[step];
    if (next) preload(() => this.loadStepCode(next, true));
  }

  // Step transitions ---------------------------------------------------------------------------

  private goTo(step: KycStep): void {
    this.shownError = undefined;
    if (this.step === 'video' && step !== 'video') this.capture.release();
    this.currentStep = step;
    if (step === 'video') this.enterVideo();
    this.emit(new EmzanoStepEvent({ step }));
    if (step === 'done') {
      void this.forget();
      const session = this.connection?.session.session;
      this.connection?.session.clear();
      if (session) {
        this.evidence.userId = session.userId;
        this.evidence.completedAt = new Date().toISOString();
        this.emit(
          new EmzanoCompleteEvent({
            userId: session.userId,
            person: this.person ?? null,
            signatureUploaded: this.signatureUploaded,
            session,
          }),
        );
      }
    }
  }

  private advance(): void {
    this.progress = completeStep(this.progress, this.step);
    this.goTo(nextStep(this.step, this.progress, this.signatureMode));
  }

  /** Runs a request with the busy flag and error handling; `retry` repeats it. */
  private async run(action: (signal: AbortSignal) => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.shownError = undefined;
    this.inFlight = new AbortController();
    try {
      await action(this.inFlight.signal);
    } catch (error) {
      const failure = toEmzanoError(error);
      const retry = () => void this.run(action);
      if (failure.code !== 'aborted') this.fail(offlineAware(failure, retry), retry);
    } finally {
      this.busy = false;
      this.inFlight = undefined;
      this.uploadProgress = undefined;
    }
  }

  private fail(error: EmzanoError, retry?: () => void): void {
    // Emzano's numbered messages load with the first such error (see loadEmzanoMessages).
    if (typeof error.code === 'number') void loadEmzanoMessages().then(() => this.showError(error, retry));
    else this.showError(error, retry);
  }

  private showError(error: EmzanoError, retry?: () => void): void {
    const retryable = error.retryable;
    this.shownError = { code: error.code, retryable, retry: retryable ? retry : undefined };
    this.emit(new EmzanoErrorEvent({ code: error.code, message: errorMessage(error.code, this.language), step: this.step, retryable }));
  }

  /** The normalised values when every check passes; otherwise flags the fields and focuses the first. */
  private validated<K extends FieldName>(checks: Record<K, Validated>): Record<K, string> | undefined {
    const errors: Partial<Record<FieldName, string>> = {};
    const values = {} as Record<K, string>;
    for (const name of Object.keys(checks) as K[]) {
      const result = checks[name];
      if (result.ok) values[name] = result.value;
      else errors[name] = this.t.validation[result.error];
    }
    this.fieldErrors = errors;
    if (Object.keys(errors).length === 0) return values;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus());
    return undefined;
  }

  private setValue(name: FieldName, value: string): void {
    this.touched = true;
    this.values = { ...this.values, [name]: value };
    if (this.fieldErrors[name]) this.fieldErrors = { ...this.fieldErrors, [name]: undefined };
  }

  // Enrol ----------------------------------------------------------------------------------------

  private handleEnrol(): void {
    this.touched = true;
    const input = this.validated({
      phone: normalizePhoneNumber(this.values.phone),
      nationalCode: normalizeNationalCode(this.values.nationalCode),
    });
    if (!input) return;
    void this.run(async (signal) => {
      // One enrolment per attempt: a second submit (or a retry after success) reuses the grant.
      const { session } = await this.api();
      const current = session.grant;
      const grant = current ?? (await session.enrol({ phoneNumber: input.phone, nationalCode: input.nationalCode }, signal));
      this.progress = grant.progress;
      this.startingProgress = grant.progress;
      this.goTo(nextStep('enrol', this.progress, this.signatureMode));
    });
  }

  // Inquiry --------------------------------------------------------------------------------------

  private handleInquiry(): void {
    const input = this.validated({
      birthDate: this.stepCode.inquiry!.normalizeBirthDate(this.values.birthDate),
      serial: normalizeCardSerial(this.values.serial),
    });
    if (!input) return;
    void this.run(async (signal) => {
      const userId = await this.requireUserId();
      this.person = await (await this.api()).client.inquire(userId, { birthDate: input.birthDate, serialNumber: input.serial }, signal);
    });
  }

  // Video ----------------------------------------------------------------------------------------

  private enterVideo(): void {
    void this.capture.open();
    if (!this.sentence) void this.loadSentence();
  }

  /** Fetched alongside the camera opening, outside `run`, so it never waits for another request. */
  private async loadSentence(): Promise<void> {
    try {
      this.sentence = await (await this.api()).client.randomText();
    } catch (error) {
      this.fail(toEmzanoError(error), () => void this.loadSentence());
    }
  }

  private handleSendVideo(): void {
    const recording = this.capture.recording;
    const sentence = this.sentence;
    if (!recording || !sentence) return;
    void this.run(async (signal) => {
      this.trackUpload(0);
      const fileName = recording.format.fileName;
      await (
        await this.api()
      ).client.submitVideo(
        await this.requireUserId(),
        { randomText: sentence, video: recording.blob, fileName },
        { signal, onProgress: this.trackUpload },
      );
      this.evidence.video = { blob: recording.blob, fileName, sentence, sentAt: new Date().toISOString() };
      this.capture.release();
      this.advance();
    });
  }

  // Signature ------------------------------------------------------------------------------------

  private get pad(): EmzanoSignaturePad | null {
    return this.renderRoot.querySelector('emzano-signature-pad');
  }

  private handleSendSignature(): void {
    const pad = this.pad;
    if (!pad || pad.isEmpty()) {
      this.signatureError = this.t.signature.empty;
      return;
    }
    void this.run(async (signal) => {
      const image = await pad.toBlob();
      if (!image) throw new Error('The signature could not be exported.');
      this.trackUpload(0);
      await (await this.api()).client.uploadSignature(await this.requireUserId(), image, { signal, onProgress: this.trackUpload });
      this.signatureUploaded = true;
      this.evidence.signature = { blob: image, sentAt: new Date().toISOString() };
      this.advance();
    });
  }

  /** Shows the progress bar from the moment an upload starts. */
  private readonly trackUpload = (fraction: number) => {
    this.uploadProgress = fraction;
  };

  /** Stops the upload in flight; what was recorded or drawn stays, ready to send again. */
  private cancelUpload(): void {
    this.inFlight?.abort();
  }

  private async requireUserId(): Promise<string> {
    const userId = (await this.api()).session.userId;
    if (!userId) throw toEmzanoError(new Error('no session'));
    return userId;
  }

  /** Back to the first step with nothing kept: no token, no recording, no typed values. */
  reset(): void {
    this.inFlight?.abort();
    this.capture.release();
    this.connection?.session.clear();
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
    const { video, signature } = this.evidence;
    const files = [];
    if (video) files.push({ name: video.fileName, blob: video.blob, createdAt: video.sentAt });
    if (signature) files.push({ name: 'signature.png', blob: signature.blob, createdAt: signature.sentAt });
    // Packaging code (and zip.js behind it) loads only when a package is asked for.
    const { buildEvidencePackage, evidenceUnavailable } = await import('../../evidence/evidence-package.js');
    if (files.length === 0) throw evidenceUnavailable();
    return buildEvidencePackage(
      {
        element: 'emzano-kyc',
        userId: this.evidence.userId ?? this.connection?.session.userId ?? null,
        files,
        details: {
          step: this.currentStep,
          completedAt: this.evidence.completedAt ?? null,
          sentence: video?.sentence ?? null,
          person: this.person ?? null,
        },
      },
      options,
    );
  }

  // Keeping unfinished work across reloads -------------------------------------------------------

  private get attempts(): AttemptStore<SavedKycAttempt> {
    this.store ??= new AttemptStore<SavedKycAttempt>('emzano-kyc');
    return this.store;
  }

  /** The national code identifies the attempt; nothing is kept before enrolment succeeded. */
  private get attemptId(): string | undefined {
    const code = normalizeNationalCode(this.values.nationalCode);
    return code.ok && this.connection?.session.userId ? code.value : undefined;
  }

  private scheduleSave(): void {
    if (this.persist === 'off' || this.currentStep === 'done' || this.currentStep === 'enrol') return;
    clearTimeout(this.saveTimer);
    // Gathered a moment later, so a burst of changes (typing, strokes) is written once.
    this.saveTimer = setTimeout(() => void this.saveNow(), 250);
  }

  private async saveNow(): Promise<void> {
    const id = this.attemptId;
    const userId = this.connection?.session.userId;
    if (!id || !userId || this.currentStep === 'done') return;
    const recording = this.capture.recording;
    await this.attempts
      .save(id, {
        step: this.currentStep,
        userId,
        values: this.values,
        progress: this.progress,
        startingProgress: this.startingProgress,
        person: this.person,
        sentence: this.sentence,
        signatureUploaded: this.signatureUploaded,
        video: recording,
        strokes: this.pad?.strokes ?? this.pendingStrokes,
        typedName: this.pad ? (this.pad.mode === 'type' ? this.pad.typedName : undefined) : this.pendingTypedName,
      })
      .catch(() => undefined); // Private browsing may refuse storage: the flow goes on without it.
  }

  private async restore(): Promise<void> {
    const saved = await this.attempts.latest().catch(() => undefined);
    if (!saved) return;
    // Offline before the API stack could load: start fresh rather than fail.
    const session = await this.api().then(
      (api) => api.session,
      () => undefined,
    );
    if (!session) return;
    // Only into an untouched element: never over what the person has started meanwhile.
    if (this.touched || this.currentStep !== 'enrol' || session.userId) return;
    const attempt = saved.value;
    this.values = attempt.values;
    this.progress = attempt.progress;
    this.startingProgress = attempt.startingProgress;
    this.person = attempt.person;
    this.sentence = attempt.sentence;
    this.signatureUploaded = attempt.signatureUploaded;
    this.pendingStrokes = attempt.strokes;
    this.pendingTypedName = attempt.typedName;
    session.resume(attempt.userId);
    if (attempt.video) this.capture.restore(attempt.video);
    this.currentStep = attempt.step;
    if (attempt.step === 'video') this.enterVideo();
  }

  private async forget(): Promise<void> {
    clearTimeout(this.saveTimer);
    const code = normalizeNationalCode(this.values.nationalCode);
    if (code.ok && this.persist !== 'off') await this.attempts.clear(code.value).catch(() => undefined);
  }

  /** After the session ended: back to enrolment, keeping what the person typed. */
  private startOver(): void {
    this.shownError = undefined;
    this.currentStep = 'enrol';
  }

  // Rendering ------------------------------------------------------------------------------------

  override render() {
    const t = this.t;
    const steps = visibleSteps(this.startingProgress, this.signatureMode);
    const index = Math.max(steps.indexOf(this.step), 0);
    return html`
      <section part="base" dir=${t.dir} lang=${t.lang} aria-busy=${this.busy || this.stepCodeMissing ? 'true' : 'false'}>
        <p part="progress">${t.common.stepOf(index + 1, steps.length, t.steps[this.step])}</p>
        <h2 part="heading" tabindex="-1">${t.steps[this.step]}</h2>
        ${this.renderStep()} ${this.renderError()} ${renderAnnouncer(this.announcement())}
      </section>
    `;
  }

  /** What the live region says now: upload progress, else the recording countdown, in milestones. */
  private announcement(): string {
    const t = this.t;
    if (this.uploadProgress !== undefined) return t.upload.progress(uploadMilestone(this.uploadProgress));
    if (this.step === 'video' && this.capture.phase === 'recording') {
      const max = Math.max(1, this.maxDuration);
      return t.video.secondsLeft(countdownMilestone(this.capture.secondsLeft || max, max));
    }
    return '';
  }

  /** Until a step's code has arrived (a moment, normally: it is fetched ahead). */
  private renderStepLoading() {
    return this.shownError ? nothing : html`<p part="status" role="status">${this.t.common.working}</p>`;
  }

  private renderStep() {
    const t = this.t;
    const errors = this.fieldErrors;
    switch (this.step) {
      case 'enrol':
        return renderEnrol({
          t,
          phone: this.values.phone,
          nationalCode: this.values.nationalCode,
          errors: { phone: errors.phone, nationalCode: errors.nationalCode },
          busy: this.busy,
          onPhone: (value) => this.setValue('phone', value),
          onNationalCode: (value) => this.setValue('nationalCode', value),
          onSubmit: () => this.handleEnrol(),
        });
      case 'inquiry':
        if (!this.stepCode.inquiry) return this.renderStepLoading();
        return this.stepCode.inquiry.renderInquiry({
          t,
          birthDate: this.values.birthDate,
          serial: this.values.serial,
          errors: { birthDate: errors.birthDate, serial: errors.serial },
          busy: this.busy,
          person: this.person,
          onBirthDate: (value) => this.setValue('birthDate', value),
          onSerial: (value) => this.setValue('serial', value),
          onSubmit: () => this.handleInquiry(),
          onConfirm: () => this.advance(),
          onEdit: () => (this.person = undefined),
        });
      case 'video':
        if (!this.stepCode.video) return this.renderStepLoading();
        return this.stepCode.video.renderVideo({
          t,
          phase: this.capture.phase,
          stream: this.capture.stream,
          recordingUrl: this.capture.recordingUrl,
          sentence: this.sentence,
          secondsLeft: this.capture.secondsLeft,
          busy: this.busy,
          onStart: () =>
            void this.capture.start({
              maxDurationMs: Math.max(1, this.maxDuration) * 1000,
              videoBitsPerSecond: this.videoBitrate,
              audioBitsPerSecond: 48_000,
            }),
          onStop: () => this.capture.stop(),
          onRetake: () => this.capture.retake(),
          onSend: () => this.handleSendVideo(),
        });
      case 'signature':
        if (!this.stepCode.signature) return this.renderStepLoading();
        return this.stepCode.signature.renderSignature({
          t,
          mode: this.signatureMode,
          theme: this.theme,
          busy: this.busy,
          error: this.signatureError,
          onSend: () => this.handleSendSignature(),
          onSkip: () => this.goTo(nextStep('signature', this.progress, this.signatureMode)),
          onChange: () => {
            this.signatureError = undefined;
            this.scheduleSave();
          },
        });
      case 'done':
        if (!this.stepCode.done) return this.renderStepLoading();
        return this.stepCode.done.renderDone(t, this.person, this.signatureUploaded, this.signatureMode !== 'off');
    }
  }

  private renderError() {
    const error = this.shownError;
    if (this.uploadProgress !== undefined) return renderUploadProgress(this.t, this.uploadProgress, () => this.cancelUpload());
    if (!error) return this.busy ? html`<p part="status" role="status">${this.t.common.working}</p>` : nothing;
    const t = this.t;
    const sessionEnded = error.code === 'session-expired' || error.code === 2020;
    return html`
      <div part="error" role="alert">
        <p>${errorMessage(error.code, this.language)}</p>
        <div class="actions">
          ${error.retry ? html`<button part="button" type="button" @click=${error.retry}>${t.common.retry}</button>` : nothing}
          ${sessionEnded ? html`<button part="button" type="button" @click=${() => this.startOver()}>${t.common.startOver}</button>` : nothing}
        </div>
      </div>
    `;
  }
}
