import { html, nothing } from 'lit';
import type { KycPerson } from '../../../events/kyc-events.js';
import type { Translation } from '../../../i18n/index.js';

export function renderDone(
  t: Translation,
  person: KycPerson | undefined,
  signatureUploaded: boolean,
  signatureAsked: boolean,
  certificateHeld = false,
) {
  return html`
    <div part="summary" class="summary">
      <p class="success">${t.done.intro}</p>
      ${person ? html`<p>${t.done.verifiedAs(`${person.name} ${person.family}`)}</p>` : nothing}
      ${signatureAsked ? html`<p>${signatureUploaded ? t.done.signatureUploaded : t.done.signatureNotUploaded}</p>` : nothing}
      ${certificateHeld ? html`<p>${t.done.certificateHeld}</p>` : nothing}
    </div>
  `;
}
