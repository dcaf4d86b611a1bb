import { html, nothing, type PropertyValues } from 'lit';
import { DEFAULT_CERTIFICATE_ENDPOINT } from '../../api/defaults.js';
import type { CertificateClient, CertificateSummary, RevocationReason } from '../../core/certificate-contract.js';
import { toEmzanoError, type EmzanoError } from '../../core/errors.js';
import {
  EmzanoCertificateChangeEvent,
  EmzanoCertificateIssuedEvent,
  EmzanoCertificateRevokedEvent,
} from '../../events/certificate-events.js';
import { EmzanoErrorEvent } from '../../events/error-event.js';
import { errorMessage } from '../../i18n/index.js';
import { LazyPartsController } from '../../controllers/lazy-parts.js';
import { EmzanoElement } from '../../internal/base-element.js';
import { isText, refuseWrongShapes, reportRefusal, type PropertyShape } from '../../internal/property-shapes.js';
import { cardStyles } from '../../styles/card.js';
import { feedbackStyles } from '../../styles/feedback.js';
import { hostStyles } from '../../styles/tokens.js';
import type { CertificatePhase, CertificateViewActions, Confirming } from './certificate-view.js';

/** What loads after the element: its card (strings, styles, storage, endpoint) on connecting, pkijs when a key is made. */
const LATER_PARTS = {
  card: () => import('./certificate-parts.js'),
  request: () => import('../../certificate/certificate-request.js'),
};
type Card = typeof import('./certificate-parts.js');

/** An endpoint or key that is not text would be sent or hashed as "[object Object]". */
const PROPERTY_SHAPES: Record<string, PropertyShape> = {
  certificateEndpoint: [isText, 'certificate', DEFAULT_CERTIFICATE_ENDPOINT],
  persistKey: [isText, 'certificate', ''],
};

/**
 * The person's signing certificate from a licensed CA, for a key made in this browser: a
 * non-extractable key pair, kept in this browser's IndexedDB, certified through the host's
 * certificate endpoint (`createCertificateHandler`, which holds the RA customer key and says whose
 * identity it is). Shows the certificate (name, issuer, serial, dates in both calendars, a `.cer`
 * download), and renews or revokes it. pkijs loads only when a certificate is asked for.
 *
 * @summary Gets, shows, renews and revokes the person's signing certificate; its key stays in this browser.
 * @tag emzano-certificate
 *
 * @event emzano-certificate-issued - A certificate was issued for a key made here and kept with it. Detail: `{ certificate, notAfter, serialNumber }` (`certificate` base64 DER).
 * @event emzano-certificate-revoked - A certificate was revoked (by the person, or replaced by a new one). Detail: `{ serialNumber, reason }`.
 * @event emzano-certificate-change - What is held here changed (after reading it, and after each issuance or revocation). Detail: `{ certificate }`, `undefined` when none.
 * @event emzano-error - Getting, renewing or revoking failed, or a property was set to a value of the wrong shape. Detail: `{ code, message, step: 'certificate', retryable, detail }`.
 *
 * @csspart base - The card.
 * @csspart heading - The title.
 * @csspart status - What is happening or the certificate's state, announced when it changes.
 * @csspart intro - What a signing certificate is.
 * @csspart key-note - That the key lives in this browser on this device.
 * @csspart details - The certificate's name, issuer, serial number and dates.
 * @csspart download - The link to the `.cer` file.
 * @csspart primary-button - The main action: get, renew, or confirm.
 * @csspart button - The other buttons.
 * @csspart confirm - The confirmation before a certificate is revoked.
 * @csspart reason - The revocation reason picker.
 * @csspart error - The error box with its retry button.
 */
export class EmzanoCertificate extends EmzanoElement {
  static override styles = [hostStyles, feedbackStyles, cardStyles];
  static override properties = {
    ...EmzanoElement.properties,
    certificateEndpoint: { type: String, attribute: 'certificate-endpoint' },
    persistKey: { type: String, attribute: 'persist-key' },
    phase: { state: true },
    held: { state: true },
    elsewhere: { state: true },
    confirming: { state: true },
    reason: { state: true },
    failure: { state: true },
    notice: { state: true },
  };

