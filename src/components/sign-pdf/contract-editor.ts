/**
 * Send mode's editor: the contract's settings, the recipients and the Send button. One way: it is
 * handed what is set now (`render(props)`) and says what the person did through its events
 * (`onChange`, `onPlaceField`, `onShowPage`, `onSend`); it keeps only whether problems are shown
 * yet and what was last sent. Run by `ContractController` (send-mode.ts).
 */
import { styleProperties } from '../../internal/style-properties.js';
import { html, nothing, type TemplateResult } from 'lit';
import {
  blankRecipient,
  checkRecipients,
  checkSendOptions,
  localDateTimeValue,
  moveFieldsToPage,
  RECIPIENT_ROLES,
  type ClmRecipient,
  type RecipientProblem,
  type RecipientProblemKind,
  type RecipientRole,
  type SendOptionProblem,
  type SendOptions,
} from '../../core/clm-send.js';
import type { PageGeometry } from '../../core/pdf-geometry.js';
import { addStrings, type Translation } from '../../i18n/index.js';
import { enSendContract } from '../../i18n/en/send-contract.js';
import { faSendContract } from '../../i18n/fa/send-contract.js';

addStrings({ fa: faSendContract, en: enSendContract });

/** One colour per recipient, dark enough to read on the white page (WCAG AA against white). */
const RECIPIENT_COLORS = ['#1d4ed8', '#b91c1c', '#047857', '#7e22ce', '#b45309', '#0e7490'];

export function recipientColor(index: number): string {
  return RECIPIENT_COLORS[index % RECIPIENT_COLORS.length]!;
}

/** What the editor shows: set by the element on every render. */
export interface ContractEditorProps {
  t: Translation;
  recipients: ClmRecipient[];
  sendOptions: SendOptions;
  /** The document's pages (the start page's size moves the fields with it). */
  pages: PageGeometry[];
  busy: boolean;
}

/** What the editor edits. */
export interface ContractState {
  recipients: ClmRecipient[];
  sendOptions: SendOptions;
}

/** What the person did in the editor. */
export interface ContractEditorEvents {
  /**
   * The person changed the recipients or settings: `update` says how, from the values the element
   * holds at that moment (several inputs can fire before the editor is drawn again). `focus`, when
   * given, is the selector of what gets focus once the change is drawn.
   */
  onChange: (update: (current: ContractState) => Partial<ContractState>, focus?: string) => void;
  /** Place recipient `index`'s field on the start page. */
  onPlaceField: (index: number) => void;
  /** Show `page` (the start page moved). */
  onShowPage: (page: number) => void;
  /** The person pressed Send. */
  onSend: () => void;
}

/** Which input a problem belongs to, so its message sits under that input. */
const PROBLEM_INPUT: Record<RecipientProblemKind, string> = {
  name: 'name',
  mobile: 'mobile',
  'national-code': 'code',
  duplicate: 'code',
  role: 'role',
  order: 'order',
  'field-missing': 'place',
  'field-page': 'place',
  'field-shape': 'place',
};

const NO_PROBLEMS = { recipientProblems: [] as RecipientProblem[], optionProblems: [] as SendOptionProblem[] };

export function problemsOf(recipients: ClmRecipient[], sendOptions: SendOptions, pageCount: number) {
  return {
    recipientProblems: checkRecipients(recipients, sendOptions.startPage),
    optionProblems: checkSendOptions(sendOptions, pageCount),
  };
}

export class ContractEditor {
  /** Problems are shown once the sender tried to send, then follow every change. */
  private checked = false;
  /** The recipients' problems as last shown, for the messages under their inputs. */
  private problems: RecipientProblem[] = [];
  /** The last contract sent, with the recipients and settings it was sent with. */
  private sent: { id: string; recipients: ClmRecipient[]; sendOptions: SendOptions } | undefined;
  private props!: ContractEditorProps;

  constructor(private readonly events: ContractEditorEvents) {}

