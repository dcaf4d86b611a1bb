import { css, html } from 'lit';
import type { KycPerson } from '../../../events/kyc-events.js';
import { addStrings, type Translation } from '../../../i18n/index.js';
import { enInquiry } from '../../../i18n/en/inquiry.js';
import { faInquiry } from '../../../i18n/fa/inquiry.js';
import { renderField } from './field.js';
import { renderSolarDateField } from './solar-date-field.js';

// This step's strings, and the birth-date check (with the calendar it needs), travel with it.
addStrings({ fa: faInquiry, en: enInquiry });
export { normalizeBirthDate } from '../../../core/birth-date.js';
// A provider whose first step asks for the birth date draws this field there.
export { renderSolarDateField };

/** The date field's and the registry details' styles, adopted by `<emzano-kyc>` with this step's code. */
export const styles = css`
  .date-field {
    border: 0;
    margin: 0;
    padding: 0;
  }
  .date-parts {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  .date-parts .year {
    inline-size: 6.5rem;
  }
  .person {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem var(--_space);
    margin: 0;
  }
  .person dt {
    color: var(--_color-muted);
  }
  .person dd {
    margin: 0;
    font-weight: 600;
  }
`;

export interface InquiryView {
  t: Translation;
  birthDate: string;
  serial: string;
  errors: { birthDate?: string; serial?: string };
  busy: boolean;
  /** Set once the registry answered: the person confirms it. */
  person: KycPerson | undefined;
  onBirthDate: (value: string) => void;
  onSerial: (value: string) => void;
  onSubmit: () => void;
  onConfirm: () => void;
  onEdit: () => void;
}

export function renderInquiry(view: InquiryView) {
  const { t, person } = view;
  if (person) {
    return html`
      <p part="intro">${t.inquiry.confirmIntro}</p>
      <dl part="person" class="person">
        <dt>${t.inquiry.name}</dt>
        <dd>${person.name}</dd>
        <dt>${t.inquiry.family}</dt>
        <dd>${person.family}</dd>
        <dt>${t.inquiry.fatherName}</dt>
        <dd>${person.fatherName}</dd>
      </dl>
      <div part="actions" class="actions">
        <button part="button" type="button" @click=${view.onEdit}>${t.inquiry.edit}</button>
        <button part="button primary-button" class="primary" type="button" @click=${view.onConfirm}>${t.inquiry.confirm}</button>
      </div>
    `;
  }
  return html`
    <form part="form" novalidate @submit=${(event: Event) => (event.preventDefault(), view.onSubmit())}>
      <p part="intro">${t.inquiry.intro}</p>
      ${renderSolarDateField({ t, value: view.birthDate, error: view.errors.birthDate, onChange: view.onBirthDate })}
      ${renderField({
        id: 'card-serial',
        label: t.inquiry.serial,
        hint: t.inquiry.serialHint,
        value: view.serial,
        error: view.errors.serial,
        inputMode: 'text',
        autocomplete: 'off',
        ltr: true,
        onInput: view.onSerial,
      })}
      <div part="actions" class="actions">
        <button part="button primary-button" class="primary" type="submit" ?disabled=${view.busy}>${t.inquiry.submit}</button>
      </div>
    </form>
  `;
}
