import { html, nothing, type PropertyValues } from 'lit';
import type { RemoteFieldProblem, RemoteRequestField, RemoteRequestInput } from '../../core/remote-request.js';
import type { RemoteErrorCode, RemoteVerificationEvent } from '../../core/remote-verification-contract.js';
import { EmzanoErrorEvent, type RemoteVerificationStep } from '../../events/error-event.js';
import { EmzanoRemoteSentEvent, EmzanoRemoteStatusEvent } from '../../events/remote-verification-events.js';
import { EmzanoElement } from '../../internal/base-element.js';
import { isText, refuseWrongShapes, reportRefusal, type PropertyShape } from '../../internal/property-shapes.js';
import { LazyPartsController } from '../../controllers/lazy-parts.js';
import { cardStyles } from '../../styles/card.js';
import { feedbackStyles } from '../../styles/feedback.js';
import { formFieldStyles } from '../../styles/form-fields.js';
import { hostStyles } from '../../styles/tokens.js';
import type { RemoteFollowController } from './follow-controller.js';
import type { RequestDraft } from './request-form.js';
import { remoteVerificationStyles } from './emzano-remote-verification.styles.js';
import type { RemoteLanguage, RemoteStrings } from './strings/types.js';

/** Each language's words load when the language is first used: a page carries one of the three. */
const STRINGS = {
  fa: () => import('./strings/fa.js'),
  en: () => import('./strings/en.js'),
  es: () => import('./strings/es.js'),
};

/** An endpoint or id that is not text would be sent as "[object Object]": refused by name. */
const PROPERTY_SHAPES: Record<string, PropertyShape> = {
  endpoint: [isText, 'send', ''],
  requestId: [isText, 'follow', ''],
  message: [isText, 'send', ''],
  sender: [isText, 'send', ''],
  workerSrc: [isText, 'certificate', ''],
};

interface Failure {
  code: RemoteErrorCode;
  step: RemoteVerificationStep;
  retryable: boolean;
  res?: number | undefined;
  retryAfter?: number | undefined;
  retry?: (() => void) | undefined;
}

/**
 * Remote identity verification by SMS link, for an operator (a branch clerk, an agent): the
 * person gets a link on their phone and verifies there with their ID document and a video; this
 * element sends the request through the host's endpoint (`createRemoteVerificationHandler`),
 * follows its progress live as the service's webhook reports arrive, shows the result and offers
 * the certificate PDF, with a preview of its first page. Speaks Persian, English and Spanish.
 *
 * @summary Send a verification link by SMS and follow it live to the certificate.
 * @tag emzano-remote-verification
 *
 * @event emzano-remote-sent - The link was sent (or scheduled). Detail: `{ id, credits? }`.
 * @event emzano-remote-status - A new report arrived for the request followed. Detail: `{ id, status, result?, event }`.
 * @event emzano-error - A failure the operator is shown. Detail: `{ code, message, step: 'send' | 'follow' | 'certificate', retryable, detail? }`.
 *
 * @csspart base - The card.
 * @csspart heading - The form's or the request's title.
 * @csspart intro - The form's explanation.
 * @csspart form - The request form.
 * @csspart input - Each text field (the SMS text also `message`).
 * @csspart hint - A field's hint (the sender's `counter`, the scheduled time's `zones`).
 * @csspart field-error - What is wrong with a field.
 * @csspart schedule - The choice of when to send.
 * @csspart primary-button - The Send button.
 * @csspart button - Other buttons.
 * @csspart summary - Where and when the link was sent.
 * @csspart connection - The live connection's state.
 * @csspart timeline - The list of reports.
 * @csspart timeline-item - One report (`timeline-kind`, `timeline-status`, `timeline-time` inside).
 * @csspart result - The verification result.
 * @csspart certificate - The certificate section.
 * @csspart download - The certificate's download link.
 * @csspart preview - The certificate's first page.
 * @csspart error - The error box with its retry button.
 *
 * @cssprop --emzano-remote-verification-max-width - The card's largest width (default 44rem).
 */
