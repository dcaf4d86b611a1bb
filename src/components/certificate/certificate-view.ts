/**
 * `<emzano-certificate>`'s card, drawn from its state: loaded with the element's other parts
 * (certificate-parts.ts), so the element's first code is a shell. One-way: it reads the state
 * and calls back; the element decides.
 */
import { html, nothing } from 'lit';
import { REVOCATION_REASONS, type CertificateSummary, type RevocationReason } from '../../core/certificate-contract.js';
import type { EmzanoError } from '../../core/errors.js';
import { errorMessage, type Translation } from '../../i18n/index.js';

export type CertificatePhase = 'loading' | 'ready' | 'making-key' | 'requesting' | 'revoking';
/** What the person is asked to confirm before it happens: each revokes a certificate for good. */
export type Confirming = 'replace' | 'renew' | 'revoke';

export interface CertificateViewState {
  phase: CertificatePhase;
  held: CertificateSummary | undefined;
  elsewhere: CertificateSummary[];
  confirming: Confirming | undefined;
  reason: RevocationReason;
  failure: EmzanoError | undefined;
  canRetry: boolean;
  notice: 'issued' | 'revoked' | undefined;
  downloadUrl: string | undefined;
}

export interface CertificateViewActions {
  /** Get a certificate (the first, a new one after revocation or expiry, or one replacing those elsewhere). */
  get(): void;
  ask(what: Confirming | undefined): void;
  confirm(): void;
  chooseReason(reason: RevocationReason): void;
  retry(): void;
}

export function renderCertificate(t: Translation, state: CertificateViewState, on: CertificateViewActions) {
  const s = t.certificate;
  const { phase, held, elsewhere, failure } = state;
  const busy = phase !== 'ready';
  const status = {
    loading: s.checking,
    'making-key': s.makingKey,
    requesting: s.requesting,
    revoking: s.revoking,
    ready: state.notice ? s[state.notice] : held ? s.status[held.status] : '',
  }[phase];
  return html`
    <section part="base" dir=${t.dir} lang=${t.lang} aria-label=${s.label} aria-busy=${busy ? 'true' : 'false'}>
      <h2 part="heading" tabindex="-1">${s.heading}</h2>
      <p part="status" role="status" data-state=${busy ? phase : (held?.status ?? 'none')}>${status}</p>
      ${held ? details(t, held) : html`<p part="intro">${s.intro}</p>`}
      <p part="key-note">${s.keyHere}</p>
      ${!held && elsewhere.length ? html`<p class="elsewhere">${s.elsewhere(elsewhere.length, s.date(elsewhere[0]!.notAfter))}</p>` : nothing}
      ${state.confirming ? confirmation(t, state.confirming, state.reason, on) : actions(t, state, on)}
      ${
        failure
          ? html`<div part="error" role="alert">
              <p>${errorMessage(failure.code, t.lang)}</p>
              ${
                state.canRetry
                  ? html`<div class="actions"><button part="button" type="button" @click=${on.retry}>${t.common.retry}</button></div>`
                  : nothing
              }
            </div>`
          : nothing
      }
    </section>
  `;
}

function details(t: Translation, held: CertificateSummary) {
  const s = t.certificate;
  return html`<dl part="details" data-status=${held.status}>
    <dt>${s.name}</dt>
    <dd>${held.commonName}</dd>
    <dt>${s.issuer}</dt>
    <dd>${held.issuer}</dd>
    <dt>${s.serialNumber}</dt>
    <dd dir="ltr" class="serial">${held.serialNumber}</dd>
    <dt>${s.validFrom}</dt>
    <dd><time datetime=${held.notBefore}>${s.date(held.notBefore)}</time></dd>
    <dt>${s.validUntil}</dt>
    <dd><time datetime=${held.notAfter}>${s.date(held.notAfter)}</time></dd>
  </dl>`;
}

function actions(t: Translation, { phase, held, elsewhere, downloadUrl }: CertificateViewState, on: CertificateViewActions) {
  const s = t.certificate;
  if (phase === 'loading' && !held) return nothing;
  const busy = phase !== 'ready';
  const primary = (label: string, onClick: () => void) =>
    html`<button part="primary-button" class="primary" type="button" ?disabled=${busy} @click=${onClick}>${label}</button>`;
  return html`<div class="actions">
    ${
      !held || held.status !== 'issued'
        ? primary(held ? s.getNew : elsewhere.length ? s.replace : s.get, on.get)
        : html`${primary(s.renew, () => on.ask('renew'))}
            <button part="button" type="button" ?disabled=${busy} @click=${() => on.ask('revoke')}>${s.revoke}</button>`
    }
    ${
      held && downloadUrl
        ? html`<a part="download" href=${downloadUrl} download=${`${held.commonName || 'certificate'}.cer`}>${s.download}</a>`
        : nothing
    }
  </div>`;
}

function confirmation(t: Translation, what: Confirming, chosen: RevocationReason, on: CertificateViewActions) {
  const s = t.certificate;
  const question = { replace: s.confirmReplace, renew: s.confirmRenew, revoke: s.confirmRevoke }[what];
  return html`<form
    part="confirm"
    @submit=${(event: Event) => {
      event.preventDefault();
      on.confirm();
    }}
  >
    <p id="question">${question}</p>
    ${
      what === 'revoke'
        ? html`<label
            >${s.reason}
            <select
              part="reason"
              @change=${(event: Event) => on.chooseReason((event.target as HTMLSelectElement).value as RevocationReason)}
            >
              ${REVOCATION_REASONS.map((reason) => html`<option value=${reason} ?selected=${reason === chosen}>${s.reasons[reason]}</option>`)}
            </select></label
          >`
        : nothing
    }
    <div class="actions">
      <button part="primary-button" class=${what === 'revoke' ? 'primary danger' : 'primary'} type="submit" aria-describedby="question">
        ${{ replace: s.replace, renew: s.renew, revoke: s.revokeNow }[what]}
      </button>
      <button part="button" type="button" @click=${() => on.ask(undefined)}>${s.cancel}</button>
    </div>
  </form>`;
}
