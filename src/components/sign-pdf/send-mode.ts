/**
 * `<emzano-sign-pdf mode="send">`: a contract for several recipients, sent to CLM through the
 * host's endpoint. Loaded only when the element is switched to send mode, so signing pages never
 * download it. `ContractController` runs it on the element's task and viewer; the editor below the
 * pages is `ContractEditor` (contract-editor.ts); the signers' fields are drawn by the viewer.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { executeClmFile } from '../../api/clm-client.js';
import type { TaskController } from '../../controllers/task.js';
import { bytesToBase64 } from '../../core/base64.js';
import {
  buildExecuteFilePayload,
  checkRecipients,
  type ClmRecipient,
  type ExecuteFilePayload,
  type SendOptions,
} from '../../core/clm-send.js';
import type { PdfField } from '../../core/pdf-geometry.js';
import type { Translation } from '../../i18n/index.js';
import type { PdfViewerController, ViewerField } from '../pdf-viewer/pdf-viewer-controller.js';
import { ContractEditor, problemsOf, recipientColor, type ContractState } from './contract-editor.js';
import { sendModeStyles } from './send-mode.styles.js';

export type { ContractState };

/** Joins the element's styles when this module loads. */
export const styles = sendModeStyles;

/**
 * The execute-file body for `bytes`, when nothing needs fixing first; `undefined` otherwise (the
 * editor shows what, once `showProblems()` was called).
 */
export function contractPayload(
  bytes: Uint8Array,
  recipients: ClmRecipient[],
  sendOptions: SendOptions,
  pageCount: number,
): ExecuteFilePayload | undefined {
  const { recipientProblems, optionProblems } = problemsOf(recipients, sendOptions, pageCount);
  if (recipientProblems.length || optionProblems.length) return undefined;
  return buildExecuteFilePayload(bytesToBase64(bytes), recipients, sendOptions);
}

/**
 * What is wrong with recipients a host set, as a developer should read it: a role, an order or a
 * field CLM would refuse, each with its property path and what it is.
 */
export function hostRecipientMistakes(recipients: ClmRecipient[], startPage: number): Array<{ path: string; value: unknown }> {
  return checkRecipients(recipients, startPage).flatMap(({ index, problem }) => {
    const name = problem === 'field-shape' ? 'field' : problem;
    if (name !== 'role' && name !== 'order' && name !== 'field') return [];
    return [{ path: `recipients[${index}].${name}`, value: recipients[index]?.[name] }];
  });
}

/** `recipients` with recipient `index`'s field placed at `field`, keeping its signing options. */
export function withField(recipients: ClmRecipient[], index: number, field: PdfField): ClmRecipient[] {
  return recipients.map((recipient, at) =>
    at === index
      ? {
          ...recipient,
          field: {
            ...field,
            digitalSignature: recipient.field?.digitalSignature ?? true,
            repeatSignature: recipient.field?.repeatSignature ?? false,
          },
        }
      : recipient,
  );
}

/** How many signers before `index` have a field already: the new one goes below theirs. */
export function fieldsAbove(recipients: ClmRecipient[], index: number): number {
  return recipients.slice(0, index).filter((recipient) => recipient.field).length;
}

/** The start page's badge and each signer's field on it (other pages carry none). */
export function fieldsOn(page: number, t: Translation, recipients: ClmRecipient[], sendOptions: SendOptions): ViewerField[] {
  if (page !== sendOptions.startPage) return [];
  const s = t.sendContract;
  return recipients.flatMap((recipient, index) => {
    if (!recipient.field || recipient.role !== 'signer' || recipient.field.page !== page) return [];
    const who = (typeof recipient.name === 'string' && recipient.name.trim()) || s.recipientLabel(index + 1);
    return [
      {
        key: index,
        field: recipient.field,
        content: html`<span>${who}</span>`,
        label: s.fieldLabel(who, page),
        color: recipientColor(index),
      },
    ];
  });
}

