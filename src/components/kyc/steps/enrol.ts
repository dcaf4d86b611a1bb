import { html, nothing } from 'lit';
import type { Translation } from '../../../i18n/index.js';
import type { StartField } from '../../../providers/registry.js';
import type { FieldName } from '../kyc-attempt.js';
import { renderField } from './field.js';
import type { SolarDateFieldView } from './solar-date-field.js';

export interface EnrolView {
  t: Translation;
  /** What the provider asks for first, in order. */
  fields: readonly StartField[];
  values: Record<FieldName, string>;
  errors: Partial<Record<FieldName, string>>;
  busy: boolean;
  /** The birth date's field, once the code that draws it is here (it comes with the inquiry step's code). */
  birthDateField: ((view: SolarDateFieldView) => unknown) | undefined;
  onInput: (name: FieldName, value: string) => void;
  onSubmit: () => void;
}

export function renderEnrol(view: EnrolView) {
  const { t, values, errors } = view;
  const field = (name: StartField) => {
    switch (name) {
      case 'phone':
        return renderField({
          id: 'phone',
          label: t.enrol.phone,
          hint: t.enrol.phoneHint,
          value: values.phone,
          error: errors.phone,
          inputMode: 'tel',
          autocomplete: 'tel-national',
          ltr: true,
          onInput: (value) => view.onInput('phone', value),
        });
      case 'nationalCode':
        return renderField({
          id: 'national-code',
          label: t.enrol.nationalCode,
          hint: t.enrol.nationalCodeHint,
          value: values.nationalCode,
          error: errors.nationalCode,
          inputMode: 'numeric',
          autocomplete: 'off',
          ltr: true,
          onInput: (value) => view.onInput('nationalCode', value),
        });
      case 'birthDate':
        return view.birthDateField
          ? view.birthDateField({
              t,
              value: values.birthDate,
              error: errors.birthDate,
              onChange: (value) => view.onInput('birthDate', value),
            })
          : nothing;
      case 'serial':
        return renderField({
          id: 'card-serial',
          label: t.inquiry.serial,
          hint: t.inquiry.serialHint,
          value: values.serial,
          error: errors.serial,
          inputMode: 'text',
          autocomplete: 'off',
          ltr: true,
          onInput: (value) => view.onInput('serial', value),
        });
    }
  };
  return html`
    <form part="form" novalidate @submit=${(event: Event) => (event.preventDefault(), view.onSubmit())}>
      <p part="intro">${view.fields.includes('birthDate') ? t.enrol.introWithBirthDate : t.enrol.intro}</p>
      ${view.fields.map(field)}
      <div part="actions" class="actions">
        <button part="button primary-button" class="primary" type="submit" ?disabled=${view.busy}>${t.enrol.submit}</button>
      </div>
    </form>
  `;
}
