import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { clampDay, daysInSolarMonth, joinSolarDate, splitSolarDate, type DateParts } from '../../../core/solar-date-parts.js';
import type { Translation } from '../../../i18n/index.js';

export interface SolarDateFieldView {
  t: Translation;
  /** `yyyy-mm-dd` text, possibly incomplete. */
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

/**
 * A birth date in the Solar Hijri calendar: the year typed (any digits), the month picked by
 * name, and the day picked among the days that month has in that year.
 */
export function renderSolarDateField(view: SolarDateFieldView) {
  const { t } = view;
  const parts = splitSolarDate(view.value);
  // Read all three parts at the moment of the change: a render may not have caught up yet.
  const update = (event: Event) => {
    const fieldset = (event.target as HTMLElement).closest('fieldset');
    const part = (id: string) => fieldset?.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value ?? '';
    const current: DateParts = { year: part('birth-year'), month: part('birth-month'), day: part('birth-day') };
    view.onChange(joinSolarDate(clampDay(current)));
  };
  const days = daysInSolarMonth(parts.year, parts.month);
  const invalid = view.error ? 'true' : 'false';
  const describedBy = view.error ? 'birth-date-error birth-date-hint' : 'birth-date-hint';
  return html`
    <fieldset part="field date-field" class="field date-field">
      <legend part="label">${t.inquiry.birthDate}</legend>
      <div class="date-parts">
        <input
          part="input"
          id="birth-year"
          class="year"
          .value=${live(parts.year)}
          inputmode="numeric"
          maxlength="4"
          autocomplete="bday-year"
          placeholder=${t.digits('1370')}
          aria-label=${t.inquiry.birthYear}
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
          @input=${update}
        />
        <select
          part="input"
          id="birth-month"
          aria-label=${t.inquiry.birthMonth}
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
          @change=${update}
        >
          <option value="" .selected=${parts.month === ''}>${t.inquiry.monthPlaceholder}</option>
          ${t.inquiry.months.map(
            (name, index) => html`<option value=${String(index + 1)} .selected=${parts.month === String(index + 1)}>${name}</option>`,
          )}
        </select>
        <select
          part="input"
          id="birth-day"
          aria-label=${t.inquiry.birthDay}
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
          @change=${update}
        >
          <option value="" .selected=${parts.day === ''}>${t.inquiry.dayPlaceholder}</option>
          ${Array.from(
            { length: days },
            (_, index) =>
              html`<option value=${String(index + 1)} .selected=${parts.day === String(index + 1)}>${t.digits(index + 1)}</option>`,
          )}
        </select>
      </div>
      <small part="hint" id="birth-date-hint">${t.inquiry.birthDateHint}</small>
      ${view.error ? html`<small part="field-error" class="field-error" id="birth-date-error">${view.error}</small>` : nothing}
    </fieldset>
  `;
}