  /** URL of the host's certificate endpoint (`createCertificateHandler`). */
  declare certificateEndpoint: string;
  /** Whose key this is: an opaque id of the host's signed-in user, so people sharing a browser each keep their own. */
  declare persistKey: string;
  declare private phase: CertificatePhase;
  declare private held: CertificateSummary | undefined;
  declare private elsewhere: CertificateSummary[];
  declare private confirming: Confirming | undefined;
  declare private reason: RevocationReason;
  declare private failure: EmzanoError | undefined;
  /** The last action's result, announced: issued or revoked. */
  declare private notice: 'issued' | 'revoked' | undefined;

  private reading: AbortController | undefined;
  private retry: (() => void) | undefined;
  private downloadUrl: string | undefined;
  /** The card's strings, styles, storage and endpoint client arrive on connecting; pkijs when a key is made. */
  private readonly parts = new LazyPartsController(this, LATER_PARTS, (error, retry) => this.fail(toEmzanoError(error), retry));
  private client: CertificateClient | undefined;
  private clientFor = '';

  constructor() {
    super();
    this.certificateEndpoint = DEFAULT_CERTIFICATE_ENDPOINT;
    this.persistKey = '';
    this.phase = 'loading';
    this.elsewhere = [];
    this.reason = 'unspecified';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A read is dropped; an issuance or revocation in flight finishes, so nothing is left half-done.
    this.reading?.abort();
  }

  private readonly refuser = {
    refuseProperty: (name: string, value: unknown) => void reportRefusal(this, name, value).then((error) => this.fail(error, undefined)),
  };