  /** From now on, what must be fixed is shown under its input. */
  showProblems(): void {
    this.checked = true;
  }

  /** CLM accepted the contract as it is now: Send is done until something changes. */
  markSent(id: string, recipients: ClmRecipient[], sendOptions: SendOptions): void {
    this.sent = { id, recipients, sendOptions };
  }

  // Editing: each change goes out as an event; the element holds the values ------------------------

  private setOption(changes: Partial<SendOptions>): void {
    this.events.onChange(({ sendOptions }) => ({ sendOptions: { ...sendOptions, ...changes } }));
  }

  private updateRecipient(index: number, change: (recipient: ClmRecipient) => Partial<ClmRecipient>): void {
    this.events.onChange(({ recipients }) => ({
      recipients: recipients.map((recipient, at) => {
        if (at !== index) return recipient;
        const next = { ...recipient, ...change(recipient) };
        // Viewers and approvers sign nothing: a field left from being a signer would be sent.
        if (next.role !== 'signer') delete next.field;
        return next;
      }),
    }));
  }

  private addRecipient(): void {
    const count = this.props.recipients.length;
    this.events.onChange(({ recipients }) => ({ recipients: [...recipients, blankRecipient(recipients)] }), `#r${count}-name`);
  }

  private removeRecipient(index: number): void {
    this.events.onChange(
      ({ recipients }) => ({ recipients: recipients.filter((_, at) => at !== index) }),
      '[part~="add-recipient-button"]',
    );
  }

  /** Moves the start page, and every placed field with it. */
  private setStartPage(value: number): void {
    const { pages } = this.props;
    const page = Math.min(Math.max(Math.round(value) || 1, 1), Math.max(pages.length, 1));
    const geometry = pages[page - 1];
    this.events.onChange(({ recipients, sendOptions }) => ({
      recipients: geometry ? moveFieldsToPage(recipients, page, geometry) : recipients,
      sendOptions: { ...sendOptions, startPage: page },
    }));
    this.events.onShowPage(page);
  }

  private setFieldOption(index: number, option: 'digitalSignature' | 'repeatSignature', value: boolean): void {
    this.updateRecipient(index, ({ field }) => (field ? { field: { ...field, [option]: value } } : {}));
  }

  // Rendering --------------------------------------------------------------------------------------