export class EmzanoRemoteVerification extends EmzanoElement {
  static override styles = [hostStyles, feedbackStyles, cardStyles, formFieldStyles, remoteVerificationStyles];
  static override properties = {
    ...EmzanoElement.properties,
    endpoint: { type: String },
    requestId: { type: String, attribute: 'request-id', reflect: true },
    message: { type: String },
    sender: { type: String },
    workerSrc: { type: String, attribute: 'worker-src' },
    draft: { state: true },
    problems: { state: true },
    sending: { state: true },
    failure: { state: true },
    certificateUrl: { state: true },
    preview: { state: true },
  };

  /** Required. The host's remote-verification endpoint (`createRemoteVerificationHandler`), e.g. `/api/remote-verification`. */
  declare endpoint: string;
  /** The request followed. Set by the element after sending; set it to follow one sent before (the element keeps it across a reload). */
  declare requestId: string;
  /** The SMS text the form starts with (must contain `[LINK]`); default: the language's own. */
  declare message: string;
  /** The sender name the form starts with (at most 11 characters). */
  declare sender: string;
  /** pdf.js's worker for the certificate's preview, when your bundler moves it (e.g. Vite's `pdfjs-dist/build/pdf.worker.min.mjs?url`); default: beside this package's files. */
  declare workerSrc: string;
  declare private draft: RequestDraft;
  declare private problems: Partial<Record<RemoteRequestField, RemoteFieldProblem>>;
  declare private sending: boolean;
  declare private failure: Failure | undefined;
  declare private certificateUrl: string | undefined;
  declare private preview: HTMLCanvasElement | undefined;

  private readonly parts = new LazyPartsController(
    this,
    // The form loads with the words (the element shows nothing before either), so neither waits for the other.
    {
      ...STRINGS,
      form: () => import('./request-form.js'),
      follow: () => import('./follow-view.js'),
      preview: () => import('../pdf-viewer/first-page.js'),
    },
    (_error, retry) => this.fail({ code: 'network', step: 'follow', retryable: true, retry }),
  );
  /** Made with the follow view, when a request is first followed. */
  private follower: RemoteFollowController | undefined;
  private certificateFor = '';
  /** The words last shown, kept on screen while another language's load. */
  private shownStrings: RemoteStrings | undefined;

  constructor() {
    super();
    this.endpoint = '';
    this.requestId = '';
    this.message = '';
    this.sender = '';
    this.workerSrc = '';
    this.draft = { phone: '', dni: '', message: '', sender: '', schedule: 'now', sendAt: '' };
    this.problems = {};
    this.sending = false;
  }

  /** The language in use: Spanish, English or (by default) Persian. */
  private get remoteLanguage(): RemoteLanguage {
    const primary = (this.languageTag ?? '').trim().toLowerCase().split(/[-_]/)[0];
    return primary === 'es' || primary === 'en' ? primary : 'fa';
  }

  /** The words of the language in use, once loaded (the last language's until then; none at the very first render). */
  private get strings(): RemoteStrings | undefined {
    const loaded = this.parts.loaded[this.remoteLanguage]?.strings;
    if (!loaded) void this.parts.load(this.remoteLanguage);
    return (this.shownStrings = loaded ?? this.shownStrings);
  }

