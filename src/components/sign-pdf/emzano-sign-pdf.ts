import { adoptStyles, html, nothing, type PropertyValues } from 'lit';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { EmzanoConnection } from '../../api/connection.js';
import { DEFAULT_API_BASE, DEFAULT_CLM_ENDPOINT } from '../../api/defaults.js';
import type { ClmRecipient, SendOptions } from '../../core/clm-send.js';
import { connect, preloadConnection } from '../../api/lazy-connection.js';
import { bytesToBase64 } from '../../core/base64.js';
import { EmzanoError, toEmzanoError } from '../../core/errors.js';
import type { ExportEvidenceOptions } from '../../evidence/evidence-package.js';
import type { SigningRecord } from '../../evidence/signing-evidence.js';
import { sha256Hex } from '../../core/sha256.js';
import {
  clampViewRect,
  defaultField,
  fieldFromView,
  moveViewRect,
  normalizeRotation,
  pdfRectToView,
  resizeViewRect,
  roundField,
  viewSize,
  type PageGeometry,
  type PdfField,
  type ViewRect,
} from '../../core/pdf-geometry.js';
import type { EmzanoSession } from '../../core/token-contract.js';
import { EmzanoErrorEvent, type SignPdfStep } from '../../events/kyc-events.js';
import { EmzanoFieldChangeEvent, EmzanoSentEvent, EmzanoSignedEvent } from '../../events/sign-pdf-events.js';
import { addStrings, errorMessage } from '../../i18n/index.js';
import { enSignPdf } from '../../i18n/en/sign-pdf.js';
import { faSignPdf } from '../../i18n/fa/sign-pdf.js';
import { addClientErrors, loadEmzanoMessages } from '../../core/error-catalog.js';
import { EmzanoElement } from '../../internal/base-element.js';
import { AttemptStore } from '../../store/attempt-store.js';
import { offlineAware } from '../../internal/connectivity.js';
import { webCryptoSigner, type Signer } from '../../signing/signer.js';
import { feedbackStyles } from '../../styles/feedback.js';
import { hostStyles } from '../../styles/tokens.js';
import type { EmzanoSignaturePad } from '../signature-pad/emzano-signature-pad.js';
import { renderUploadProgress } from '../shared/upload-progress.js';
import { renderAnnouncer } from '../shared/announcer.js';
import { PAD_EXPORTPARTS } from '../shared/nested-pad.js';
import { uploadMilestone } from '../../core/announcements.js';
import { signPdfStyles } from './emzano-sign-pdf.styles.js';
import type { PageRenderer } from './page-renderer.js';
import { defaultWorkerSrc, openPdf, type OpenedPdf, type PdfSource } from './pdf-loader.js';
import type { ContractSender } from './send-mode.js';
import type { SavedSigning } from './saved-work.js';

addClientErrors({
  'signer-missing': {
    retryable: false,
    fa: 'امضاکننده‌ای تنظیم نشده است (کلید امضا و گواهی).',
    en: 'No signer is set up (signing key and certificate).',
  },
  'session-missing': {
    retryable: false,
    fa: 'برای امضا ابتدا باید احراز هویت شوید.',
    en: 'You need to verify your identity before signing.',
  },
});

type Zoom = 'fit-width' | 'fit-page' | number;

type Phase = 'empty' | 'loading' | 'ready' | 'signed';

const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
/** Smallest field, in CSS px, so it stays grabbable. */
const MIN_FIELD_PX = 24;
const KEY_STEP_PX = 4;

interface ShownError {
  code: EmzanoError['code'];
  retry: (() => void) | undefined;
}

addStrings({ fa: faSignPdf, en: enSignPdf });

