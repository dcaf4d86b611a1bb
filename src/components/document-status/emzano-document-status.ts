import { html, nothing, type PropertyValues } from 'lit';
import { DEFAULT_CLM_ENDPOINT } from '../../api/defaults.js';
import { isFinalState, nextPollDelay, type ClmDocumentView } from '../../core/clm-document.js';
import { toEmzanoError, type EmzanoError } from '../../core/errors.js';
import { EmzanoDocumentStateEvent } from '../../events/document-status-events.js';
import { EmzanoErrorEvent } from '../../events/error-event.js';
import { enDocumentStatus } from '../../i18n/en/document-status.js';
import { faDocumentStatus } from '../../i18n/fa/document-status.js';
import { addStrings, errorMessage } from '../../i18n/index.js';
import { EmzanoElement } from '../../internal/base-element.js';
import { isText, positiveNumber, refuseWrongShapes, reportRefusal, type PropertyShape } from '../../internal/property-shapes.js';
import { OnlineController } from '../../controllers/online.js';
import { base64ToBytes } from '../../core/base64.js';
import { cardStyles } from '../../styles/card.js';
import { feedbackStyles } from '../../styles/feedback.js';
import { hostStyles } from '../../styles/tokens.js';
import { documentStatusStyles } from './emzano-document-status.styles.js';

addStrings({ fa: faDocumentStatus, en: enDocumentStatus });

/**
 * A `poll-interval="soon"` would read as NaN and poll without pause; an id or endpoint that is not
 * text would be sent as "[object Object]". Each is refused by name and its value before kept.
 */
const PROPERTY_SHAPES: Record<string, PropertyShape> = {
  documentId: [isText, 'status', ''],
  clmEndpoint: [isText, 'status', DEFAULT_CLM_ENDPOINT],
  pollInterval: [positiveNumber, 'status', 3000],
  maxPollInterval: [positiveNumber, 'status', 60_000],
};

/**
 * Follows a contract sent through Emzano CLM: the document's state and each recipient's, as a
 * timeline, read from the host's CLM endpoint (`createClmHandler`), polling with backoff until
 * the document is final. When it is signed, the final PDF can be downloaded.
 *
 * @summary A CLM document's state and its recipients' progress, kept up to date.
 * @tag emzano-document-status
 *
 * @event emzano-document-state - The document's or a recipient's state changed. Detail: `{ documentId, state, recipients }`.
 * @event emzano-error - A property was set to a value of the wrong shape. Detail: `{ code: 'invalid-property', message, step: 'status', retryable, detail }`.
 *
 * @csspart base - The card.
 * @csspart heading - The document's title.
 * @csspart status - The document's state, announced when it changes.
 * @csspart timeline - The list of recipients, in signing order.
 * @csspart recipient - One recipient's line (also `recipient-turn` on the one whose turn it is).
 * @csspart recipient-name - A recipient's name.
 * @csspart recipient-role - Signer, viewer or approver.
 * @csspart recipient-state - What the recipient has done.
 * @csspart recipient-time - When they did it.
 * @csspart download - The link to the signed PDF.
 * @csspart button - The "Check now" and retry buttons.
 * @csspart error - The error box with its retry button.
 */
export class EmzanoDocumentStatus extends EmzanoElement {
  static override styles = [hostStyles, feedbackStyles, cardStyles, documentStatusStyles];
  static override properties = {
    ...EmzanoElement.properties,
    documentId: { type: String, attribute: 'document-id' },
    clmEndpoint: { type: String, attribute: 'clm-endpoint' },
    pollInterval: { type: Number, attribute: 'poll-interval' },
    maxPollInterval: { type: Number, attribute: 'max-poll-interval' },
    view: { state: true },
    failure: { state: true },
    downloadUrl: { state: true },
  };

  /** The CLM document id (execute-file's or execute-template's `id`, or `emzano-sent`'s `documentId`). */
  declare documentId: string;
  /** Base URL of the host's CLM endpoint; the CLM paths are appended to it. */
  declare clmEndpoint: string;
  /** First wait between checks, in ms; each later wait is 1.5 times longer. */
  declare pollInterval: number;
  /** Longest wait between checks, in ms. */
  declare maxPollInterval: number;
  declare private view: ClmDocumentView | undefined;
  declare private failure: EmzanoError | undefined;
  declare private downloadUrl: string | undefined;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay = 0;
  private inFlight: AbortController | undefined;
  private lastSignature = '';
  private readonly online = new OnlineController(this);