  /** The contract's settings, the recipients and the Send button. */
  render(props: ContractEditorProps): TemplateResult {
    this.props = props;
    const { t, sendOptions: options, recipients, busy } = props;
    const pageCount = props.pages.length;
    const s = t.sendContract;
    // Worked out from what is set now: the host may have changed the recipients or settings.
    const { recipientProblems, optionProblems } = this.checked ? problemsOf(recipients, options, pageCount) : NO_PROBLEMS;
    this.problems = recipientProblems;
    const optionError = (problem: SendOptionProblem, message: string) => (optionProblems.includes(problem) ? message : undefined);
    const problemCount = recipientProblems.length + optionProblems.length;
    const sentId = this.sent && this.sent.recipients === recipients && this.sent.sendOptions === options ? this.sent.id : undefined;
    const startPageError = optionError('start-page', s.startPageInvalid(pageCount));
    return html`
      <section part="send-panel" aria-label=${s.settings}>
        <fieldset part="contract-settings">
          <legend>${s.settings}</legend>
          ${this.textInput('contract-title', s.title, options.title, (value) => this.setOption({ title: value }), {
            error: optionError('title', s.titleMissing),
            required: true,
          })}
          <div class="grid">
            ${this.textInput(
              'contract-expiry',
              s.expiredAt,
              localDateTimeValue(options.expiredAt),
              (value) => this.setOption({ expiredAt: value || undefined }),
              { type: 'datetime-local', error: optionError('expired-at', s.expiredAtPast) },
            )}
          </div>
          <div class="row">
            <label for="contract-start-page">${s.startPage}</label>
            <input
              part="input"
              id="contract-start-page"
              type="number"
              min="1"
              max=${Math.max(pageCount, 1)}
              .value=${String(options.startPage)}
              aria-invalid=${startPageError ? 'true' : 'false'}
              aria-describedby=${startPageError ? 'contract-start-page-error contract-start-page-help' : 'contract-start-page-help'}
              @change=${(event: Event) => this.setStartPage(Number((event.target as HTMLInputElement).value))}
            />
            ${
              startPageError
                ? html`<small part="field-error" class="field-error" id="contract-start-page-error">${startPageError}</small>`
                : nothing
            }
            <small part="hint" id="contract-start-page-help">${s.startPageHelp(options.startPage, pageCount)}</small>
          </div>
          ${this.checkbox('contract-payment', s.certificatePayment, options.certificatePayment ?? false, (value) =>
            this.setOption({ certificatePayment: value }),
          )}
        </fieldset>
        <h3 part="recipients-heading">${s.recipients}</h3>
        ${recipients.length === 0 ? html`<p part="status">${s.noRecipients}</p>` : nothing}
        <ol part="recipients">
          ${recipients.map((recipient, index) => this.renderRecipient(recipient, index, t))}
        </ol>
        <div part="actions">
          <button part="button add-recipient-button" type="button" ?disabled=${busy} @click=${() => this.addRecipient()}>
            ${s.addRecipient}
          </button>
        </div>
        <div part="actions">
          ${this.checked && problemCount > 0 ? html`<p part="field-error" class="field-error" role="alert">${s.fixFirst(problemCount)}</p>` : nothing}
          ${busy ? html`<p part="status" role="status">${s.sending}</p>` : nothing}
          ${sentId ? html`<p class="success" role="status">${s.sent(sentId)}</p>` : nothing}
          <button
            part="button primary-button send-button"
            class="primary"
            type="button"
            ?disabled=${busy || Boolean(sentId)}
            @click=${() => this.events.onSend()}
          >
            ${s.send}
          </button>
        </div>
      </section>
    `;
  }

