/**
 * `<emzano-sign-pdf mode="send">`: the sender names the recipients, places each signer's field on
 * the start page and sends the contract to CLM through the host's endpoint. Loaded only when the
 * element is switched to send mode, so signing pages never download it. The element keeps the
 * state (`recipients`, `sendOptions`); this module draws the editor and acts on it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { executeClmFile } from '../../api/clm-client.js';
import {
  blankRecipient,
  buildExecuteFilePayload,
  checkRecipients,
  checkSendOptions,
  localDateTimeValue,
  moveFieldsToPage,
  type ClmRecipient,
  type RecipientProblem,
  type RecipientProblemKind,
  type RecipientRole,
  type SendOptionProblem,
  type SendOptions,
} from '../../core/clm-send.js';
import type { PageGeometry, PdfField } from '../../core/pdf-geometry.js';
import { sha256Hex } from '../../core/sha256.js';
import type { SignPdfStep } from '../../events/kyc-events.js';
import type { AttemptStore } from '../../store/attempt-store.js';
import type { SavedSigning } from './saved-work.js';
import { addStrings, type Translation } from '../../i18n/index.js';
import { enSendContract } from '../../i18n/en/send-contract.js';
import { faSendContract } from '../../i18n/fa/send-contract.js';
import { sendModeStyles } from './send-mode.styles.js';

addStrings({ fa: faSendContract, en: enSendContract });

export { sendModeStyles };

/** One colour per recipient, dark enough to read on the white page (WCAG AA against white). */
const RECIPIENT_COLORS = ['#1d4ed8', '#b91c1c', '#047857', '#7e22ce', '#b45309', '#0e7490'];

export function recipientColor(index: number): string {
  return RECIPIENT_COLORS[index % RECIPIENT_COLORS.length]!;
}

/** Edits are written together once typing pauses, not on every keystroke. */
const SAVE_DELAY_MS = 250;

/** What send mode needs from `<emzano-sign-pdf>` (its members marked `@internal`). */
export interface SendHost extends HTMLElement {
  readonly pages: PageGeometry[];
  readonly busy: boolean;
  readonly clmEndpoint: string;
  readonly opened: { bytes: Uint8Array<ArrayBuffer> } | undefined;
  readonly persist: 'on' | 'off';
  readonly fileName: string;
  /** The element's store of unfinished work, shared so the document and its contract are kept together. */
  readonly attempts: AttemptStore<SavedSigning>;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  recipients: ClmRecipient[];
  sendOptions: SendOptions;
  requestUpdate(): void;
  run(step: SignPdfStep, action: (signal: AbortSignal) => Promise<void>): Promise<void>;
  /** Sends through this module and announces `emzano-sent`. */
  send(): Promise<string | undefined>;
  renderField(field: PdfField, key: number, content: unknown, label: string, color?: string): TemplateResult;
  /** A default field on `page`, in the part of it the person sees; `nth` staggers several. */
  placeFieldOn(page: number, nth: number): PdfField;
}

/** Which input a problem belongs to, so its message sits under that input. */
const PROBLEM_INPUT: Record<RecipientProblemKind, string> = {
  name: 'name',
  mobile: 'mobile',
  'national-code': 'code',
  duplicate: 'code',
  'field-missing': 'place',
  'field-page': 'place',
};