  private get storageKey(): string {
    return `emzano-remote-verification:${this.endpoint}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A reload: the request this tab was following.
    if (!this.requestId && !this.hasAttribute('request-id')) this.requestId = rememberedRequest(this.storageKey) ?? '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.setCertificate(undefined);
  }

  protected override willUpdate(changed: PropertyValues): void {
    refuseWrongShapes(this, changed, this.refuser, PROPERTY_SHAPES);
    // The language's own SMS text until the operator or the host writes one.
    const strings = this.strings;
    const defaults = (['fa', 'en', 'es'] as const).map((language) => this.parts.loaded[language]?.strings.form.defaultMessage);
    const defaultMessage = this.message || strings?.form.defaultMessage || '';
    if ((!this.draft.message || defaults.includes(this.draft.message)) && this.draft.message !== defaultMessage) {
      this.draft = { ...this.draft, message: defaultMessage };
    }
    if (changed.has('sender') && !this.draft.sender) this.draft = { ...this.draft, sender: this.sender };
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('requestId') || (changed.has('endpoint') && this.requestId)) {
      // Forgotten only when a followed request is left: an element that never followed one (another on the page) keeps the tab's.
      if (this.requestId || changed.get('requestId')) rememberRequest(this.storageKey, this.requestId);
      this.failure = undefined;
      this.setCertificate(undefined);
      if (this.requestId && this.endpoint) void this.followRequest();
      else this.follower?.clear();
    }
    const timeline = this.follower?.timeline;
    // Off the page nothing is fetched (removing the element revokes the certificate's URL, which renders once more).
    if (this.isConnected && timeline?.certificateReady && this.certificateFor !== timeline.id) void this.fetchCertificate(timeline.id);
  }

  private readonly refuser = {
    refuseProperty: (name: string, value: unknown) =>
      void reportRefusal(this, name, value).then((error) =>
        this.fail({ code: 'invalid-property', step: name === 'requestId' ? 'follow' : 'send', retryable: false }, error.detail),
      ),
  };

  private async followRequest(): Promise<void> {
    this.failure = undefined;
    const part = await this.parts.load('follow');
    if (!part || !this.requestId) return;
    this.follower ??= new part.RemoteFollowController(this, {
      endpoint: () => this.endpoint,
      onEvent: (id, event) => this.heard(id, event),
      onFailure: (failure) =>
        this.fail({
          ...failure.details,
          code: failure.code,
          step: 'follow',
          retryable: failure.retryable,
          retry: () => void this.followRequest(),
        }),
    });
    await this.follower.follow(this.requestId);
  }

  private heard(id: string, event: RemoteVerificationEvent): void {
    this.emit(new EmzanoRemoteStatusEvent({ id, status: event.status, ...(event.result ? { result: event.result } : {}), event }));
  }

  private onInput(field: keyof RequestDraft, value: string, final: boolean): void {
    this.draft = { ...this.draft, [field]: value };
    if (field === 'schedule') return;
    // Typing clears a problem at once; a new one is said when the field is left (or at once for the live checks).
    const problem = final ? this.parts.loaded.form?.fieldProblem(field, value) : undefined;
    const problems = Object.entries({ ...this.problems, [field]: problem }).filter(([, said]) => said !== undefined);
    this.problems = Object.fromEntries(problems) as Partial<Record<RemoteRequestField, RemoteFieldProblem>>;
  }

  private input(): RemoteRequestInput {
    const { phone, dni, message, sender, schedule, sendAt } = this.draft;
    const input: RemoteRequestInput = { phone };
    if (dni.trim()) input.dni = dni;
    if (message.trim()) input.message = message;
    if (sender.trim()) input.sender = sender;
    if (schedule === 'later') input.sendAt = sendAt && !Number.isNaN(new Date(sendAt).getTime()) ? new Date(sendAt).toISOString() : ' ';
    return input;
  }

  /** Sends the request: checked here first, with the same checks the server makes again. */
  async send(): Promise<void> {
    if (this.sending) return;
    if (!this.endpoint) return this.fail({ code: 'invalid-property', step: 'send', retryable: false }, '`endpoint` is required.');
    const input = this.input();
    const { checkRemoteRequest } = await import('../../core/remote-request-parameters.js');
    const checked = checkRemoteRequest(input as unknown as Record<string, unknown>);
    if (!checked.ok) {
      this.problems = checked.problems;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.sending = true;
    this.failure = undefined;
    try {
      const { sendRemoteRequest } = await import('../../api/remote-verification-client.js');
      const sent = await sendRemoteRequest(this.endpoint, input);
      this.emit(new EmzanoRemoteSentEvent(sent));
      this.draft = { ...this.draft, phone: '', dni: '', sendAt: '', schedule: 'now' };
      this.requestId = sent.id;
    } catch (error) {
      const { RemoteFailure } = await import('../../api/remote-verification-client.js');
      const failure = error instanceof RemoteFailure ? error : new RemoteFailure('unknown');
      if (failure.details.problems) this.problems = failure.details.problems;
      this.fail({ ...failure.details, code: failure.code, step: 'send', retryable: failure.retryable, retry: () => void this.send() });
    } finally {
      this.sending = false;
    }
  }

  private async fetchCertificate(id: string): Promise<void> {
    this.certificateFor = id;
    try {
      const { fetchRemoteCertificate } = await import('../../api/remote-verification-client.js');
      const pdf = await fetchRemoteCertificate(this.endpoint, id);
      if (this.follower?.timeline?.id !== id) return;
      this.setCertificate(URL.createObjectURL(pdf));
      const preview = await this.parts.require('preview');
      this.preview = await preview.drawFirstPage(pdf, 320, { label: this.strings?.certificate.preview ?? '', workerSrc: this.workerSrc });
    } catch (error) {
      if (this.follower?.timeline?.id !== id) return;
      // The download stays when only the preview failed.
      if (this.certificateUrl) return;
      const { RemoteFailure } = await import('../../api/remote-verification-client.js');
      const failure = error instanceof RemoteFailure ? error : new RemoteFailure('remote-certificate-unreadable');
      this.fail({ code: failure.code, step: 'certificate', retryable: true, retry: () => void this.fetchCertificate(id) });
    }
  }

  private setCertificate(url: string | undefined): void {
    if (this.certificateUrl) URL.revokeObjectURL(this.certificateUrl);
    this.certificateUrl = url;
    this.preview = undefined;
    if (!url) this.certificateFor = '';
  }

  /** Shows a failure in place, in the person's language, and tells the host. */
  private fail(failure: Failure, detail?: string): void {
    this.failure = failure;
    this.emit(
      new EmzanoErrorEvent({
        code: failure.code,
        message: this.failureMessage(failure),
        step: failure.step,
        retryable: failure.retryable,
        detail,
      }),
    );
  }

  private failureMessage(failure: Failure): string {
    const strings = this.strings;
    // Before any words have loaded (a wrong property at the very start): the console has said it in English.
    if (!strings) return failure.code;
    const message = strings.errors[failure.code];
    if (failure.res !== undefined) return strings.refusedWithCode(message, failure.res);
    return failure.retryAfter ? `${message} ${strings.retryAfter(failure.retryAfter)}` : message;
  }

  private newRequest(): void {
    this.requestId = '';
    this.problems = {};
  }

  override render() {
    const strings = this.strings;
    const following = this.requestId && this.endpoint;
    if (!following) void this.parts.load('form');
    if (!strings || (!following && !this.parts.loaded.form)) return html`<section part="base" aria-busy="true"></section>`;
    const followView = this.parts.loaded.follow;
    const timeline = this.follower?.timeline;
    return html`
      <section
        part="base"
        dir=${strings.dir}
        lang=${strings.lang}
        aria-label=${strings.label}
        aria-busy=${following && !timeline && !this.failure ? 'true' : 'false'}
      >
        ${
          following
            ? followView && timeline
              ? followView.renderFollow({
                  strings,
                  timeline,
                  connection: this.follower!.connection,
                  certificateUrl: this.certificateUrl,
                  preview: this.preview,
                  onNewRequest: () => this.newRequest(),
                })
              : nothing
            : this.parts.loaded.form?.renderRequestForm({
                strings,
                draft: this.draft,
                problems: this.problems,
                sending: this.sending,
                onInput: (field, value, final) => this.onInput(field, value, final),
                onSubmit: () => void this.send(),
              })
        }
        ${
          this.failure
            ? html`<div part="error" role="alert">
                <p>${this.failureMessage(this.failure)}</p>
                ${
                  this.failure.retryable && this.failure.retry
                    ? html`<div class="actions">
                        <button part="button" type="button" @click=${this.failure.retry}>${strings.retry}</button>
                      </div>`
                    : nothing
                }
              </div>`
            : nothing
        }
      </section>
    `;
  }
}

/** The request this tab follows, across a reload. Storage a page may not use (a sandboxed frame, strict privacy settings) keeps nothing. */
function rememberedRequest(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function rememberRequest(key: string, id: string): void {
  try {
    if (id) sessionStorage.setItem(key, id);
    else sessionStorage.removeItem(key);
  } catch {
    // Not kept: after a reload the operator opens the request again from their records.
  }
}
