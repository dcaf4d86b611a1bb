import type { PropertyValues } from 'lit';
import type { EmzanoConnection } from '../../api/connection.js';
import { DEFAULT_CERTIFICATE_ENDPOINT, DEFAULT_CLM_ENDPOINT } from '../../api/defaults.js';
import { connect, preloadConnection } from '../../api/lazy-connection.js';
import type { ClmRecipient, SendOptions } from '../../core/clm-send.js';
import type { PdfField } from '../../core/pdf-geometry.js';
import { sha256Hex } from '../../core/sha256.js';
import type { EmzanoSession } from '../../core/token-contract.js';
import type { ExportEvidenceOptions } from '../../evidence/evidence-package.js';
import { EmzanoFieldChangeEvent, EmzanoSentEvent, EmzanoSignedEvent } from '../../events/sign-pdf-events.js';
import { addStrings } from '../../i18n/index.js';
import { enSignPdf } from '../../i18n/en/sign-pdf.js';
import { faSignPdf } from '../../i18n/fa/sign-pdf.js';
import { EmzanoElement } from '../../internal/base-element.js';
import { LazyPartsController } from '../../controllers/lazy-parts.js';
import { PersistenceController } from '../../controllers/persistence.js';
import { TaskController } from '../../controllers/task.js';
import type { Signer } from '../../signing/signer.js';
import { feedbackStyles } from '../../styles/feedback.js';
import { hostStyles } from '../../styles/tokens.js';
import { PdfViewerController } from '../pdf-viewer/pdf-viewer-controller.js';
import type { PdfSource } from '../pdf-viewer/pdf-loader.js';
import { signPdfStyles } from './emzano-sign-pdf.styles.js';
import { PROPERTY_SHAPES, refuseWrongShapes } from './property-shapes.js';
import { savedWork, type SavedSigning } from './saved-work.js';
import type { ContractController, ContractState } from './send-mode.js';
import type { SigningController } from './signing-controller.js';
import { renderSignPdf } from './render-sign-pdf.js';

addStrings({ fa: faSignPdf, en: enSignPdf });