export class ContractSender {
  /** Problems are shown once the sender tried to send, then follow every change (worked out in `render`). */
  private checked = false;
  private problems: RecipientProblem[] = [];
  private optionProblems: SendOptionProblem[] = [];
  /** The last contract sent, with the recipients and settings it was sent with. */
  private sent: { id: string; recipients: ClmRecipient[]; sendOptions: SendOptions } | undefined;
  /** SHA-256 of the open document: the key its draft is kept under (as the element keys its work). */
  private draftKey: string | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: SendHost) {
    if (host.opened) void this.restore();
  }

  // Keeping the draft across reloads -----------------------------------------------------------------

  /**
   * Called when a document has opened: the contract prepared for it before a reload comes back,
   * unless the host or the person has already begun one (a restore never overwrites their work).
   */
  async restore(): Promise<void> {
    const bytes = this.host.opened?.bytes;
    if (!bytes || this.host.persist === 'off') return;
    const key = await sha256Hex(bytes);
    this.draftKey = key;
    const saved = await this.host.attempts.latest().catch(() => undefined);
    const contract = saved?.id === key ? saved.value.contract : undefined;
    const begun = this.host.recipients.length > 0 || this.host.sendOptions.title !== '';
    if (contract && !begun) {
      this.host.recipients = contract.recipients;
      this.host.sendOptions = contract.sendOptions;
    } else if (begun) {
      // Edits made while the document was being identified had nowhere to go yet.
      this.scheduleSave();
    }
  }

  private scheduleSave(): void {
    const key = this.draftKey;
    if (!key || this.host.persist === 'off') return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      const { recipients, sendOptions, opened, fileName } = this.host;
      if (!opened) return;
      const record: SavedSigning = {
        // The document too: after a reload with no document given, the element reopens the latest one.
        pdf: new Blob([opened.bytes], { type: 'application/pdf' }),
        fileName,
        field: undefined,
        signature: undefined,
        contract: { recipients, sendOptions },
      };
      void this.host.attempts.save(key, record).catch(() => undefined);
    }, SAVE_DELAY_MS);
  }

  private forgetDraft(): void {
    clearTimeout(this.saveTimer);
    if (this.draftKey) void this.host.attempts.clear(this.draftKey).catch(() => undefined);
  }

  // Editing ----------------------------------------------------------------------------------------

  /** After any edit in the editor: drawn again (problems follow in `render`) and kept for a reload. */
  private edited(): void {
    this.host.requestUpdate();
    this.scheduleSave();
  }

  private check(): boolean {
    const { recipients, sendOptions, pages } = this.host;
    this.problems = checkRecipients(recipients, sendOptions.startPage);
    this.optionProblems = checkSendOptions(sendOptions, pages.length);
    return this.problems.length === 0 && this.optionProblems.length === 0;
  }

  private setOption(changes: Partial<SendOptions>): void {
    this.host.sendOptions = { ...this.host.sendOptions, ...changes };
    this.edited();
  }

  private updateRecipient(index: number, changes: Partial<ClmRecipient>): void {
    this.host.recipients = this.host.recipients.map((recipient, at) => {
      if (at !== index) return recipient;
      const next = { ...recipient, ...changes };
      // Viewers and approvers sign nothing: a field left from being a signer would be sent.
      if (next.role !== 'signer') delete next.field;
      return next;
    });
    this.edited();
  }

  private addRecipient(): void {
    this.host.recipients = [...this.host.recipients, blankRecipient(this.host.recipients)];
    this.edited();
    const index = this.host.recipients.length - 1;
    void this.host.updateComplete.then(() => this.input(index, 'name')?.focus());
  }

  private removeRecipient(index: number): void {
    this.host.recipients = this.host.recipients.filter((_, at) => at !== index);
    this.edited();
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>('[part~="add-recipient-button"]')?.focus());
  }

  /** Moves the start page and every placed field with it. */
  private setStartPage(value: number): void {
    const { pages } = this.host;
    const page = Math.min(Math.max(Math.round(value) || 1, 1), Math.max(pages.length, 1));
    const geometry = pages[page - 1];
    this.host.sendOptions = { ...this.host.sendOptions, startPage: page };
    if (geometry) this.host.recipients = moveFieldsToPage(this.host.recipients, page, geometry);
    this.edited();
    this.showPage(page);
  }

  private showPage(page: number): void {
    this.host.renderRoot.querySelector(`[data-page="${page}"]`)?.scrollIntoView({ block: 'nearest' });
  }

  private placeField(index: number): void {
    const page = this.host.sendOptions.startPage;
    this.showPage(page);
    const nth = this.host.recipients.slice(0, index).filter((recipient) => recipient.field).length;
    const recipient = this.host.recipients[index];
    const field = this.host.placeFieldOn(page, nth);
    this.updateRecipient(index, {
      field: {
        ...field,
        digitalSignature: recipient?.field?.digitalSignature ?? true,
        repeatSignature: recipient?.field?.repeatSignature ?? false,
      },
    });
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLElement>(`[part~="field"][data-key="${index}"]`)?.focus(),
    );
  }

  /** A field moved or resized on the page (the element's drag and keys). */
  setField(index: number, field: PdfField): void {
    const current = this.host.recipients[index]?.field;
    if (!current) return;
    this.updateRecipient(index, { field: { ...current, ...field } });
  }

  private setFieldOption(index: number, option: 'digitalSignature' | 'repeatSignature', value: boolean): void {
    const current = this.host.recipients[index]?.field;
    if (current) this.updateRecipient(index, { field: { ...current, [option]: value } });
  }

  // Sending ----------------------------------------------------------------------------------------

  /**
   * Checks everything, then sends. Resolves with CLM's document id, or `undefined` when something
   * must be fixed first (the first such input gets focus) or the call failed (the element shows why).
   */
  async send(): Promise<string | undefined> {
    const host = this.host;
    this.checked = true;
    const valid = this.check();
    host.requestUpdate();
    const bytes = host.opened?.bytes;
    if (!valid || !bytes) {
      await host.updateComplete;
      host.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return undefined;
    }
    let documentId: string | undefined;
    await host.run('send', async (signal) => {
      const payload = buildExecuteFilePayload(await base64Of(bytes), host.recipients, host.sendOptions);
      documentId = await executeClmFile(host.clmEndpoint, payload, signal);
      this.sent = { id: documentId, recipients: host.recipients, sendOptions: host.sendOptions };
      this.forgetDraft();
    });
    return documentId;
  }

  // Rendering --------------------------------------------------------------------------------------

  private input(index: number, name: string): HTMLElement | null {
    return this.host.renderRoot.querySelector(`#r${index}-${name}`);
  }

  /** The start page's badge and each signer's field on it (other pages carry none). */
  renderFields(page: number, t: Translation): unknown {
    const { sendOptions, recipients, pages } = this.host;
    const geometry = pages[page - 1];
    if (page !== sendOptions.startPage || !geometry) return nothing;
    const s = t.sendContract;
    return html`
      <span part="start-page-badge">${s.startPageBadge}</span>
      ${recipients.map((recipient, index) => {
        if (!recipient.field || recipient.role !== 'signer' || recipient.field.page !== page) return nothing;
        const who = recipient.name.trim() || s.recipientLabel(index + 1);
        return this.host.renderField(recipient.field, index, html`<span>${who}</span>`, s.fieldLabel(who, page), recipientColor(index));
      })}
    `;
  }

  /** The contract's settings, the recipients and the Send button. */
  render(t: Translation): TemplateResult {
    const s = t.sendContract;
    const { sendOptions: options, recipients, pages, busy } = this.host;
    const optionError = (problem: SendOptionProblem, message: string) => (this.optionProblems.includes(problem) ? message : undefined);
    // The host may have changed the recipients or settings since the last check or send.
    if (this.checked) this.check();
    const problemCount = this.problems.length + this.optionProblems.length;
    const sentId = this.sent && this.sent.recipients === recipients && this.sent.sendOptions === options ? this.sent.id : undefined;
    const startPageError = optionError('start-page', s.startPageInvalid(pages.length));
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
            ${this.textInput(
              'contract-callback',
              s.callbackUrl,
              options.callbackUrl ?? '',
              (value) => this.setOption({ callbackUrl: value.trim() || undefined }),
              { type: 'url', error: optionError('callback-url', s.callbackUrlInvalid), ltr: true },
            )}
          </div>
          <div class="row">
            <label for="contract-start-page">${s.startPage}</label>
            <input
              part="input"
              id="contract-start-page"
              type="number"
              min="1"
              max=${Math.max(pages.length, 1)}
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
            <small part="hint" id="contract-start-page-help">${s.startPageHelp(options.startPage, pages.length)}</small>
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
            @click=${() => void this.host.send()}
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
      this.textInput(id(input), caption, String(recipient[name] ?? ''), (value) => this.updateRecipient(index, { [name]: value }), {
        ...extra,
        error: errorOf(input),
      });
    const placeError = errorOf('place');
    const field = recipient.field;
    return html`
      <li part="recipient" style="--_recipient-color:${recipientColor(index)}">
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
                @change=${(event: Event) => this.updateRecipient(index, { role: (event.target as HTMLSelectElement).value as RecipientRole })}
              >
                ${(['signer', 'viewer', 'approver'] as const).map(
                  (role) => html`<option value=${role} ?selected=${recipient.role === role}>${s.roles[role]}</option>`,
                )}
              </select>
            </div>
            <div class="row">
              <label for=${id('order')}>${s.order}</label>
              <input
                part="input"
                id=${id('order')}
                type="number"
                min="1"
                .value=${String(recipient.order)}
                @change=${(event: Event) => this.updateRecipient(index, { order: Number((event.target as HTMLInputElement).value) || 1 })}
              />
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
                      @click=${() => this.placeField(index)}
                    >
                      ${s.placeField(this.host.sendOptions.startPage)}
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

/** A document as base64, by the browser's own encoder (quick even for a large file). */
function base64Of(bytes: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The document could not be read.'));
    reader.readAsDataURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  });
}
