/**
 * The phone's side of a handoff: reports each step it shows and finishes to the host (the
 * desktop follows from there), watches for the desktop taking back or cancelling, and keeps the
 * handoff (its id and key, never the code) in this tab so a reload carries on.
 * Also the screens the phone ends on: "return to your computer", or why the code did not work.
 */
import { html } from 'lit';
import { HandoffClient } from '../../../api/handoff-client.js';
import { EmzanoError, toEmzanoError } from '../../../core/errors.js';
import { handoffEnded, type HandoffState, type PhoneHandoff } from '../../../core/handoff-contract.js';
import type { Translation } from '../../../i18n/index.js';
import type { HandoffTab } from '../handoff-link.js';
import { HANDOFF_STRINGS, type HandoffStrings } from './handoff-strings.js';

/** How often the phone asks whether the desktop took over. */
const WATCH_MS = 4000;
/** How often a step's report is sent while the connection is down (about five minutes), before the person is told. */
const MAX_DELIVERIES = 30;

/** When the browser says it is back online, or after `ms`, whichever comes first. */
function backOnline(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => (clearTimeout(timer), removeEventListener('online', done), resolve());
    const timer = setTimeout(done, ms);
    addEventListener('online', done);
  });
}

/** Why the phone's part is over: the handoff's end, or why its code was refused. */
export type PhoneEnd = keyof HandoffStrings['ended'];

/** Why a refusal of the code (or of the key) ends the phone's part, if it does. */
export function phoneEndOf(error: unknown): PhoneEnd | undefined {
  const code = toEmzanoError(error).code;
  if (code === 'handoff-expired' || code === 'handoff-used' || code === 'handoff-unknown') return code;
  return undefined;
}

export class PhoneLink {
  private readonly client: HandoffClient;
  private watcher: ReturnType<typeof setInterval> | undefined;
  private reports: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    endpoint: string,
    readonly handoff: PhoneHandoff,
    private readonly tab: HandoffTab,
    /** The handoff ended while the phone worked (taken back, cancelled): the phone stops. */
    private readonly onEnded: (state: HandoffState) => void,
  ) {
    this.client = new HandoffClient(endpoint);
    tab.keep(handoff);
  }

  /** Watches for the desktop taking over (and stops when the page is hidden for good). */
  watch(): void {
    this.stopped = false;
    clearInterval(this.watcher);
    this.watcher = setInterval(() => void this.check(), WATCH_MS);
  }

  /**
   * The phone shows `step` now, having finished `completed`; sent in order, and a step that was
   * done is never dropped: while the connection is down it is sent again (when the browser is
   * back online, or every few seconds) before anything after it. Answers once the host has it; a
   * refusal because the handoff ended is told to `onEnded`.
   */
  report(step: string, completed?: string): Promise<void> {
    const sent = this.reports.then(() => this.deliver(step, completed));
    this.reports = sent.catch(() => undefined);
    return sent.then(
      (status) => {
        if (status.state === 'finished') this.stop(true);
      },
      async (error: unknown) => {
        if (toEmzanoError(error).code === 'handoff-ended') await this.check();
        throw error;
      },
    );
  }

  private async deliver(step: string, completed: string | undefined) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.client.progress(this.handoff, step, completed);
      } catch (error) {
        const failure = toEmzanoError(error);
        if (this.stopped || !['network', 'timeout', 'offline'].includes(String(failure.code)) || attempt >= MAX_DELIVERIES) throw error;
        await backOnline(Math.min(attempt, 6) * 2000);
      }
    }
  }

  /** Stops watching; `forget` also drops what this tab kept (the handoff is over). */
  stop(forget = false): void {
    this.stopped = true;
    clearInterval(this.watcher);
    this.watcher = undefined;
    if (forget) this.tab.forget();
  }

  private async check(): Promise<void> {
    try {
      const status = await this.client.phoneStatus(this.handoff);
      if (handoffEnded(status.state)) {
        this.stop(true);
        this.onEnded(status.state);
      }
    } catch (error) {
      // The key is not known any more: the handoff is long over.
      if (error instanceof EmzanoError && error.code === 'handoff-unknown') {
        this.stop(true);
        this.onEnded('cancelled');
      }
    }
  }
}

/** The phone's last screen: where to go now (its title is the wizard's heading). */
export function renderPhoneEnd(t: Translation, end: PhoneEnd) {
  return html`<div part="handoff-end" class="summary" data-end=${end}>
    <p class=${end === 'finished' ? 'success' : ''} role="status">${HANDOFF_STRINGS[t.lang].ended[end].text}</p>
  </div>`;
}

/** While the phone redeems its code. */
export function renderJoining(t: Translation) {
  return html`<p part="status" role="status">${HANDOFF_STRINGS[t.lang].joining}</p>`;
}