/**
 * Shows a PDF, lets the person place a signature field and sign the document through Emzano
 * DSS, producing a PDF whose digital signature (PAdES) verifies in any reader. With
 * `mode="send"` it prepares a contract for several recipients instead (each signer's field on the
 * start page) and sends it to Emzano CLM through the host's `clm-endpoint`.
 *
 * @summary View a PDF, place a signature field, sign through Emzano DSS; or send it to several recipients through CLM.
 * @tag emzano-sign-pdf
 *
 * @event emzano-field-change - The person placed, moved or resized the field. Detail: `{ field }`.
 * @event emzano-signed - The document is signed. Detail: `{ pdf: Blob, field }`.
 * @event emzano-sent - Send mode: CLM accepted the contract. Detail: `{ documentId }`.
 * @event emzano-error - Something failed; the person is shown why. Detail: `{ code, message, step, retryable }`.
 *
 * @csspart base - The wrapper.
 * @csspart toolbar - Page number, zoom and add-field buttons.
 * @csspart page-indicator - "Page 2 of 5".
 * @csspart viewer - The scrolling area with the pages.
 * @csspart page - One page.
 * @csspart page-canvas - A page's drawing.
 * @csspart field - The signature field box.
 * @csspart resize-handle - The field's resize handle.
 * @csspart signature-panel - Where the person draws the signature.
 * @csspart signature-pad - The nested `<emzano-signature-pad>`.
 * @csspart signature-canvas - The nested pad's drawing surface.
 * @csspart signature-actions - The nested pad's buttons row.
 * @csspart signature-mode-button - The nested pad's draw/type switch.
 * @csspart signature-typed-input - The nested pad's typed-name input.
 * @csspart actions - The Sign button and the download link.
 * @csspart button - Any button.
 * @csspart primary-button - The Sign button.
 * @csspart download - The link to the signed PDF.
 * @csspart status - Progress messages.
 * @csspart error - The error box with its retry button.
 * @csspart upload - The upload progress bar and its Cancel button.
 * @csspart upload-progress - The progress bar itself.
 * @csspart add-field-button - The button that places the signature field.
 * @csspart announcer - The visually hidden live region that announces upload progress.
 * @csspart send-panel - Send mode: the contract's settings, the recipients and the Send button.
 * @csspart contract-settings - Send mode: title, deadline, callback URL, start page, payment.
 * @csspart start-page-badge - Send mode: the label on the start page, where the fields go.
 * @csspart recipients-heading - Send mode: the "Recipients" heading.
 * @csspart recipients - Send mode: the list of recipients.
 * @csspart recipient - Send mode: one recipient's box (its colour is its field's colour).
 * @csspart input - Send mode: a text, number or select input.
 * @csspart checkbox - Send mode: a checkbox.
 * @csspart hint - Send mode: help under an input.
 * @csspart field-error - Send mode: what is wrong with an input, and the summary before sending.
 * @csspart place-field-button - Send mode: places a signer's field on the start page.
 * @csspart add-recipient-button - Send mode: adds a recipient.
 * @csspart remove-recipient-button - Send mode: removes a recipient.
 * @csspart send-button - Send mode: sends the contract.
 *
 * @cssproperty --emzano-sign-pdf-height - Height of the viewer. Default `70vh`.
 * @cssproperty --emzano-sign-pdf-background - Behind the pages. Default `--emzano-color-surface-alt`.
 * @cssproperty --emzano-sign-pdf-field-color - The field's colour. Default `--emzano-color-primary`.
 */
export class EmzanoSignPdf extends EmzanoElement {
  static override styles = [hostStyles, feedbackStyles, signPdfStyles];
  static override properties = {
    ...EmzanoElement.properties,
    src: { type: String },
    pdf: { attribute: false },
    fileName: { type: String, attribute: 'file-name' },
    workerSrc: { type: String, attribute: 'worker-src' },
    maxSize: { type: Number, attribute: 'max-size' },
    tokenEndpoint: { type: String, attribute: 'token-endpoint' },
    apiBase: { type: String, attribute: 'api-base' },
    authScheme: { type: String, attribute: 'auth-scheme' },
    userId: { type: String, attribute: 'user-id' },
    signatureOnFile: { type: Boolean, attribute: 'signature-on-file' },
    persist: { type: String },
    mode: { type: String, reflect: true },
    clmEndpoint: { type: String, attribute: 'clm-endpoint' },
    recipients: { attribute: false },
    sendOptions: { attribute: false },
    session: { attribute: false },
    signer: { attribute: false },
    signingKey: { attribute: false },
    certificate: { attribute: false },
    phase: { state: true },
    pages: { state: true },
    scale: { state: true },
    zoom: { state: true },
    currentPage: { state: true },
    placed: { state: true },
    signatureUrl: { state: true },
    busy: { state: true },
    shownError: { state: true },
    signedUrl: { state: true },
    opening: { state: true },
    uploadProgress: { state: true },
  };

  /** URL of the PDF to show. */
  declare src: string;
  /** The PDF itself, instead of `src`. */
  declare pdf: Blob | ArrayBuffer | Uint8Array | undefined;
  /** File name sent to Emzano and offered for the download. */
  declare fileName: string;
  /** URL of pdf.js's worker. Default: the one shipped beside this module. */
  declare workerSrc: string;
  /** Largest PDF accepted, in bytes. Default 25 MB. */
  declare maxSize: number;
  /** The host's token endpoint, asked for a token for `user-id` when no `session` is set. */
  declare tokenEndpoint: string;
  /** Emzano API origin. */
  declare apiBase: string;
  /** Scheme before the user token in `Authorization` (`''` for the bare token). */
  declare authScheme: string;
  /** The Emzano user who signs, when the token comes from `token-endpoint`. */
  declare userId: string;
  /** The person already uploaded a signature image (e.g. during KYC): no drawing needed. */
  declare signatureOnFile: boolean;
  /** `on`: keep the document, the field and the drawn signature in IndexedDB across reloads; `off`: never store. */
  declare persist: 'on' | 'off';
  /** `sign` (the default): the person signs the document. `send`: the person prepares it for several recipients and sends it to CLM. */
  declare mode: 'sign' | 'send';
  /** Send mode: where the host mounts `createClmHandler` (the CLM paths are appended). Default `/api/emzano/clm`. */
  declare clmEndpoint: string;
  /**
   * Send mode: the recipients, in the editor and for setting it up. Each
   * `{ name, mobile, nationalCode, title, role: 'signer' | 'viewer' | 'approver', order, field? }`,
   * `field` in the same PDF terms as `field` (plus `digitalSignature`, `repeatSignature`).
   */
  declare recipients: ClmRecipient[];
  /** Send mode: the contract's `{ title, startPage, expiredAt?, callbackUrl?, certificatePayment?, startPageBase? }`; `startPage` counts from 1 as shown. */
  declare sendOptions: SendOptions;
  /** A session handed over by `<emzano-kyc>` (its `emzano-complete` detail) or the host. */
  declare session: EmzanoSession | undefined;
  /** Signs Emzano's digest; default: a WebCrypto signer with `signingKey`. */
  declare signer: Signer | undefined;
  /** Private RSA key for the built-in signer (RSASSA-PKCS1-v1_5, SHA-256). */
  declare signingKey: CryptoKey | undefined;
  /** The signer's X.509 certificate: base64 DER, or the DER bytes. */
  declare certificate: string | ArrayBuffer | Uint8Array | undefined;