/** Parts loaded when first needed: send mode's editor; sign mode's panel and signature pad (with the first document). */
const LAZY_PARTS = {
  sendMode: () => import('./send-mode.js'),
  signing: () => import('./signing-controller.js'),
};

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
 * @event emzano-error - Something failed; the person is shown why. Detail: `{ code, message, step, retryable, detail? }` (`detail` names the property for `invalid-property`).
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
 * @csspart certificate-offer - With no signer set and no valid certificate held here: the offer to get one for a key made in this browser.
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
    rendererSrc: { type: String, attribute: 'renderer-src' },
    maxSize: { type: Number, attribute: 'max-size' },
    tokenEndpoint: { type: String, attribute: 'token-endpoint' },
    apiBase: { type: String, attribute: 'api-base' },
    authScheme: { type: String, attribute: 'auth-scheme' },
    userId: { type: String, attribute: 'user-id' },
    signatureOnFile: { type: Boolean, attribute: 'signature-on-file' },
    persist: { type: String },
    persistKey: { type: String, attribute: 'persist-key' },
    certificateEndpoint: { type: String, attribute: 'certificate-endpoint' },
    mode: { type: String, reflect: true },
    clmEndpoint: { type: String, attribute: 'clm-endpoint' },
    recipients: { attribute: false },
    sendOptions: { attribute: false },
    session: { attribute: false },
    signer: { attribute: false },
    signingKey: { attribute: false },
    certificate: { attribute: false },
    phase: { state: true },
    placed: { state: true },
  };

  /** URL of the PDF to show. */
  declare src: string;
  /** The PDF itself, instead of `src`. */
  declare pdf: Blob | ArrayBuffer | Uint8Array | undefined;
  /** File name sent to Emzano and offered for the download. */
  declare fileName: string;
  /** URL of pdf.js's worker. Default: the one shipped beside this module. */
  declare workerSrc: string;
  /** URL of pdf.js's renderer worker (draws pages off the main thread). Default: beside this module, none when only `worker-src` is set; `off`: main thread. */
  declare rendererSrc: string;
  /** Largest PDF accepted, in bytes. Default 25 MB. */
  declare maxSize: number;
  /** The host's token endpoint, asked for a token for `user-id` when no `session` is set. */
  declare tokenEndpoint: string;
  /**
   * Emzano API origin the browser calls with the user token. Empty (the default): where the host's
   * token endpoint says with each token (`browserApiBase`, which the kit sets against the sandbox),
   * else Emzano's production API, `https://api.emzano.com`.
   */
  declare apiBase: string;
  /** Scheme before the user token in `Authorization` (`''` for the bare token). */
  declare authScheme: string;
  /** The Emzano user who signs, when the token comes from `token-endpoint`. */
  declare userId: string;
  /** The person already uploaded a signature image (e.g. during KYC): no drawing needed. */
  declare signatureOnFile: boolean;
  /** `on`: keep the document, the field and the drawn signature in IndexedDB across reloads; `off`: never store. */
  declare persist: 'on' | 'off';
  /** An opaque id of your signed-in user: work is reopened, and the signing key made in this browser found, only under the same key. */
  declare persistKey: string;
  /** Where the person gets a certificate when none is held here (`<emzano-certificate>`'s `certificate-endpoint`). */
  declare certificateEndpoint: string;
  /** `sign` (the default): the person signs the document. `send`: the person prepares it for several recipients and sends it to CLM. */
  declare mode: 'sign' | 'send';
  /** Send mode: where the host mounts `createClmHandler` (the CLM paths are appended). Default `/api/emzano/clm`. */
  declare clmEndpoint: string;
  /** Send mode: the recipients, each `{ name, mobile, nationalCode, title, role: 'signer' | 'viewer' | 'approver', order, field? }` (`field` as `field`, plus `digitalSignature`, `repeatSignature`). */
  declare recipients: ClmRecipient[];
  /** Send mode: the contract's `{ title, startPage, expiredAt?, certificatePayment?, startPageBase? }`; `startPage` counts from 1 as shown (the callback URL is the server's). */
  declare sendOptions: SendOptions;
  /** A session handed over by `<emzano-kyc>` (its `emzano-complete` detail) or the host. */
  declare session: EmzanoSession | undefined;
  /** Signs Emzano's digest; default: a WebCrypto signer with `signingKey`, else the key and certificate this browser holds (`<emzano-certificate>`). */
  declare signer: Signer | undefined;
  /** Private RSA key for the built-in signer (RSASSA-PKCS1-v1_5, SHA-256). */
  declare signingKey: CryptoKey | undefined;
  /** The signer's X.509 certificate: PEM or base64 DER text, or the DER bytes. Default: the one this browser holds with its key. */
  declare certificate: string | ArrayBuffer | Uint8Array | undefined;

  declare private phase: 'empty' | 'loading' | 'ready' | 'signed';
  declare private placed: PdfField | undefined;
  /** SHA-256 of the open document: the key its saved work is kept under. */
  private documentId: string | undefined;
  private connection: EmzanoConnection | undefined;
  /** Sign mode's signature, signed PDF and evidence; its code comes with the sign panel. */
  private signing: SigningController | undefined;
  /** Send mode, once its code has loaded. */
  private contract: ContractController | undefined;
  /** The recipients or settings being set come from the editor, not the host (so they need no check). */
  private fromEditor = false;

  private readonly task = new TaskController(this, { language: () => this.language, step: () => 'load' });
  /** Before the viewer: what is pending is written on disconnect, before the viewer closes the document. */
  private readonly saved = new PersistenceController<SavedSigning>(this, {
    namespace: 'emzano-sign-pdf',
    enabled: () => this.persist !== 'off',
    snapshot: () => this.snapshot(),
    scope: () => this.persistKey,
  });
  private readonly viewer = new PdfViewerController(this, {
    workerSrc: () => this.workerSrc,
    rendererSrc: () => this.rendererSrc,
    maxSize: () => this.maxSize,
    editable: () => this.phase === 'ready' && !this.task.busy,
    onFieldChange: (key, field, done) => this.handleFieldChange(key, field, done),
    onFailure: (error, retry) => this.task.fail(error, retry, 'load'),
  });
  private readonly parts = new LazyPartsController(this, LAZY_PARTS, (error, retry) =>
    this.task.fail(error, retry, this.mode === 'send' ? 'send' : 'load'),
  );
  protected override focusFallbacks = [
    '[part~="primary-button"]:not([disabled])',
    '[part="download"]',
    '[part~="add-field-button"]:not([disabled])',
    '[part="viewer"]',
  ];

  constructor() {
    super();
    this.src = '';
    this.fileName = 'document.pdf';
    this.workerSrc = '';
    this.rendererSrc = '';
    this.maxSize = 25 * 1024 * 1024;
    this.tokenEndpoint = '';
    this.apiBase = '';
    this.authScheme = 'Bearer';
    this.userId = '';
    this.signatureOnFile = false;
    this.persist = 'on';
    this.persistKey = '';
    this.certificateEndpoint = DEFAULT_CERTIFICATE_ENDPOINT;
    this.mode = 'sign';
    this.clmEndpoint = DEFAULT_CLM_ENDPOINT;
    this.recipients = [];
    this.sendOptions = { title: '', startPage: 1 };
    this.phase = 'empty';
  }

  /** The signature field in PDF terms, or `undefined` before one is placed. */
  get field(): PdfField | undefined {
    return this.placed;
  }

  set field(field: PdfField | undefined) {
    if (field !== undefined && !PROPERTY_SHAPES['field']![0](field)) this.task.refuseProperty('field', field, 'sign');
    else this.placed = field ? { ...field } : undefined;
  }

  /** How many page canvases hold pixels now (pages far from view hold none). */
  get renderedPageCount(): number {
    return this.viewer.liveCanvases;
  }

  /** Session and clients for the current settings (see EmzanoConnection), loaded on first use. */
  private async api(): Promise<EmzanoConnection> {
    const { tokenEndpoint, apiBase, authScheme } = this;
    this.connection = await connect(this.connection, { tokenEndpoint, apiBase, authScheme, randomTextField: 'RandomText' });
    return this.connection;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && (this.src || this.pdf)) void this.open(this.pdf ?? this.src);
    // After a reload with no document given, the one the person was working on comes back.
    else if (!this.hasUpdated) void this.updateComplete.then(() => this.reopenLatest());
  }

  protected override willUpdate(changed: PropertyValues): void {
    refuseWrongShapes(this, changed, this.task, PROPERTY_SHAPES);
    if (changed.has('recipients') && !this.fromEditor && this.recipients.length)
      void this.contractReady().then((contract) => contract?.checkHostRecipients());
    this.fromEditor = false;
    // A new document from the host: whatever was placed or signed on the old one no longer applies.
    if ((changed.has('src') || changed.has('pdf')) && (this.src || this.pdf)) {
      if (!changed.has('placed')) this.placed = undefined;
      void this.open(this.pdf ?? this.src);
    }
    // While a failure is shown, its Try again (or coming back online) asks again, not every update.
    if (this.mode === 'send' && !this.contract && !this.parts.isLoading('sendMode') && !this.task.failure) void this.contractReady();
  }

  // Documents ----------------------------------------------------------------------------------------

  /**
   * Opens a document. One the host gives starts afresh (placing, then signing); the signed result
   * is shown in the signed state. Earlier work on the same document comes back after the first paint.
   */
  private async open(source: PdfSource, signedResult = false): Promise<void> {
    this.task.clear();
    if (!signedResult) {
      this.phase = 'loading';
      this.signing?.clearSigned();
    }
    this.documentId = undefined;
    const opened = await this.viewer.open(source);
    // What placing and signing need loads once the first page is painted (on a two-core phone it
    // would compete with pdf.js's worker for the first paint), never with the element.
    if (this.mode !== 'send') {
      void this.signingReady();
      preloadConnection();
    }
    if (!opened) {
      if (!signedResult && this.viewer.pages.length === 0 && !this.viewer.opening) this.phase = 'empty';
      return;
    }
    if (this.placed && this.placed.page > this.viewer.pages.length) this.placed = undefined;
    if (!signedResult) this.phase = 'ready';
    const documentId = await sha256Hex(opened.bytes);
    if (this.viewer.opened !== opened) return;
    this.documentId = documentId;
    if (this.phase === 'ready') await this.restoreWork(documentId);
  }

  // Fields ----------------------------------------------------------------------------------------

  /** Places the field where the person is looking: centred in the visible part of the current page. */
  private addField(): void {
    const field = this.viewer.placeFieldOn(this.viewer.pages[this.viewer.currentPage - 1] ? this.viewer.currentPage : 1);
    if (!field) return;
    this.handleFieldChange(-1, field, true);
    this.viewer.focusField(-1);
  }

  /** The viewer moved a field: -1 is the field to sign, else that recipient's (send mode). */
  private handleFieldChange(key: number, field: PdfField, done: boolean): void {
    if (key >= 0) return this.contract?.moveField(key, field);
    this.placed = field;
    if (!done) return;
    this.emit(new EmzanoFieldChangeEvent({ field }));
    this.saved.schedule();
  }

  // Signing ------------------------------------------------------------------------------------------

  /** Sign mode's panel and signing code, loaded with the first document. */
  private async signingReady(): Promise<SigningController | undefined> {
    const code = await this.parts.load('signing');
    const options = { task: this.task, api: () => this.api(), settings: () => this, onSignature: () => void this.saved.save() };
    this.signing ??= code && new code.SigningController(this, options);
    // Its panel is drawn from now on (the part's own load asked for a render before it existed).
    this.requestUpdate();
    return this.signing;
  }

  /** Signs the document with the placed field, as the Sign button does. Resolves with the signed PDF. */
  async sign(): Promise<Blob | undefined> {
    const signing = await this.signingReady();
    const opened = this.viewer.opened;
    const field = this.placed;
    if (!signing || !opened || !field || this.phase !== 'ready') return undefined;
    return signing.sign(opened.bytes, this.fileName, field, async (pdf) => {
      this.phase = 'signed';
      void this.saved.forget(this.documentId);
      this.emit(new EmzanoSignedEvent({ pdf, field }));
      // Show what was signed: the document with its signature widget, at the signed page.
      await this.open(pdf, true);
      await this.updateComplete;
      this.viewer.showPage(field.page, 'start');
    });
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
    return signingEvidence(this.signing?.lastSigning, this.fileName, options);
  }

  // Send mode ----------------------------------------------------------------------------------------

  /** Send mode, its code loaded the first time the element is in send mode. */
  private async contractReady(): Promise<ContractController | undefined> {
    const code = await this.parts.load('sendMode');
    const state = () => ({ recipients: this.recipients, sendOptions: this.sendOptions, clmEndpoint: this.clmEndpoint });
    const setState = ({ recipients, sendOptions }: Partial<ContractState>) => {
      [this.fromEditor, this.recipients, this.sendOptions] = [true, recipients ?? this.recipients, sendOptions ?? this.sendOptions];
      this.saved.schedule();
    };
    const onSent = (documentId: string) => {
      void this.saved.forget(this.documentId);
      this.emit(new EmzanoSentEvent({ documentId }));
    };
    this.contract ??= code && new code.ContractController(this, { task: this.task, viewer: this.viewer, state, setState, onSent });
    this.requestUpdate();
    return this.contract;
  }

  /**
   * Send mode: checks the recipients and settings, then sends the contract to CLM (through `clm-endpoint`). Resolves with
   * CLM's document id; `undefined` when something must be fixed first (marked and focused) or sending failed (shown).
   */
  async send(): Promise<string | undefined> {
    // A send mode that failed to load is already shown as an error, with Try again.
    return (await this.contractReady())?.send();
  }

  /** Starts over: no document, field or signature, nothing kept. */
  reset(): void {
    void this.saved.forget(this.documentId);
    this.viewer.close();
    this.signing?.reset();
    this.task.clear();
    [this.documentId, this.placed, this.phase] = [undefined, undefined, 'empty'];
  }

  // Keeping work across reloads ----------------------------------------------------------------------

  private snapshot(): { id: string; value: SavedSigning } | undefined {
    const [opened, id, { recipients, sendOptions }] = [this.viewer.opened, this.documentId, this];
    if (!opened || !id || this.phase !== 'ready') return undefined;
    const work = this.mode === 'send' ? { recipients, sendOptions } : { field: this.placed, signature: this.signing?.signature?.blob };
    return { id, value: savedWork(opened.bytes, this.fileName, work) };
  }

  /** After a reload with no document given: the latest work of this mode (a contract being prepared is not a document to sign). */
  private async reopenLatest(): Promise<void> {
    if (this.src || this.pdf || this.viewer.opened) return;
    const saved = await this.saved.latest();
    if (!saved || (saved.value.contract ? 'send' : 'sign') !== this.mode || this.src || this.pdf || this.viewer.opened) return;
    this.fileName = saved.value.fileName;
    void this.open(saved.value.pdf);
  }

  /** What was kept for this very document (same bytes), never over what the host or the person already set. */
  private async restoreWork(documentId: string): Promise<void> {
    const saved = await this.saved.latest();
    if (saved?.id !== documentId) return this.saved.schedule();
    const { field, signature, contract } = saved.value;
    if (this.mode === 'send') return void (contract && (await this.contractReady())?.restore(contract));
    if (!this.placed && field && field.page <= this.viewer.pages.length) this.placed = field;
    const signing = await this.signingReady();
    if (signature && signing && !signing.signature) signing.restoreSignature(signature);
  }

  // Rendering --------------------------------------------------------------------------------------

  override render() {
    const { t, phase, mode, placed, signatureOnFile, theme, fileName } = this;
    const panel = { phase, placed: Boolean(placed), signatureOnFile, theme, fileName, onSign: () => void this.sign() };
    const parts = { task: this.task, viewer: this.viewer, signing: this.signing, contract: this.contract };
    return renderSignPdf({ t, mode, phase, field: placed, panel, ...parts, onAddField: () => this.addField() });
  }
}
