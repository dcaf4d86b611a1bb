/**
 * The desktop's side of a handoff: asks the host for one, shows its code as a QR code and a link
 * with the time it still works (a new code is fetched by itself when it runs out), follows the
 * phone live, and cancels or takes back. What it hears is passed to the wizard (`onStatus`),
 * which moves on when the phone finishes and carries on itself when the handoff is withdrawn.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { HandoffClient } from '../../../api/handoff-client.js';
import type { EmzanoError } from '../../../core/errors.js';
import { toEmzanoError } from '../../../core/errors.js';
import { HANDOFF_STEP_FLAGS, handoffEnded, type HandoffStatus, type HandoffTicket } from '../../../core/handoff-contract.js';
import type { KycProgress, PlannedStep } from '../../../core/kyc-flow.js';
import type { Translation } from '../../../i18n/index.js';
import { HANDOFF_STRINGS } from './handoff-strings.js';

export interface DesktopHandoffOptions {
  /** The host's token endpoint (its handoff actions). */
  endpoint: () => string;
  /** The phone's link with `code`. */
  link: (code: string) => string;
  /** Every new status: the wizard reacts to the end (`finished`, `taken-back`, `cancelled`). */
  onStatus: (status: HandoffStatus) => void;
  fail: (error: EmzanoError, retry: () => void) => void;
}

export class DesktopHandoff implements ReactiveController {
  private client: HandoffClient | undefined;
  private unfollow: (() => void) | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  /** The code shown, and when it stops working by this device's clock (Unix seconds). */
  private code: { code: string; expiresAt: number } | undefined;
  private renewing = false;
  /** The QR encoder: the desktop's alone (a phone never draws one), loaded when a code is first shown. */
  private qr: typeof import('./qr-code.js') | undefined;
  private copied = false;
  status: HandoffStatus | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DesktopHandoffOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  hostConnected(): void {
    // Moved in the DOM while following: pick the stream up again.
    if (this.status && !handoffEnded(this.status.state) && !this.unfollow) this.follow(this.status.id);
  }

  get id(): string | undefined {
    return this.status?.id;
  }

  /** A new handoff for `userId`, with what is done so far. */
  async start(userId: string, progress: KycProgress, signal?: AbortSignal): Promise<HandoffStatus> {
    const ticket = await this.api().create(userId, progress, signal);
    this.code = codeShown(ticket);
    this.take(ticket.status);
    this.follow(ticket.id);
    return ticket.status;
  }

  /** After a reload: the handoff `id` as it stands; one still waiting gets a new code (codes are never stored). */
  async resume(id: string, signal?: AbortSignal): Promise<HandoffStatus> {
    let status = await this.api().status(id, signal);
    if (status.state === 'waiting') status = await this.renew(id);
    this.take(status);
    if (!handoffEnded(status.state)) this.follow(id);
    return status;
  }

  /** Withdraws the handoff: `cancel` while waiting, `take-back` once the phone works. Answers how it ended. */
  async end(): Promise<HandoffStatus | undefined> {
    const status = this.status;
    if (!status || handoffEnded(status.state)) return status;
    const ended = await this.api().end(status.id, status.state === 'waiting' ? 'cancel' : 'take-back');
    this.take(ended);
    return ended;
  }