export interface ContractOptions {
  /** The element's task (busy, failures, emzano-error) and viewer (pages, fields), shared. */
  task: TaskController;
  viewer: PdfViewerController;
  /** What the element holds now. */
  state: () => ContractState & { clmEndpoint: string };
  /** New recipients or settings for the element to hold (it keeps them across a reload). */
  setState: (next: Partial<ContractState>) => void;
  /** CLM accepted the contract: its document id. */
  onSent: (documentId: string) => void;
}

/**
 * Send mode as a whole, on the element's viewer and task: the editor, each signer's field on the
 * start page, checking what the host set, and sending. One way: it reads the element's values
 * through `state()` and hands new ones back through `setState`.
 */
export class ContractController implements ReactiveController {
  readonly editor: ContractEditor;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
    private readonly options: ContractOptions,
  ) {
    host.addController(this);
    const { viewer } = options;
    this.editor = new ContractEditor({
      onChange: (update, focus) => {
        options.setState(update(options.state()));
        if (focus) this.focusAfterUpdate(focus);
      },
      onPlaceField: (index) => {
        const { recipients, sendOptions } = options.state();
        viewer.showPage(sendOptions.startPage);
        const field = viewer.placeFieldOn(sendOptions.startPage, fieldsAbove(recipients, index));
        if (!field) return;
        options.setState({ recipients: withField(recipients, index, field) });
        viewer.focusField(index);
      },
      onShowPage: (page) => viewer.showPage(page),
      onSend: () => void this.send(),
    });
  }

  // Nothing to take or release with the element: it lives as long as the element does.
  hostConnected(): void {}

  /** The contract kept from before a reload, unless the host or the person has begun one meanwhile. */
  restore(contract: ContractState): void {
    const { recipients, sendOptions } = this.options.state();
    if (recipients.length === 0 && sendOptions.title === '') this.options.setState(contract);
  }

  /** The viewer moved signer `index`'s field. */
  moveField(index: number, field: PdfField): void {
    const { recipients } = this.options.state();
    this.options.setState({
      recipients: recipients.map((recipient, at) =>
        at === index && recipient.field ? { ...recipient, field: { ...recipient.field, ...field } } : recipient,
      ),
    });
  }

  /** Recipients the host set: an entry CLM would refuse is named (console, `emzano-error`) and shown in the editor. */
  checkHostRecipients(): void {
    const { recipients, sendOptions } = this.options.state();
    const mistakes = hostRecipientMistakes(recipients, sendOptions.startPage);
    for (const { path, value } of mistakes) this.options.task.refuseProperty(path, value, 'send', false);
    if (mistakes.length) {
      this.editor.showProblems();
      this.host.requestUpdate();
    }
  }

  /** Checks, then sends (see `<emzano-sign-pdf>`'s `send()`). */
  async send(): Promise<string | undefined> {
    const { task, viewer } = this.options;
    const { recipients, sendOptions, clmEndpoint } = this.options.state();
    this.editor.showProblems();
    const opened = viewer.opened;
    const payload = opened && contractPayload(opened.bytes, recipients, sendOptions, viewer.pages.length);
    if (!payload) {
      this.host.requestUpdate();
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return undefined;
    }
    let documentId: string | undefined;
    await task.run(async (signal) => {
      const id = await executeClmFile(clmEndpoint, payload, signal);
      documentId = id;
      this.editor.markSent(id, recipients, sendOptions);
    }, 'send');
    if (documentId) this.options.onSent(documentId);
    return documentId;
  }

  /** The editor below the pages. */
  render(t: Translation): TemplateResult {
    const { recipients, sendOptions } = this.options.state();
    return this.editor.render({ t, recipients, sendOptions, pages: this.options.viewer.pages, busy: this.options.task.busy });
  }

  /** What sits on `page`: on the start page its badge and each signer's field. */
  renderPage(page: number, t: Translation): unknown {
    const { recipients, sendOptions } = this.options.state();
    if (page !== sendOptions.startPage) return nothing;
    const fields = fieldsOn(page, t, recipients, sendOptions).map((field) => this.options.viewer.renderField(t, field));
    return html`<span part="start-page-badge">${t.sendContract.startPageBadge}</span>${fields}`;
  }

  private focusAfterUpdate(selector: string): void {
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }
}
