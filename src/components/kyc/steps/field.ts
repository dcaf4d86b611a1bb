import { html, nothing } from 'lit';

export interface FieldView {
  id: string;
  label: string;
  hint: string;
  value: string;
  /** Message shown under the field; the field is marked invalid when present. */
  error: string | undefined;
  inputMode: 'numeric' | 'tel' | 'text';
  autocomplete: string;
  /** Latin-digit fields (codes, dates) stay left-to-right inside right-to-left text. */
  ltr?: boolean;
  onInput: (value: string) => void;
}

/**
 * A labelled text input with its hint and its error, wired for screen readers. Every keystroke
 * goes to the element's state, so the state and the input never differ (no `live` needed).
 */
export function renderField(field: FieldView) {
  const hintId = `${field.id}-hint`;
  const errorId = `${field.id}-error`;
  return html`
    <div part="field" class="field">
      <label part="label" for=${field.id}>${field.label}</label>
      <input
        part="input"
        id=${field.id}
        name=${field.id}
        .value=${field.value}
        inputmode=${field.inputMode}
        autocomplete=${field.autocomplete}
        dir=${field.ltr ? 'ltr' : 'auto'}
        aria-invalid=${field.error ? 'true' : 'false'}
        aria-describedby=${field.error ? `${errorId} ${hintId}` : hintId}
        @input=${(event: Event) => field.onInput((event.target as HTMLInputElement).value)}
      />
      <small part="hint" id=${hintId}>${field.hint}</small>
      ${field.error ? html`<small part="field-error" class="field-error" id=${errorId}>${field.error}</small>` : nothing}
    </div>
  `;
}