  protected override willUpdate(changed: PropertyValues): void {
    refuseWrongShapes(this, changed, this.refuser, PROPERTY_SHAPES);
    const card = this.parts.loaded.card;
    if (changed.has('held') && card) this.setDownload(card, this.held);
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('certificateEndpoint') || changed.has('persistKey')) void this.load();
    const before = changed.get('held') as CertificateSummary | undefined;
    if (changed.has('held') && `${before?.serialNumber}${before?.status}` !== `${this.held?.serialNumber}${this.held?.status}`) {
      this.emit(new EmzanoCertificateChangeEvent({ certificate: this.held }));
    }
  }

  /** The certificate whose key is in this browser, as last read; `undefined` when there is none. */
  get certificate(): CertificateSummary | undefined {
    return this.held;
  }

  /** Reads the certificate again: what this browser holds, then what the endpoint says of it. */
  async refresh(): Promise<void> {
    await this.load();
  }

  private async clientNow(): Promise<CertificateClient> {
    const { certificateClient } = await this.parts.require('card');
    if (!this.client || this.clientFor !== this.certificateEndpoint) {
      this.clientFor = this.certificateEndpoint;
      this.client = certificateClient(this.certificateEndpoint);
    }
    return this.client;
  }

  private async load(): Promise<void> {
    this.reading?.abort();
    const reading = (this.reading = new AbortController());
    const scope = this.persistKey;
    this.phase = 'loading';
    this.failure = undefined;
    this.confirming = undefined;
    try {
      const { storedCertificate, reconcile } = await this.parts.require('card');
      // What this browser holds shows at once; the endpoint's word follows.
      this.held = await storedCertificate(scope);
      const standing = await reconcile(await this.clientNow(), scope, reading.signal);
      if (reading.signal.aborted) return;
      if (standing.waitingKey && standing.elsewhere.length) {
        // Issued while the page was away: the key is here, so the certificate is this browser's.
        const { adoptIssued } = await this.parts.require('request');
        const adopted = await adoptIssued(scope, standing.waitingKey, standing.elsewhere);
        if (adopted) {
          this.settle(
            adopted,
            standing.elsewhere.filter((entry) => entry.serialNumber !== adopted.serialNumber),
          );
          this.emit(new EmzanoCertificateIssuedEvent(issuedDetail(adopted)));
          return;
        }
      }
      this.settle(standing.held, standing.elsewhere);
    } catch (error) {
      if (reading.signal.aborted) return;
      // What is held stays shown; the person can act on it or try the reading again.
      this.phase = 'ready';
      this.fail(toEmzanoError(error), () => void this.load());
    } finally {
      if (this.reading === reading) this.reading = undefined;
    }
  }

  private settle(held: CertificateSummary | undefined, elsewhere: CertificateSummary[]): void {
    this.held = held;
    this.elsewhere = elsewhere;
    this.phase = 'ready';
  }

  /** Runs one action the person asked for; a failure is shown with a retry that repeats it. */
  private async act(action: () => Promise<void>): Promise<void> {
    this.reading?.abort();
    this.confirming = undefined;
    this.failure = undefined;
    this.notice = undefined;
    try {
      await action();
    } catch (error) {
      this.phase = 'ready';
      this.fail(toEmzanoError(error), () => void this.act(action));
    }
  }

  /**
   * A new key and certificate; first revokes what `superseded` lists (the CA holds one active
   * certificate per person). A key made before a failure is certified on the retry, unless the
   * CSR or the certificate was refused: then the retry makes a new one.
   */
  private obtain(superseded: CertificateSummary[]): Promise<void> {
    let freshKey = false;
    return this.act(async () => {
      const client = await this.clientNow();
      for (const old of superseded.filter((entry) => entry.status === 'issued')) await this.revokeOne(client, old, 'superseded');
      const { obtainCertificate } = await this.parts.require('request');
      const certificate = await obtainCertificate(client, this.persistKey, {
        freshKey,
        onPhase: (phase) => (this.phase = phase),
      }).catch((error: unknown) => {
        freshKey = error instanceof Error && 'code' in error && (error.code === 'csr-invalid' || error.code === 'certificate-invalid');
        throw error;
      });
      this.settle(certificate, []);
      this.notice = 'issued';
      this.emit(new EmzanoCertificateIssuedEvent(issuedDetail(certificate)));
    });
  }

  private async revokeOne(client: CertificateClient, certificate: CertificateSummary, reason: RevocationReason): Promise<void> {
    this.phase = 'revoking';
    const { revokeCertificate } = await this.parts.require('card');
    await revokeCertificate(client, this.persistKey, certificate.serialNumber, reason);
    if (this.held?.serialNumber === certificate.serialNumber) this.held = { ...certificate, status: 'revoked' };
    this.elsewhere = this.elsewhere.filter((entry) => entry.serialNumber !== certificate.serialNumber);
    this.emit(new EmzanoCertificateRevokedEvent({ serialNumber: certificate.serialNumber, reason }));
  }

  private confirmed(): void {
    const what = this.confirming;
    const held = this.held;
    if (what === 'replace') void this.obtain(this.elsewhere);
    else if (what === 'renew' && held) void this.obtain([held]);
    else if (what === 'revoke' && held) {
      const reason = this.reason;
      void this.act(async () => {
        await this.revokeOne(await this.clientNow(), held, reason);
        this.phase = 'ready';
        this.notice = 'revoked';
      });
    }
  }

  /** Shows the failure in place and tells the host. */
  private fail(error: EmzanoError, retry: (() => void) | undefined): void {
    this.failure = error;
    // A refused CSR is not retryable as it was sent, but is with a new key (see `obtain`).
    this.retry = error.retryable || error.code === 'csr-invalid' ? retry : undefined;
    const { code, retryable, detail } = error;
    this.emit(new EmzanoErrorEvent({ code, message: errorMessage(code, this.language), step: 'certificate', retryable, detail }));
  }

  private setDownload({ base64ToBytes }: Card, certificate: CertificateSummary | undefined): void {
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
    this.downloadUrl = certificate
      ? URL.createObjectURL(new Blob([base64ToBytes(certificate.certificate)], { type: 'application/pkix-cert' }))
      : undefined;
  }

  /** What the card's buttons do. */
  private readonly actions: CertificateViewActions = {
    get: () => (this.elsewhere.length ? (this.confirming = 'replace') : void this.obtain([])),
    ask: (what) => (this.confirming = what),
    confirm: () => this.confirmed(),
    chooseReason: (reason) => (this.reason = reason),
    retry: () => this.retry?.(),
  };

  override render() {
    const t = this.t;
    const card = this.parts.loaded.card;
    // Until its card has loaded (one file, on connecting) it is an empty busy box, or says why it did not load.
    if (!card) {
      return html`<section part="base" dir=${t.dir} lang=${t.lang} aria-busy=${this.failure ? 'false' : 'true'}>
        ${
          this.failure
            ? html`<div part="error" role="alert">
                <p>${errorMessage(this.failure.code, this.language)}</p>
                <button part="button" type="button" @click=${this.actions.retry}>${t.common.retry}</button>
              </div>`
            : nothing
        }
      </section>`;
    }
    const { phase, held, elsewhere, confirming, reason, failure, notice, downloadUrl } = this;
    const state = { phase, held, elsewhere, confirming, reason, failure, notice, downloadUrl, canRetry: Boolean(this.retry) };
    return card.renderCertificate(t, state, this.actions);
  }
}

function issuedDetail(certificate: CertificateSummary) {
  return { certificate: certificate.certificate, notAfter: certificate.notAfter, serialNumber: certificate.serialNumber };
}