  private renderRecipient(recipient: ClmRecipient, index: number, t: Translation) {
    const s = t.sendContract;
    const id = (name: string) => `r${index}-${name}`;
    const problemsHere = this.problems.filter((problem) => problem.index === index);
    const errorOf = (input: string) => {
      const problem = problemsHere.find((entry) => PROBLEM_INPUT[entry.problem] === input);
      return problem ? s.problems[problem.problem] : undefined;
    };
    const label = s.recipientLabel(index + 1);
    const who = recipient.name.trim() || label;
    const text = (name: keyof ClmRecipient & string, input: string, caption: string, extra: InputExtras = {}) =>
      this.textInput(id(input), caption, String(recipient[name] ?? ''), (value) => this.updateRecipient(index, () => ({ [name]: value })), {
        ...extra,
        error: errorOf(input),
      });
    const placeError = errorOf('place');
    const field = recipient.field;
    return html`
      <li part="recipient" style=${styleProperties({ '--_recipient-color': recipientColor(index) })}>
        <fieldset>
          <legend><span class="swatch" aria-hidden="true"></span>${label}</legend>
          <div class="grid">
            ${text('name', 'name', s.name, { required: true, autocomplete: 'off' })}
            ${text('mobile', 'mobile', s.mobile, { required: true, inputMode: 'tel', ltr: true })}
            ${text('nationalCode', 'code', s.nationalCode, { required: true, inputMode: 'numeric', ltr: true })}
            ${text('title', 'title', s.recipientTitle)}
            <div class="row">
              <label for=${id('role')}>${s.role}</label>
              <select
                part="input"
                id=${id('role')}
                aria-invalid=${errorOf('role') ? 'true' : 'false'}
                aria-describedby=${errorOf('role') ? `${id('role')}-error` : nothing}
                @change=${(event: Event) => this.updateRecipient(index, () => ({ role: (event.target as HTMLSelectElement).value as RecipientRole }))}
              >
                ${RECIPIENT_ROLES.map((role) => html`<option value=${role} ?selected=${recipient.role === role}>${s.roles[role]}</option>`)}
              </select>
              ${errorOf('role') ? html`<small part="field-error" class="field-error" id=${`${id('role')}-error`}>${errorOf('role')}</small>` : nothing}
            </div>
            <div class="row">
              <label for=${id('order')}>${s.order}</label>
              <input
                part="input"
                id=${id('order')}
                type="number"
                min="1"
                .value=${String(recipient.order)}
                aria-invalid=${errorOf('order') ? 'true' : 'false'}
                aria-describedby=${errorOf('order') ? `${id('order')}-error` : nothing}
                @change=${(event: Event) => this.updateRecipient(index, () => ({ order: Number((event.target as HTMLInputElement).value) || 1 }))}
              />
              ${errorOf('order') ? html`<small part="field-error" class="field-error" id=${`${id('order')}-error`}>${errorOf('order')}</small>` : nothing}
            </div>
          </div>
          ${
            recipient.role === 'signer'
              ? html`
                  <div class="row">
                    ${field ? html`<small part="hint">${s.fieldPlaced(field.page)}</small>` : nothing}
                    <button
                      part="button place-field-button"
                      id=${id('place')}
                      type="button"
                      aria-invalid=${placeError ? 'true' : 'false'}
                      aria-describedby=${placeError ? `${id('place')}-error` : nothing}
                      @click=${() => this.events.onPlaceField(index)}
                    >
                      ${s.placeField(this.props.sendOptions.startPage)}
                    </button>
                    ${placeError ? html`<small part="field-error" class="field-error" id=${`${id('place')}-error`}>${placeError}</small>` : nothing}
                  </div>
                  ${
                    field
                      ? html`
                          ${this.checkbox(id('digital'), s.digitalSignature, field.digitalSignature ?? true, (value) =>
                            this.setFieldOption(index, 'digitalSignature', value),
                          )}
                          ${this.checkbox(id('repeat'), s.repeatSignature, field.repeatSignature ?? false, (value) =>
                            this.setFieldOption(index, 'repeatSignature', value),
                          )}
                        `
                      : nothing
                  }
                `
              : nothing
          }
          <div part="actions">
            <button part="button remove-recipient-button" type="button" @click=${() => this.removeRecipient(index)}>
              ${s.remove(who)}
            </button>
          </div>
        </fieldset>
      </li>
    `;
  }

  /** A labelled input with what is wrong with it (if anything) right under it. */
  private textInput(id: string, label: string, value: string, onInput: (value: string) => void, extra: InputExtras = {}) {
    const { error } = extra;
    return html`
      <div class="row">
        <label for=${id}>${label}</label>
        <input
          part="input"
          id=${id}
          type=${extra.type ?? 'text'}
          .value=${value}
          inputmode=${extra.inputMode ?? nothing}
          autocomplete=${extra.autocomplete ?? nothing}
          dir=${extra.ltr ? 'ltr' : 'auto'}
          ?required=${extra.required ?? false}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${id}-error` : nothing}
          @input=${(event: Event) => onInput((event.target as HTMLInputElement).value)}
        />
        ${error ? html`<small part="field-error" class="field-error" id=${`${id}-error`}>${error}</small>` : nothing}
      </div>
    `;
  }

  private checkbox(id: string, label: string, checked: boolean, onChange: (value: boolean) => void) {
    return html`
      <div class="check">
        <input
          part="checkbox"
          id=${id}
          type="checkbox"
          .checked=${checked}
          @change=${(event: Event) => onChange((event.target as HTMLInputElement).checked)}
        />
        <label for=${id}>${label}</label>
      </div>
    `;
  }
}

interface InputExtras {
  type?: string;
  inputMode?: 'tel' | 'numeric';
  autocomplete?: string;
  required?: boolean;
  ltr?: boolean;
  /** What is wrong with the value; the input is marked invalid when set. */
  error?: string | undefined;
}
