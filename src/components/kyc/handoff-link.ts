/**
 * `<emzano-kyc>`'s way to a phone, as little as the wizard needs before a handoff is shown: is
 * this page a phone taking over (a code in the address's fragment, or a handoff this tab holds),
 * may the step on screen offer "Continue on your phone", and the wizard's calls, forwarded to the
 * handoff part (its screens, the QR code, the client), which loads only when a handoff is shown.
 */
import { html, type LitElement, type ReactiveController } from 'lit';
import { addStyles } from '../../internal/extra-styles.js';
import { toEmzanoError, type EmzanoError } from '../../core/errors.js';
import type { PhoneHandoff } from '../../core/handoff-contract.js';
import type { KycStep, PlannedStep } from '../../core/kyc-flow.js';
import type { Translation } from '../../i18n/index.js';
import type { KycProvider } from '../../providers/kyc-provider.js';
import type { KycAttempt } from './kyc-attempt.js';
import type { KycSettings } from './kyc-settings.js';

/** What the handoff part may do with the wizard. */
export interface HandoffWizard {
  readonly host: LitElement;
  readonly settings: KycSettings;
  attempt(): KycAttempt;
  change(changes: Partial<KycAttempt>): void;
  plan(): readonly PlannedStep[];
  /** Shows `step` (its camera, its event; `done` completes on the desktop). */
  goTo(step: KycStep): void;
  /** On from `from` to the step after it, closing the provider's verification after its last step. */
  advance(from: KycStep, signal: AbortSignal): Promise<void>;
  next(from: KycStep): KycStep;
  provider(): Promise<KycProvider>;
  /** Runs `work` as the wizard's task: busy while it runs, a failure shown with its retry. */
  run(work: (signal: AbortSignal) => Promise<void>): void;
  fail(error: EmzanoError, retry: () => void): void;
  releaseCamera(): void;
  /** A new attempt with `changes` (the phone's, made of what the desktop left). */
  begin(changes: Partial<KycAttempt>): void;
  /** On the phone after a reload: puts back what was saved for handoff `id` (step, recording, drawing); false when nothing was. */
  restore(id: string): Promise<boolean>;
}

/**
 * What the handoff part is given of this page's address and this tab's storage (kept here, so the
 * formats are in one place and the part imports nothing from the element's initial code).
 */
export interface HandoffTab {
  /** The phone's link: the host's handoff page (`handoff-url`, else this page) with `code` in its fragment. */
  link(code: string): string;
  /** Keeps the joined handoff (id and key, never the code) in this tab, for a reload. */
  keep(handoff: PhoneHandoff): void;
  forget(): void;
}

/** A screen the handoff shows in place of the step: its title and its body. */
export interface HandoffScreen {
  title: string;
  body: unknown;
  /** Whether the wizard's "Step 3 of 5" line still applies (the desktop's panel; not the phone's joining or end). */
  progress: boolean;
}

type Part = typeof import('./handoff/handoff-part.js');
type Coordinator = InstanceType<Part['HandoffCoordinator']>;

let partCode: Promise<Part> | undefined;

export class HandoffLink implements ReactiveController {
  private coordinator: Coordinator | undefined;
  /** What waits for the page to set the token and handoff endpoints (a framework may set them after connecting): a phone's join, a desktop's resume. */
  private pending: ((coordinator: Coordinator) => void) | undefined;
  private partLoading = false;
  private warned = false;

  constructor(private readonly wizard: HandoffWizard) {
    wizard.host.addController(this);
  }

  hostUpdated(): void {
    const pending = this.pending;
    const { tokenEndpoint, handoffEndpoint } = this.wizard.settings;
    if (pending && tokenEndpoint && !handoffEndpoint && !this.warned) {
      // A handoff to carry on (a phone's join, a desktop's resume), and no endpoint to carry it on with.
      this.warned = true;
      console.warn('<emzano-kyc>: a handoff to a phone waits for `handoff-endpoint`, which this page has not set.');
    }
    if (!pending || this.partLoading || !tokenEndpoint || !handoffEndpoint) return;
    // Once the part is here; a failed load is retried from its error, and what waited with it.
    this.partLoading = true;
    void this.part()
      .then((coordinator) => {
        if (!coordinator) return;
        this.pending = undefined;
        pending(coordinator);
      })
      .finally(() => (this.partLoading = false));
  }

  private whenReady(action: (coordinator: Coordinator) => void): void {
    this.pending = action;
    this.wizard.host.requestUpdate();
  }

  /** Whether the step on screen offers to continue on a phone (a desktop's video step, with a provider that can, and a host that serves it). */
  offered(kind: string, handoffCapable: boolean): boolean {
    const attempt = this.wizard.attempt();
    const { handoff, handoffEndpoint } = this.wizard.settings;
    return kind === 'video' && handoffCapable && handoff !== 'off' && handoffEndpoint !== '' && !attempt.handoff;
  }