  /** Stops following (the wizard has moved on). */
  stop(): void {
    this.unfollow?.();
    this.unfollow = undefined;
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private api(): HandoffClient {
    const endpoint = this.options.endpoint();
    if (this.client?.endpoint !== endpoint) this.client = new HandoffClient(endpoint);
    return this.client;
  }

  private loadQr(): void {
    if (this.qr) return;
    import('./qr-code.js').then(
      (code) => ((this.qr = code), this.host.requestUpdate()),
      (error: unknown) => this.options.fail(toEmzanoError(error), () => this.loadQr()),
    );
  }

  private follow(id: string): void {
    this.loadQr();
    this.unfollow?.();
    this.unfollow = this.api().follow(id, (status) => this.take(status));
    clearInterval(this.ticker);
    // The countdown, and a new code when the one shown runs out.
    this.ticker = setInterval(() => {
      if (this.status?.state === 'waiting' && this.code && this.code.expiresAt * 1000 <= Date.now() && !this.renewing) {
        void this.renewShown();
      }
      this.host.requestUpdate();
    }, 1000);
  }

  private async renew(id: string): Promise<HandoffStatus> {
    const answer = await this.api().newCode(id);
    if ('code' in answer) {
      this.code = codeShown(answer);
      return answer.status;
    }
    return answer;
  }

  private async renewShown(): Promise<void> {
    const id = this.status?.id;
    if (!id) return;
    this.renewing = true;
    this.host.requestUpdate();
    try {
      this.take(await this.renew(id));
    } catch (error) {
      this.options.fail(toEmzanoError(error), () => void this.renewShown());
    } finally {
      this.renewing = false;
      this.host.requestUpdate();
    }
  }

  private take(status: HandoffStatus): void {
    if (this.status && this.status.id === status.id && status.version < this.status.version) return;
    const changed = this.status?.version !== status.version || this.status.id !== status.id;
    this.status = status;
    if (handoffEnded(status.state)) this.stop();
    this.host.requestUpdate();
    if (changed) this.options.onStatus(status);
  }

  private async copy(link: string, button: HTMLElement): Promise<void> {
    try {
      await navigator.clipboard.writeText(link);
      this.copied = true;
    } catch {
      // No clipboard (an insecure page, a refusal): the link is selected for the person to copy.
      const field = button.closest('[part~="handoff"]')?.querySelector('input');
      field?.focus();
      field?.select();
    }
    this.host.requestUpdate();
  }

  /**
   * The panel: the code and link while waiting (with the time left), then the phone's progress
   * through the steps it took over; Cancel or "continue on this computer".
   */
  render(t: Translation, plan: readonly PlannedStep[], noCamera: boolean) {
    const strings = HANDOFF_STRINGS[t.lang];
    const status = this.status;
    const waiting = !status || status.state === 'waiting';
    const link = this.code && this.options.link(this.code.code);
    const left = this.code ? Math.max(0, Math.ceil(this.code.expiresAt - Date.now() / 1000)) : 0;
    const time = t.digits(`${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`);
    const title = (id: string) => t.steps[id] ?? id;
    const steps = plan.filter((step) => step.id in HANDOFF_STEP_FLAGS);
    return html`<div part="handoff" class="handoff">
      ${noCamera && waiting ? html`<p part="handoff-no-camera">${strings.noCamera}</p>` : nothing}
      ${
        waiting
          ? html`<p part="intro">${strings.intro}</p>
              ${
                link && !this.renewing && this.qr
                  ? html`<div part="handoff-code" class="handoff-code">${this.qr.renderQrCode(link, strings.qrLabel)}</div>
                      <div part="field" class="field">
                        <label part="label" for="handoff-link">${strings.linkLabel}</label>
                        <input
                          part="input handoff-link"
                          id="handoff-link"
                          dir="ltr"
                          readonly
                          .value=${link}
                          @focus=${(event: FocusEvent) => (event.target as HTMLInputElement).select()}
                        />
                      </div>
                      <div part="actions" class="actions">
                        <button
                          part="button"
                          type="button"
                          @click=${(event: Event) => void this.copy(link, event.currentTarget as HTMLElement)}
                        >
                          ${strings.copy}
                        </button>
                      </div>
                      <p part="handoff-expiry">${strings.expiresIn(time)}</p>`
                  : html`<p part="status">${strings.renewing}</p>`
              }
              <p part="handoff-status" role="status">${this.copied ? strings.copied : strings.waiting}</p>`
          : html`<p part="handoff-status" role="status">
                ${status.phoneStep && status.phoneStep in HANDOFF_STEP_FLAGS ? strings.phoneAt(title(status.phoneStep)) : strings.connected}
              </p>
              <ul part="handoff-steps" class="handoff-steps">
                ${steps.map((step) => {
                  const done = status.progress[HANDOFF_STEP_FLAGS[step.id]!];
                  return html`<li data-step=${step.id} data-done=${done ? 'true' : 'false'}>
                    ${done ? strings.stepDone(title(step.id)) : strings.stepToDo(title(step.id))}
                  </li>`;
                })}
              </ul>`
      }
      <div part="actions" class="actions">
        <button part="button handoff-end" type="button" @click=${() => void this.endShown()}>
          ${waiting ? strings.cancel : strings.takeBack}
        </button>
      </div>
    </div>`;
  }

  private async endShown(): Promise<void> {
    try {
      await this.end();
    } catch (error) {
      this.options.fail(toEmzanoError(error), () => void this.endShown());
    }
  }
}

/** The code of `ticket` and its end by this device's clock (however far it is from the server's). */
function codeShown(ticket: HandoffTicket): { code: string; expiresAt: number } {
  return { code: ticket.code, expiresAt: Date.now() / 1000 + ticket.codeSeconds };
}