  declare private phase: Phase;
  /** @internal */
  declare pages: PageGeometry[];
  declare private scale: number;
  declare private zoom: Zoom;
  declare private currentPage: number;
  declare private placed: PdfField | undefined;
  declare private signatureUrl: string | undefined;
  /** @internal */
  declare busy: boolean;
  declare private shownError: ShownError | undefined;
  declare private signedUrl: string | undefined;
  /** A document is being read (the first one, or the signed one replacing it). */
  declare private opening: boolean;
  /** Share of the current upload sent, while one is in flight. */
  declare private uploadProgress: number | undefined;

  /** @internal */
  opened: OpenedPdf | undefined;
  /** Send mode's editor, once its code has loaded. */
  private sender: ContractSender | undefined;
  private senderLoading: Promise<ContractSender> | undefined;
  /** Which field the pointer or keys move: -1 the signing field, else that recipient's (send mode). */
  private editing = -1;
  private inFlight: AbortController | undefined;
  /** SHA-256 of the open document: the key its saved field and signature are kept under. */
  private documentId: string | undefined;
  private signatureImage: Blob | undefined;
  /** When the signature image was uploaded (for the evidence manifest). */
  private signatureAddedAt: string | undefined;
  /** What the last signing produced, kept for `exportEvidence()`. */
  private lastSigning: SigningRecord | undefined;
  private store: AttemptStore<SavedSigning> | undefined;
  private loadAbort: AbortController | undefined;
  private connection: EmzanoConnection | undefined;
  private drag: { mode: 'move' | 'resize'; x: number; y: number; start: ViewRect; pointerId: number } | undefined;
  private resizeObserver: ResizeObserver | undefined;
  protected override focusFallbacks = [
    '[part~="primary-button"]:not([disabled])',
    '[part="download"]',
    '[part~="add-field-button"]:not([disabled])',
    '[part="viewer"]',
  ];
  /** Draws the pages near the viewport; its code loads with the first document, beside pdf.js. */
  private renderer: PageRenderer | undefined;

  constructor() {
    super();
    this.src = '';
    this.pdf = undefined;
    this.fileName = 'document.pdf';
    this.workerSrc = '';
    this.maxSize = 25 * 1024 * 1024;
    this.tokenEndpoint = '';
    this.apiBase = DEFAULT_API_BASE;
    this.authScheme = 'Bearer';
    this.userId = '';
    this.signatureOnFile = false;
    this.persist = 'on';
    this.mode = 'sign';
    this.clmEndpoint = DEFAULT_CLM_ENDPOINT;
    this.recipients = [];
    this.sendOptions = { title: '', startPage: 1 };
    this.session = undefined;
    this.signer = undefined;
    this.signingKey = undefined;
    this.certificate = undefined;
    this.phase = 'empty';
    this.pages = [];
    this.scale = 1;
    this.zoom = 'fit-width';
    this.currentPage = 1;
    this.placed = undefined;
    this.signatureUrl = undefined;
    this.busy = false;
    this.shownError = undefined;
    this.signedUrl = undefined;
    this.opening = false;
  }

  /** The signature field in PDF terms, or `undefined` before one is placed. */
  get field(): PdfField | undefined {
    return this.placed;
  }

  set field(field: PdfField | undefined) {
    this.placed = field ? { ...field } : undefined;
  }

  /** How many page canvases hold pixels now (pages far from view hold none). */
  get renderedPageCount(): number {
    return this.renderer?.liveCanvases ?? 0;
  }

  private get viewer(): HTMLElement | null {
    return this.renderRoot.querySelector('[part="viewer"]');
  }