  constructor() {
    super();
    this.documentId = '';
    this.clmEndpoint = DEFAULT_CLM_ENDPOINT;
    this.pollInterval = 3000;
    this.maxPollInterval = 60_000;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && this.documentId) void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Off the page, nothing polls: no timer, no request, no resume waiting for the connection.
    this.stop();
    this.online.cancel();
  }

  /** Shows a property's refusal in place and tells the host; checks go on with the value before. */
  private readonly refuser = {
    refuseProperty: (name: string, value: unknown) =>
      void reportRefusal(this, name, value).then((error) => {
        this.failure = error;
        const { code, retryable, detail } = error;
        this.emit(new EmzanoErrorEvent({ code, message: errorMessage(code, this.language), step: 'status', retryable, detail }));
      }),
  };

  protected override willUpdate(changed: PropertyValues): void {
    refuseWrongShapes(this, changed, this.refuser, PROPERTY_SHAPES);
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('documentId') || changed.has('clmEndpoint')) {
      this.view = undefined;
      this.failure = undefined;
      this.setDownload(undefined);
      this.lastSignature = '';
      if (this.documentId) void this.refresh();
      else this.stop();
    }
  }

  /** Reads the document now (the host calls it, e.g. after its callback fired); polling restarts from the first interval. */
  async refresh(): Promise<void> {
    this.delay = 0;
    await this.check();
  }

  /** One read of the document; schedules the next unless the document is final. */
  private async check(): Promise<void> {
    const id = this.documentId;
    if (!id) return;
    this.cancel();
    const abort = new AbortController();
    this.inFlight = abort;
    try {
      // The HTTP stack loads with the first check, not with the element.
      const { fetchClmDocument } = await import('../../api/clm-client.js');
      const view = await fetchClmDocument(this.clmEndpoint, id, abort.signal);
      if (abort.signal.aborted || id !== this.documentId) return;
      this.show(id, view);
      if (!isFinalState(view.state)) this.schedule();
    } catch (error) {
      if (abort.signal.aborted) return;
      this.failure = this.online.offlineAware(toEmzanoError(error), () => void this.refresh());
      // Keep trying, more slowly: the person may be offline for a while.
      this.schedule();
    } finally {
      if (this.inFlight === abort) this.inFlight = undefined;
    }
  }

  private show(id: string, view: ClmDocumentView): void {
    // A refused property stays said until the host sets a good one; a check that worked answers the rest.
    if (this.failure?.code !== 'invalid-property') this.failure = undefined;
    this.view = view;
    if (view.state === 'signed' && view.base64 && !this.downloadUrl) {
      this.setDownload(URL.createObjectURL(new Blob([base64ToBytes(view.base64)], { type: 'application/pdf' })));
    }
    const signature = `${view.state}|${view.recipients.map((recipient) => recipient.state).join(',')}`;
    if (signature !== this.lastSignature) {
      this.lastSignature = signature;
      // Something moved: look again soon, more may follow.
      this.delay = 0;
      this.emit(new EmzanoDocumentStateEvent({ documentId: id, state: view.state, recipients: view.recipients }));
    }
  }

  /** The next check: the first interval after a change, then each wait 1.5 times longer. */
  private schedule(): void {
    clearTimeout(this.timer);
    this.delay = this.delay ? nextPollDelay(this.delay, this.maxPollInterval) : this.pollInterval;
    this.timer = setTimeout(() => void this.check(), this.delay);
  }

  /** Stops the pending check and the one in flight; the backoff is kept. */
  private cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight?.abort();
    this.inFlight = undefined;
  }

  private stop(): void {
    this.cancel();
    this.delay = 0;
  }

  private setDownload(url: string | undefined): void {
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
    this.downloadUrl = url;
  }

  override render() {
    const t = this.t;
    const s = t.documentStatus;
    const view = this.view;
    return html`
      <section
        part="base"
        dir=${t.dir}
        lang=${t.lang}
        aria-label=${s.label}
        aria-busy=${this.documentId && !view && !this.failure ? 'true' : 'false'}
      >
        ${view ? html`<h2 part="heading">${view.title}</h2>` : nothing}
        <p part="status" role="status" data-state=${view?.state ?? 'none'}>
          ${view ? s.states[view.state] : this.documentId ? s.loading : s.noDocument}
        </p>
        ${
          view
            ? html`<ol part="timeline">
                ${view.recipients.map(
                  (recipient) =>
                    html`<li part=${recipient.turn ? 'recipient recipient-turn' : 'recipient'} data-state=${recipient.state}>
                      <span part="recipient-name">${recipient.name}</span>
                      <span part="recipient-role">${s.roles[recipient.role]}</span>
                      <span part="recipient-state"
                        >${s.recipientStates[recipient.state]}${recipient.turn ? html` (${s.turn})` : nothing}</span
                      >
                      ${recipient.at ? html`<time part="recipient-time" datetime=${recipient.at}>${s.when(recipient.at)}</time>` : nothing}
                    </li>`,
                )}
              </ol>`
            : nothing
        }
        <div class="actions">
          ${
            this.downloadUrl
              ? html`<a part="download" href=${this.downloadUrl} download=${`${view?.title || 'contract'}.pdf`}>${s.download}</a>`
              : nothing
          }
          ${
            this.documentId && view && !isFinalState(view.state)
              ? html`<button part="button" type="button" @click=${() => void this.refresh()}>${s.refresh}</button>`
              : nothing
          }
        </div>
        ${
          this.failure
            ? html`<div part="error" role="alert">
                <p>${errorMessage(this.failure.code, this.language)}</p>
                ${
                  this.failure.code !== 'invalid-property'
                    ? html`<div class="actions">
                        <button part="button" type="button" @click=${() => void this.refresh()}>${t.common.retry}</button>
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
