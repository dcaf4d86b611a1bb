/**
 * The request form: the person's mobile number (with its country code), an optional DNI/NIE, the
 * SMS text with a live check for `[LINK]`, the sender's name with a counter to 11, and when to
 * send, shown in the viewer's time zone and in Madrid's. Each problem is said next to its field
 * with the same checks the server kit makes (`core/remote-request.ts`). Rendering only: the
 * element owns the draft and the problems.
 */
import { html, nothing } from 'lit';
import {
  checkMessage,
  checkSender,
  normalizeInternationalPhone,
  normalizeSpanishId,
  SENDER_MAX_LENGTH,
  type RemoteFieldProblem,
  type RemoteRequestField,
} from '../../core/remote-request.js';
import type { RemoteStrings } from './strings/types.js';

export interface RequestDraft {
  phone: string;
  dni: string;
  message: string;
  sender: string;
  schedule: 'now' | 'later';
  /** `datetime-local`'s value: the viewer's wall-clock time. */
  sendAt: string;
}

export interface RequestFormView {
  strings: RemoteStrings;
  draft: RequestDraft;
  problems: Partial<Record<RemoteRequestField, RemoteFieldProblem>>;
  sending: boolean;
  /** A field changed: its new value, and whether the change is final (left the field) rather than typing. */
  onInput(field: keyof RequestDraft, value: string, final: boolean): void;
  onSubmit(): void;
}

/** What is wrong with a field's value, as the server kit would say (nothing for an empty optional field). */
export function fieldProblem(field: keyof RequestDraft, value: string): RemoteFieldProblem | undefined {
  if (!value.trim()) return undefined;
  if (field === 'phone') return (normalizeInternationalPhone(value) as { problem?: RemoteFieldProblem }).problem;
  if (field === 'dni') return (normalizeSpanishId(value) as { problem?: RemoteFieldProblem }).problem;
  if (field === 'message') return checkMessage(value);
  if (field === 'sender') return checkSender(value);
  return undefined;
}

/** `YYYY-MM-DDTHH:mm` for now in the viewer's zone: the earliest a time may be chosen. */
function localMinimum(): string {
  const now = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000);
  return now.toISOString().slice(0, 16);
}

/** The chosen time in the viewer's zone and in Madrid's, in the element's language. */
function zonesLine(strings: RemoteStrings, value: string): string {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return '';
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return strings.form.inZones(
    new Intl.DateTimeFormat(strings.locale, options).format(instant),
    viewerZone,
    new Intl.DateTimeFormat(strings.locale, { ...options, timeZone: 'Europe/Madrid' }).format(instant),
    // British English names Madrid's zone by its abbreviation (CET, CEST) where other locales say GMT+1.
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', timeZoneName: 'short' })
      .formatToParts(instant)
      .find((part) => part.type === 'timeZoneName')?.value ?? '',
  );
}

export function renderRequestForm(view: RequestFormView) {
  const { strings, draft, problems } = view;
  const f = strings.form;
  const problem = (field: RemoteRequestField) =>
    problems[field]
      ? html`<p class="field-error" id=${`${field}-error`} part="field-error">${strings.problems[problems[field]]}</p>`
      : nothing;
  const described = (field: RemoteRequestField, hint?: string) => [hint, problems[field] ? `${field}-error` : ''].filter(Boolean).join(' ');
  const text = (
    field: 'phone' | 'dni' | 'sender',
    label: string,
    attributes: { hint?: string; type?: string; autocomplete?: string },
  ) => html`
    <div class="field">
      <label for=${field}>${label}</label>
      <input
        id=${field}
        name=${field}
        part="input"
        type=${attributes.type ?? 'text'}
        dir="ltr"
        autocomplete=${attributes.autocomplete ?? 'off'}
        .value=${draft[field]}
        aria-invalid=${problems[field] ? 'true' : 'false'}
        aria-describedby=${described(field, attributes.hint ? `${field}-hint` : undefined)}
        @input=${(event: Event) => view.onInput(field, (event.target as HTMLInputElement).value, false)}
        @change=${(event: Event) => view.onInput(field, (event.target as HTMLInputElement).value, true)}
      />
      ${attributes.hint ? html`<p part="hint" id=${`${field}-hint`}>${attributes.hint}</p>` : nothing} ${problem(field)}
    </div>
  `;
  const senderLength = [...draft.sender].length;
  return html`
    <form
      part="form"
      novalidate
      @submit=${(event: Event) => {
        event.preventDefault();
        view.onSubmit();
      }}
    >
      <h2 part="heading" tabindex="-1">${f.heading}</h2>
      <p part="intro">${f.intro}</p>
      ${text('phone', f.phone, { hint: f.phoneHint, type: 'tel', autocomplete: 'tel' })} ${text('dni', f.dni, { hint: f.dniHint })}
      <div class="field">
        <label for="message">${f.message}</label>
        <textarea
          id="message"
          name="message"
          part="input message"
          rows="3"
          .value=${draft.message}
          aria-invalid=${problems.message ? 'true' : 'false'}
          aria-describedby=${described('message', 'message-hint')}
          @input=${(event: Event) => view.onInput('message', (event.target as HTMLTextAreaElement).value, true)}
        ></textarea>
        <p part="hint" id="message-hint">${problems.message ? f.messageHint : f.linkPresent}</p>
        ${problem('message')}
      </div>
      <div class="field">
        <label for="sender">${f.sender}</label>
        <input
          id="sender"
          name="sender"
          part="input"
          dir="auto"
          autocomplete="organization"
          .value=${draft.sender}
          aria-invalid=${problems.sender ? 'true' : 'false'}
          aria-describedby=${described('sender', 'sender-count')}
          @input=${(event: Event) => view.onInput('sender', (event.target as HTMLInputElement).value, true)}
        />
        <p part="hint counter" id="sender-count" data-over=${senderLength > SENDER_MAX_LENGTH ? 'true' : 'false'}>
          ${f.senderCount(senderLength, SENDER_MAX_LENGTH)}
        </p>
        ${problem('sender')}
      </div>
      <fieldset part="schedule">
        <legend>${f.when}</legend>
        ${(['now', 'later'] as const).map(
          (choice) =>
            html`<label class="choice"
              ><input
                type="radio"
                name="schedule"
                value=${choice}
                .checked=${draft.schedule === choice}
                @change=${() => view.onInput('schedule', choice, true)}
              />${choice === 'now' ? f.now : f.later}</label
            >`,
        )}
        ${
          draft.schedule === 'later'
            ? html`<div class="field">
                <label for="sendAt">${f.sendAt}</label>
                <input
                  id="sendAt"
                  name="sendAt"
                  part="input"
                  type="datetime-local"
                  min=${localMinimum()}
                  .value=${draft.sendAt}
                  aria-invalid=${problems.sendAt ? 'true' : 'false'}
                  aria-describedby=${described('sendAt', draft.sendAt ? 'send-at-zones' : undefined)}
                  @input=${(event: Event) => view.onInput('sendAt', (event.target as HTMLInputElement).value, true)}
                />
                ${draft.sendAt ? html`<p part="hint zones" id="send-at-zones">${zonesLine(strings, draft.sendAt)}</p>` : nothing}
                ${problem('sendAt')}
              </div>`
            : nothing
        }
      </fieldset>
      <div class="actions">
        <button part="primary-button" class="primary" type="submit" ?disabled=${view.sending}>
          ${view.sending ? f.sending : f.submit}
        </button>
      </div>
    </form>
  `;
}