  /** Session and clients for the current settings (see EmzanoConnection), loaded on first use. */
  private async api(): Promise<EmzanoConnection> {
    const settings = {
      tokenEndpoint: this.tokenEndpoint,
      apiBase: this.apiBase,
      authScheme: this.authScheme,
      randomTextField: 'RandomText' as const,
    };
    this.connection = await connect(this.connection, settings);
    return this.connection;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loadAbort?.abort();
    this.inFlight?.abort();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.renderer?.detach();
    void this.opened?.close();
    this.opened = undefined;
    for (const url of [this.signatureUrl, this.signedUrl]) if (url) URL.revokeObjectURL(url);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && (this.src || this.pdf)) void this.load(this.src || this.pdf!);
    // After a reload with no document given, the one the person was working on comes back.
    else if (!this.hasUpdated && this.persist !== 'off') {
      void this.updateComplete.then(async () => {
        if (this.src || this.pdf || this.opened) return;
        const saved = await this.attempts.latest().catch(() => undefined);
        // Only work of this mode: a contract being prepared is not a document to sign, nor the reverse.
        const sameMode = (saved?.value.contract ? 'send' : 'sign') === this.mode;
        if (saved && sameMode && !this.src && !this.pdf && !this.opened) {
          this.fileName = saved.value.fileName;
          void this.load(saved.value.pdf);
        }
      });
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('zoom') || changed.has('pages')) this.scale = this.computeScale();
    // While a failure is shown, its Try again (or coming back online) asks again, not every update.
    if (this.mode === 'send' && !this.senderLoading && !this.shownError) void this.loadSender().catch(() => undefined);
  }

  /** Send mode's code loads the first time the element is in send mode. */
  private loadSender(): Promise<ContractSender> {
    this.senderLoading ??= import('./send-mode.js').then(
      (code) => {
        this.sender = new code.ContractSender(this);
        adoptStyles(this.renderRoot as ShadowRoot, [...EmzanoSignPdf.elementStyles, code.sendModeStyles]);
        this.requestUpdate();
        return this.sender;
      },
      (error: unknown) => {
        // Let a later attempt (a retry, or `send()`) fetch it again.
        this.senderLoading = undefined;
        const retry = () => (this.shownError = undefined);
        this.fail(offlineAware(toEmzanoError(error), retry), 'send', retry);
        throw error;
      },
    );
    return this.senderLoading;
  }

  protected override updated(changed: PropertyValues): void {
    if ((changed.has('src') || changed.has('pdf')) && (this.src || this.pdf)) {
      // A new document: the field placed on the old one no longer applies.
      if (!changed.has('placed')) this.placed = undefined;
      void this.load(this.pdf ?? this.src);
    }
    if (changed.has('scale') && !changed.has('pages')) this.renderer?.setScale(this.scale);
    const viewer = this.viewer;
    if (viewer && !this.resizeObserver) {
      this.resizeObserver = new ResizeObserver(() => {
        const scale = this.computeScale();
        if (Math.abs(scale - this.scale) > 0.001) this.scale = scale;
      });
      this.resizeObserver.observe(viewer);
    }
  }

  // Loading ------------------------------------------------------------------------------------

  private async load(source: PdfSource): Promise<void> {
    // What placing and signing need loads beside pdf.js, not with the element.
    if (this.mode !== 'send') {
      this.loadSignaturePad();
      preloadConnection();
    }
    this.loadAbort?.abort();
    const abort = new AbortController();
    this.loadAbort = abort;
    this.renderer?.detach();
    const previous = this.opened;
    this.opened = undefined;
    void previous?.close();
    this.shownError = undefined;
    this.phase = this.phase === 'signed' ? 'signed' : 'loading';
    this.pages = [];
    this.opening = true;
    try {
      const [opened, { PageRenderer }] = await Promise.all([
        openPdf(source, { workerSrc: this.workerSrc || defaultWorkerSrc(), maxSize: this.maxSize, signal: abort.signal }),
        import('./page-renderer.js'),
      ]);
      this.renderer ??= new PageRenderer(
        (page) => this.renderRoot.querySelector<HTMLElement>(`[data-page="${page}"]`),
        (page) => (this.currentPage = page),
      );
      if (abort.signal.aborted) {
        void opened.close();
        return;
      }
      const proxies = await pagesOf(opened.document);
      this.opened = opened;
      this.pages = proxies.map((page) => {
        const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
        return { width: x1 - x0, height: y1 - y0, rotation: normalizeRotation(page.rotate) };
      });
      if (this.placed && this.placed.page > this.pages.length) this.placed = undefined;
      if (this.phase === 'loading') this.phase = 'ready';
      this.opening = false;
      await this.updateComplete;
      const viewer = this.viewer;
      if (viewer) this.renderer.attach(viewer, proxies, this.scale);
      // Identified (and earlier work restored) after the first paint starts, never before it.
      const documentId = await sha256Hex(opened.bytes);
      if (abort.signal.aborted) return;
      this.documentId = documentId;
      if (this.phase === 'ready') await this.restoreWork();
      void this.sender?.restore();
    } catch (error) {
      if (abort.signal.aborted) return;
      this.opening = false;
      this.phase = 'empty';
      const retry = () => void this.load(source);
      this.fail(offlineAware(toEmzanoError(error), retry), 'load', retry);
    }
  }

  private computeScale(): number {
    if (typeof this.zoom === 'number') return this.zoom;
    const viewer = this.viewer;
    const first = this.pages[this.currentPage - 1] ?? this.pages[0];
    if (!viewer || !first) return this.scale;
    const widest = Math.max(...this.pages.map((page) => viewSize(page, 1).width));
    const available = Math.max(viewer.clientWidth - 32, 100);
    const fitWidth = available / widest;
    if (this.zoom === 'fit-width') return fitWidth;
    return Math.min(fitWidth, Math.max(viewer.clientHeight - 32, 100) / viewSize(first, 1).height);
  }

  private zoomBy(direction: 1 | -1): void {
    const next =
      direction > 0
        ? ZOOM_STEPS.find((step) => step > this.scale + 0.01)
        : [...ZOOM_STEPS].reverse().find((step) => step < this.scale - 0.01);
    this.zoom = next ?? this.scale;
  }

  // Placing the field ----------------------------------------------------------------------------

  /** Places a field where the person is looking: centred in the visible part of the current page. */
  private addField(): void {
    const page = this.pages[this.currentPage - 1] ? this.currentPage : 1;
    if (!this.pages[page - 1]) return;
    this.commitField(this.placeFieldOn(page));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="field"]')?.focus());
  }

  /**
   * @internal
   * A default field on `page`, centred in the part of it the person sees; `nth` puts it that many
   * fields lower, so several signers' fields do not cover each other.
   */
  placeFieldOn(page: number, nth = 0): PdfField {
    const geometry = this.pages[page - 1]!;
    const seen = pdfRectToView(geometry, this.scale, defaultField(page, geometry));
    const size = viewSize(geometry, this.scale);
    const viewer = this.viewer;
    const pageElement = this.renderRoot.querySelector<HTMLElement>(`[data-page="${page}"]`);
    let top = seen.top;
    if (viewer && pageElement) {
      const visibleTop = Math.max(viewer.scrollTop - pageElement.offsetTop, 0);
      const visibleBottom = Math.min(viewer.scrollTop + viewer.clientHeight - pageElement.offsetTop, size.height);
      if (visibleBottom > visibleTop) top = (visibleTop + visibleBottom - seen.height) / 2;
    }
    const rect = clampViewRect({ ...seen, top: top + nth * (seen.height + 8) }, size, MIN_FIELD_PX);
    return roundField(fieldFromView(page, geometry, this.scale, rect));
  }

  private commitField(field: PdfField): void {
    this.placed = roundField(field);
    this.emit(new EmzanoFieldChangeEvent({ field: this.placed }));
    void this.saveWork();
  }

  private fieldView(key = this.editing) {
    const field = key < 0 ? this.placed : this.recipients[key]?.field;
    const geometry = field ? this.pages[field.page - 1] : undefined;
    if (!field || !geometry) return undefined;
    return { field, rect: pdfRectToView(geometry, this.scale, field), page: viewSize(geometry, this.scale), geometry };
  }

  private moveField(rect: ViewRect, emit: boolean): void {
    const view = this.fieldView();
    if (!view) return;
    const field = fieldFromView(view.field.page, view.geometry, this.scale, rect);
    if (this.editing >= 0) this.sender?.setField(this.editing, roundField(field));
    else if (emit) this.commitField(field);
    else this.placed = field;
  }

  private handlePointerDown(event: PointerEvent, mode: 'move' | 'resize', key: number): void {
    this.editing = key;
    const view = this.fieldView();
    if (!view || event.button !== 0 || this.phase !== 'ready') return;
    event.preventDefault();
    event.stopPropagation();
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    this.drag = { mode, x: event.clientX, y: event.clientY, start: view.rect, pointerId: event.pointerId };
  }

  private handlePointerMove(event: PointerEvent): void {
    const drag = this.drag;
    const view = this.fieldView();
    if (!drag || !view || event.pointerId !== drag.pointerId) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    const rect =
      drag.mode === 'move' ? moveViewRect(drag.start, dx, dy, view.page) : resizeViewRect(drag.start, dx, dy, view.page, MIN_FIELD_PX);
    this.moveField(rect, false);
  }

  private handlePointerUp(event: PointerEvent): void {
    if (!this.drag || event.pointerId !== this.drag.pointerId) return;
    this.drag = undefined;
    if (this.editing < 0 && this.placed) this.commitField(this.placed);
  }

  private handleFieldKey(event: KeyboardEvent, key: number): void {
    this.editing = key;
    const view = this.fieldView();
    const delta = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
    if (!view || !delta || this.phase !== 'ready') return;
    event.preventDefault();
    const [dx, dy] = [delta[0]! * KEY_STEP_PX, delta[1]! * KEY_STEP_PX];
    const rect = event.shiftKey ? resizeViewRect(view.rect, dx, dy, view.page, MIN_FIELD_PX) : moveViewRect(view.rect, dx, dy, view.page);
    this.moveField(rect, true);
  }

  // Signature image --------------------------------------------------------------------------------

  private get pad(): EmzanoSignaturePad | null {
    return this.renderRoot.querySelector('emzano-signature-pad');
  }

  private handleUseSignature(): void {
    const pad = this.pad;
    if (!pad || pad.isEmpty()) return;
    void this.run('signature', async (signal) => {
      const image = await pad.toBlob();
      if (!image) return;
      const userId = await this.ensureSession();
      this.uploadProgress = 0;
      await (await this.api()).kyc.uploadSignature(userId, image, { signal, onProgress: this.trackUpload });
      if (this.signatureUrl) URL.revokeObjectURL(this.signatureUrl);
      this.signatureUrl = URL.createObjectURL(image);
      this.signatureImage = image;
      this.signatureAddedAt = new Date().toISOString();
      void this.saveWork();
    });
  }

  // Signing ------------------------------------------------------------------------------------------

  /** The user id of a usable session: the one handed over, or one the host mints for `user-id`. */
  private async ensureSession(): Promise<string> {
    const { session } = await this.api();
    if (this.session && session.userId !== this.session.userId) session.adopt(this.session);
    if (session.userId) return session.userId;
    if (this.userId && this.tokenEndpoint) return (await session.start(this.userId)).userId;
    throw new EmzanoError('session-missing');
  }

  private certificateText(): string {
    const certificate = this.certificate;
    if (typeof certificate === 'string' && certificate.trim() !== '')
      return certificate.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '');
    if (certificate instanceof ArrayBuffer) return bytesToBase64(new Uint8Array(certificate));
    if (certificate instanceof Uint8Array) return bytesToBase64(certificate);
    throw new EmzanoError('signer-missing');
  }

  /** Signs the document with the placed field, as the Sign button does. Resolves with the signed PDF. */
  async sign(): Promise<Blob | undefined> {
    let signed: Blob | undefined;
    await this.run('sign', async (signal) => {
      const opened = this.opened;
      const field = this.placed;
      if (!opened || !field) return;
      const signer = this.signer ?? (this.signingKey ? webCryptoSigner(this.signingKey) : undefined);
      if (!signer) throw new EmzanoError('signer-missing');
      const certificate = this.certificateText();
      const userId = await this.ensureSession();
      const input = { pdf: new Blob([opened.bytes], { type: 'application/pdf' }), fileName: this.fileName, certificate, userId, field };
      const upload = { signal, onProgress: this.trackUpload };
      this.uploadProgress = 0;
      const { dss } = await this.api();
      const digest = await dss.digest(input, upload);
      this.uploadProgress = undefined;
      const signedDigest = await signer(digest, { userId, certificate, field });
      this.uploadProgress = 0;
      signed = await dss.putSign(input, signedDigest, upload);
      this.uploadProgress = undefined;
      if (this.signedUrl) URL.revokeObjectURL(this.signedUrl);
      this.signedUrl = URL.createObjectURL(signed);
      this.phase = 'signed';
      this.lastSigning = {
        pdf: signed,
        original: input.pdf,
        field,
        userId,
        signedAt: new Date().toISOString(),
        signature: this.signatureImage
          ? { image: this.signatureImage, addedAt: this.signatureAddedAt ?? new Date().toISOString() }
          : undefined,
      };
      void this.forgetWork();
      this.emit(new EmzanoSignedEvent({ pdf: signed, field }));
      // Show what was signed: the document with its signature widget, at the signed page.
      await this.load(signed);
      await this.updateComplete;
      this.renderRoot.querySelector(`[data-page="${field.page}"]`)?.scrollIntoView({ block: 'start' });
    });
    return signed;
  }

  /**
   * An evidence zip of the last signing: the signed PDF, the signature image (when one was drawn
   * here) and `manifest.json` with each file's SHA-256, the original document's SHA-256, the
   * user id and the field placed. AES-256 encrypted when `password` is given. Rejects with an
   * `EmzanoError` (`evidence-unavailable`) before anything is signed.
   */
  async exportEvidence(options: ExportEvidenceOptions = {}): Promise<Blob> {
    // Packaging code (and zip.js behind it) loads only when a package is asked for.
    const { signingEvidence } = await import('../../evidence/signing-evidence.js');
    return signingEvidence(this.lastSigning, this.fileName, options);
  }

  /**
   * Send mode: checks the recipients and the contract's settings, then sends it to CLM (through
   * `clm-endpoint`). Resolves with CLM's document id; `undefined` when something must be fixed
   * first (it is marked, and focus goes to it) or sending failed (the element shows why).
   */
  async send(): Promise<string | undefined> {
    // A send mode that failed to load is already shown as an error, with Try again.
    const sender = await this.loadSender().catch(() => undefined);
    const documentId = await sender?.send();
    if (documentId) this.emit(new EmzanoSentEvent({ documentId }));
    return documentId;
  }

  /** Starts over: no document, field or signature, nothing kept. */
  reset(): void {
    void this.forgetWork();
    this.loadAbort?.abort();
    this.renderer?.detach();
    void this.opened?.close();
    this.opened = undefined;
    this.documentId = undefined;
    for (const url of [this.signatureUrl, this.signedUrl]) if (url) URL.revokeObjectURL(url);
    this.signatureUrl = undefined;
    this.signatureImage = undefined;
    this.signatureAddedAt = undefined;
    this.lastSigning = undefined;
    this.signedUrl = undefined;
    this.placed = undefined;
    this.pages = [];
    this.shownError = undefined;
    this.phase = 'empty';
  }

  // Keeping work across reloads ----------------------------------------------------------------------

  /** @internal */
  get attempts(): AttemptStore<SavedSigning> {
    this.store ??= new AttemptStore<SavedSigning>('emzano-sign-pdf');
    return this.store;
  }

  private async saveWork(): Promise<void> {
    const opened = this.opened;
    const id = this.documentId;
    if (this.persist === 'off' || !opened || !id || this.phase !== 'ready') return;
    const record: SavedSigning = {
      pdf: new Blob([opened.bytes], { type: 'application/pdf' }),
      fileName: this.fileName,
      field: this.placed,
      signature: this.signatureImage,
    };
    await this.attempts.save(id, record).catch(() => undefined);
  }

  /** The field and signature kept for this very document (same bytes), unless already set. */
  private async restoreWork(): Promise<void> {
    if (this.persist === 'off' || !this.documentId) return;
    const saved = await this.attempts.latest().catch(() => undefined);
    if (!saved || saved.id !== this.documentId) return;
    if (!this.placed && saved.value.field && saved.value.field.page <= this.pages.length) this.placed = saved.value.field;
    if (!this.signatureUrl && saved.value.signature) {
      this.signatureImage = saved.value.signature;
      this.signatureUrl = URL.createObjectURL(saved.value.signature);
    }
  }

  private async forgetWork(): Promise<void> {
    if (this.documentId && this.persist !== 'off') await this.attempts.clear(this.documentId).catch(() => undefined);
  }

  /** @internal */
  async run(step: SignPdfStep, action: (signal: AbortSignal) => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.shownError = undefined;
    this.inFlight = new AbortController();
    try {
      await action(this.inFlight.signal);
    } catch (error) {
      const failure = toEmzanoError(error);
      const retry = () => void this.run(step, action);
      // A cancelled upload is the person's choice, not a failure: the field and signature stay.
      if (failure.code !== 'aborted') this.fail(offlineAware(failure, retry), step, retry);
    } finally {
      this.busy = false;
      this.inFlight = undefined;
      this.uploadProgress = undefined;
    }
  }

  private readonly trackUpload = (fraction: number) => {
    this.uploadProgress = fraction;
  };

  private fail(error: EmzanoError, step: SignPdfStep, retry: () => void): void {
    // Emzano's numbered messages load with the first such error (see loadEmzanoMessages).
    if (typeof error.code === 'number') void loadEmzanoMessages().then(() => this.showError(error, step, retry));
    else this.showError(error, step, retry);
  }

  private showError(error: EmzanoError, step: SignPdfStep, retry: () => void): void {
    const retryable = error.retryable;
    this.shownError = { code: error.code, retry: retryable ? retry : undefined };
    this.emit(new EmzanoErrorEvent({ code: error.code, message: errorMessage(error.code, this.language), step, retryable }));
  }

  // Rendering --------------------------------------------------------------------------------------

  override render() {
    const t = this.t;
    return html`
      <div part="base" dir=${t.dir} lang=${t.lang} aria-busy=${this.busy || this.opening ? 'true' : 'false'}>
        ${this.renderToolbar()}
        <div part="viewer" dir="ltr" tabindex="0" role="region" aria-label=${t.signPdf.documentLabel}>
          <span id="field-help" class="visually-hidden">${t.signPdf.fieldHelp}</span>
          ${this.opening ? html`<p part="status">${t.signPdf.loading}</p>` : nothing}
          ${this.pages.map((page, index) => this.renderPage(page, index + 1))}
        </div>
        ${
          this.mode === 'send'
            ? this.phase === 'ready'
              ? this.sender?.render(t)
              : nothing
            : html`${this.renderSignaturePanel()} ${this.renderActions()}`
        }
        ${this.renderError()}
        ${renderAnnouncer(this.uploadProgress === undefined ? '' : t.upload.progress(uploadMilestone(this.uploadProgress)))}
      </div>
    `;
  }

  private renderToolbar() {
    const t = this.t.signPdf;
    const ready = this.pages.length > 0;
    return html`
      <div part="toolbar" role="toolbar" aria-label=${t.documentLabel}>
        <span part="page-indicator" aria-live="polite"
          >${ready ? t.pageOf(this.currentPage, this.pages.length) : this.opening ? t.loading : t.empty}</span
        >
        <button part="button" type="button" ?disabled=${!ready} @click=${() => this.zoomBy(-1)}>${t.zoomOut}</button>
        <button part="button" type="button" ?disabled=${!ready} @click=${() => this.zoomBy(1)}>${t.zoomIn}</button>
        <button
          part="button"
          type="button"
          ?disabled=${!ready}
          aria-pressed=${this.zoom === 'fit-width' ? 'true' : 'false'}
          @click=${() => (this.zoom = 'fit-width')}
        >
          ${t.fitWidth}
        </button>
        <button
          part="button"
          type="button"
          ?disabled=${!ready}
          aria-pressed=${this.zoom === 'fit-page' ? 'true' : 'false'}
          @click=${() => (this.zoom = 'fit-page')}
        >
          ${t.fitPage}
        </button>
        ${this.phase === 'ready' && this.mode !== 'send' ? html`<button part="button add-field-button" type="button" ?disabled=${!ready} @click=${this.addField}>${t.addField}</button>` : nothing}
      </div>
    `;
  }

  private renderPage(page: PageGeometry, number: number) {
    const size = viewSize(page, this.scale);
    const field = this.phase === 'ready' && this.placed?.page === number ? this.placed : undefined;
    return html`
      <div
        class="page"
        part="page"
        data-page=${number}
        role="group"
        aria-label=${this.t.signPdf.pageLabel(number)}
        style="width:${size.width}px;height:${size.height}px"
      >
        ${
          this.mode === 'send'
            ? this.phase === 'ready'
              ? this.sender?.renderFields(number, this.t)
              : nothing
            : field
              ? this.renderField(field)
              : nothing
        }
      </div>
    `;
  }

  /**
   * @internal
   * A field box on the page, moved by pointer or keys. `key` -1 is the field to sign; send mode
   * draws each signer's (`key` their index) with their name and colour.
   */
  renderField(field: PdfField, key = -1, content?: unknown, label?: string, color?: string) {
    const t = this.t.signPdf;
    const { page } = field;
    const rect = pdfRectToView(this.pages[page - 1]!, this.scale, field);
    return html`
      <div
        part="field"
        data-key=${key}
        tabindex="0"
        role="group"
        aria-label=${label ?? t.fieldLabel(page)}
        aria-describedby="field-help"
        style="left:${rect.left}px;top:${rect.top}px;width:${rect.width}px;height:${rect.height}px${color ? `;--_field-color:${color}` : ''}"
        @pointerdown=${(event: PointerEvent) => this.handlePointerDown(event, 'move', key)}
        @pointermove=${this.handlePointerMove}
        @pointerup=${this.handlePointerUp}
        @pointercancel=${this.handlePointerUp}
        @keydown=${(event: KeyboardEvent) => this.handleFieldKey(event, key)}
      >
        ${
          content ??
          (this.signatureUrl
            ? html`<img src=${this.signatureUrl} alt="" />`
            : html`<span>${this.signatureOnFile ? t.signatureOnFile : t.addField}</span>`)
        }
        <button
          part="resize-handle"
          type="button"
          tabindex="-1"
          aria-label=${t.resizeHandle}
          @pointerdown=${(event: PointerEvent) => this.handlePointerDown(event, 'resize', key)}
          @pointermove=${this.handlePointerMove}
          @pointerup=${this.handlePointerUp}
          @pointercancel=${this.handlePointerUp}
        ></button>
      </div>
    `;
  }

  /**
   * The signature pad's code (signature_pad included) loads with the first document, beside
   * pdf.js, rather than with the element: a page that shows no document never downloads it.
   */
  private loadSignaturePad(): void {
    if (this.padRequested) return;
    this.padRequested = true;
    if (customElements.get('emzano-signature-pad')) return;
    void import('../../emzano-signature-pad.js').then(() => this.requestUpdate());
  }
  private padRequested = false;

  private renderSignaturePanel() {
    if (this.phase !== 'ready' || this.signatureOnFile) return nothing;
    // Until the pad is defined its buttons would not work; the panel appears with it.
    if (!customElements.get('emzano-signature-pad')) return nothing;
    const t = this.t.signPdf;
    if (this.signatureUrl) return html`<div part="signature-panel"><p class="success">${t.signatureReady}</p></div>`;
    return html`
      <div part="signature-panel">
        <p part="status">${t.drawIntro}</p>
        <emzano-signature-pad
          part="signature-pad"
          exportparts=${PAD_EXPORTPARTS}
          lang=${this.t.lang}
          theme=${this.theme ?? nothing}
        ></emzano-signature-pad>
        <div part="actions">
          <button part="button" type="button" ?disabled=${this.busy} @click=${this.handleUseSignature}>${t.useSignature}</button>
        </div>
      </div>
    `;
  }

  private renderActions() {
    const t = this.t.signPdf;
    if (this.phase === 'signed' && this.signedUrl) {
      return html`
        <div part="actions">
          <p class="success">${t.signed}</p>
          <a part="download" href=${this.signedUrl} download=${this.fileName.replace(/\.pdf$/i, '') + '-signed.pdf'}>${t.download}</a>
        </div>
      `;
    }
    if (this.phase !== 'ready') return nothing;
    const canSign = Boolean(this.placed) && (this.signatureOnFile || Boolean(this.signatureUrl)) && !this.busy;
    return html`
      ${this.uploadProgress !== undefined ? renderUploadProgress(this.t, this.uploadProgress, () => this.inFlight?.abort()) : nothing}
      <div part="actions">
        ${this.busy ? html`<p part="status" role="status">${t.signing}</p>` : nothing}
        <button part="button primary-button" class="primary" type="button" ?disabled=${!canSign} @click=${() => void this.sign()}>
          ${t.sign}
        </button>
      </div>
    `;
  }

  private renderError() {
    const error = this.shownError;
    if (!error) return nothing;
    return html`
      <div part="error" role="alert">
        <p>${errorMessage(error.code, this.language)}</p>
        ${error.retry ? html`<div part="actions"><button part="button" type="button" @click=${error.retry}>${this.t.common.retry}</button></div>` : nothing}
      </div>
    `;
  }
}

/** Every page proxy, in order. */
async function pagesOf(document: PDFDocumentProxy) {
  return Promise.all(Array.from({ length: document.numPages }, (_, index) => document.getPage(index + 1)));
}
