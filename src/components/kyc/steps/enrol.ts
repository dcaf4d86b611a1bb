import { html } from 'lit';
import type { Translation } from '../../../i18n/index.js';
import { renderField } from './field.js';

export interface EnrolView {
  t: Translation;
  phone: string;
  nationalCode: string;
  errors: { phone?: string; nationalCode?: string };
  busy: boolean;
  onPhone: (value: string) => void;
  onNationalCode: (value: string) => void;
  onSubmit: () => void;
}

export function renderEnrol(view: EnrolView) {
  const { t } = view;
  return html`
    <form part="form" novalidate @submit=${(event: Event) => (event.preventDefault(), view.onSubmit())}>
      <p part="intro">${t.enrol.intro}</p>
      ${renderField({
        id: 'phone',
        label: t.enrol.phone,
        hint: t.enrol.phoneHint,
        value: view.phone,
        error: view.errors.phone,
        inputMode: 'tel',
        autocomplete: 'tel-national',
        ltr: true,
        onInput: view.onPhone,
      })}
      ${renderField({
        id: 'national-code',
        label: t.enrol.nationalCode,
        hint: t.enrol.nationalCodeHint,
        value: view.nationalCode,
        error: view.errors.nationalCode,
        inputMode: 'numeric',
        autocomplete: 'off',
        ltr: true,
        onInput: view.onNationalCode,
      })}
      <div part="actions" class="actions">
        <button part="button primary-button" class="primary" type="submit" ?disabled=${view.busy}>${t.enrol.submit}</button>
      </div>
    </form>
  `;
}