  /**
   * On a page opened from the desktop's link: takes the code from the address (and removes it
   * from the address bar and history), or the handoff this tab joined before a reload. True
   * when this page is a phone carrying on a handoff.
   */
  joinIfPhone(): boolean {
    const code = codeFromFragment(location.hash);
    if (code) history.replaceState(history.state, '', `${location.pathname}${location.search}${fragmentWithoutCode(location.hash)}`);
    const kept = code ? undefined : keptInTab();
    if (!code && !kept) return false;
    this.whenReady((coordinator) => coordinator.join(code ? { code } : { kept: kept! }));
    return true;
  }

  /** Desktop: hands the steps left to a phone (`noCamera`: because this device has none). */
  offer(noCamera = false): void {
    void this.part().then((coordinator) => coordinator?.offer(noCamera));
  }

  /** This device has no camera: with `handoff="auto"` the handoff starts by itself. */
  cameraMissing(): boolean {
    const { handoff, handoffEndpoint } = this.wizard.settings;
    if (handoff !== 'auto' || handoffEndpoint === '' || this.wizard.attempt().handoff) return false;
    this.offer(true);
    return true;
  }

  /** Desktop after a reload: follows the handoff the attempt was waiting on again. */
  resume(): void {
    this.whenReady((coordinator) => coordinator.resumeDesktop());
  }

  /** The wizard moved from `from` to `step`: the phone tells the desktop. */
  stepShown(step: KycStep, from: KycStep): void {
    if (this.wizard.attempt().handoff?.role === 'phone') void this.part().then((coordinator) => coordinator?.stepShown(step, from));
  }

  /** The screen shown in place of the step, if a handoff has one now. */
  screen(t: Translation): HandoffScreen | undefined {
    // About to join (or to follow again after a reload): working, never the step's own form.
    if (this.pending)
      return { title: t.handoff.offer, body: html`<p part="status" role="status">${t.common.working}</p>`, progress: false };
    return this.coordinator?.screen(t);
  }

  /** Everything about a handoff forgotten (the wizard starts over); one still live is cancelled. */
  reset(): void {
    this.coordinator?.reset();
  }

  /** The handoff part, loaded once; a failed load is shown with its retry, and answers `undefined`. */
  private async part(): Promise<Coordinator | undefined> {
    partCode ??= import('./handoff/handoff-part.js').catch((error: unknown) => {
      partCode = undefined;
      throw error;
    });
    try {
      const { HandoffCoordinator, styles } = await partCode;
      addStyles(this.wizard.host, styles);
      this.coordinator ??= new HandoffCoordinator(this.wizard, {
        link: (code) => linkWithCode(this.wizard.settings.handoffUrl || location.href, code),
        keep: (handoff) => tabStorage((storage) => storage.setItem(KEPT_HANDOFF, JSON.stringify(handoff))),
        forget: () => tabStorage((storage) => storage.removeItem(KEPT_HANDOFF)),
      });
      this.wizard.host.requestUpdate();
      return this.coordinator;
    } catch (error) {
      this.wizard.fail(toEmzanoError(error), () => void this.part());
      return undefined;
    }
  }
}

/** The fragment parameter that carries the code on the phone's link (a fragment never reaches a server). */
const FRAGMENT = 'emzano-handoff';
/** Where a phone's tab keeps the handoff it joined (its id and key, never the code), for a reload. */
const KEPT_HANDOFF = 'emzano-kyc-handoff';

/** The code in a fragment (`#emzano-handoff=…`, among other parameters), if any. */
export function codeFromFragment(hash: string): string | undefined {
  const code = new URLSearchParams(hash.replace(/^#/, '')).get(FRAGMENT);
  return code && /^[A-Za-z0-9_-]{16,128}$/.test(code) ? code : undefined;
}

/** The fragment without the code (what the address bar keeps once it is read). */
export function fragmentWithoutCode(hash: string): string {
  const parameters = new URLSearchParams(hash.replace(/^#/, ''));
  parameters.delete(FRAGMENT);
  const rest = parameters.toString();
  return rest ? `#${rest}` : '';
}

/** `page` (resolved against this document) with `code` in its fragment, beside what the fragment held. */
export function linkWithCode(page: string, code: string): string {
  const url = new URL(page, document.baseURI);
  const parameters = new URLSearchParams(url.hash.replace(/^#/, ''));
  parameters.set(FRAGMENT, code);
  url.hash = parameters.toString();
  return url.href;
}

/** Private browsing may refuse storage: the phone works on, and a reload cannot carry on. */
function tabStorage<T>(use: (storage: Storage) => T): T | undefined {
  try {
    return use(sessionStorage);
  } catch {
    return undefined;
  }
}

/** The handoff this tab joined before a reload. */
function keptInTab(): PhoneHandoff | undefined {
  const kept = tabStorage((storage) => JSON.parse(storage.getItem(KEPT_HANDOFF) ?? 'null') as Partial<PhoneHandoff> | null);
  return typeof kept?.id === 'string' && typeof kept.key === 'string' ? { id: kept.id, key: kept.key } : undefined;
}
