/**
 * The handoff part of `<emzano-kyc>`, loaded only when a handoff is shown: on the desktop it asks
 * for a handoff, shows the QR code and follows the phone, then moves the wizard on when the phone
 * finishes (the same `emzano-complete` as a run on one device) or carries on itself when the
 * person takes it back. On the phone it redeems the code, runs the steps left, tells the desktop
 * each one, and ends on "Return to your computer".
 */
import { EmzanoError, toEmzanoError } from '../../../core/errors.js';
import {
  firstUndone,
  handoffEnded,
  progressAt,
  type HandoffState,
  type HandoffStatus,
  type PhoneHandoff,
} from '../../../core/handoff-contract.js';
import type { KycStep, PlannedStep } from '../../../core/kyc-flow.js';
import type { Translation } from '../../../i18n/index.js';
import type { HandoffCapable, KycProvider } from '../../../providers/kyc-provider.js';
import { HandoffClient } from '../../../api/handoff-client.js';
import type { HandoffScreen, HandoffTab, HandoffWizard } from '../handoff-link.js';
import { DesktopHandoff } from './desktop-handoff.js';
import { HANDOFF_STRINGS } from './handoff-strings.js';
import { phoneEndOf, PhoneLink, renderJoining, renderPhoneEnd, type PhoneEnd } from './phone-handoff.js';

export { styles } from './handoff-styles.js';

export class HandoffCoordinator {
  private readonly desktop: DesktopHandoff;
  private phone: PhoneLink | undefined;
  private phoneEnd: PhoneEnd | undefined;
  private joining = false;
  /** The phone did its last step: the host is being told (the summary is the desktop's to show). */
  private finishing = false;
  /** This device has no camera: the panel says so. */
  private noCamera = false;

  constructor(
    private readonly wizard: HandoffWizard,
    private readonly tab: HandoffTab,
  ) {
    this.desktop = new DesktopHandoff(wizard.host, {
      endpoint: () => wizard.settings.handoffEndpoint,
      link: tab.link,
      onStatus: (status) => this.desktopStatus(status),
      fail: wizard.fail,
    });
  }

  /** Desktop: hands the steps left to a phone; the step's camera is released meanwhile. */
  offer(noCamera: boolean): void {
    this.noCamera = noCamera;
    const { wizard } = this;
    wizard.releaseCamera();
    wizard.run(async (signal) => {
      const userId = (await wizard.provider()).attemptId;
      if (!userId) throw new EmzanoError('session-expired');
      const status = await this.desktop.start(userId, progressAt(wizard.plan(), wizard.attempt().step), signal);
      wizard.change({ handoff: { role: 'desktop', id: status.id } });
    });
  }

  /** Desktop after a reload: the handoff as it stands (one that ended meanwhile is acted on at once). */
  resumeDesktop(): void {
    const id = this.wizard.attempt().handoff?.id;
    if (!id) return;
    // Not the wizard's task: a handoff that finished meanwhile moves the wizard on from here.
    const resume = (): void => void this.desktop.resume(id).catch((error: unknown) => this.wizard.fail(toEmzanoError(error), resume));
    resume();
  }

  private desktopStatus(status: HandoffStatus): void {
    const { wizard } = this;
    const attempt = wizard.attempt();
    if (!handoffEnded(status.state) || attempt.handoff?.id !== status.id) return;
    const plan = wizard.plan();
    wizard.change({ handoff: undefined });
    this.noCamera = false;
    if (status.state === 'finished') {
      // The phone did the rest: on to what follows the provider's steps, exactly as on one device.
      const signed = plan.some((step) => step.id === 'signature') && status.progress.signature;
      wizard.change({ signatureUploaded: attempt.signatureUploaded || signed });
      const last = plan.at(-1)?.id ?? attempt.step;
      wizard.run((signal) => wizard.advance(last, signal));
      return;
    }
    // Taken back or cancelled: here, from the first step the phone did not finish.
    wizard.goTo(firstUndone(plan, attempt.step, status.progress) ?? wizard.next(plan.at(-1)?.id ?? attempt.step));
  }

  /** Phone: redeems the code (or carries on with the handoff this tab holds) and shows the first step left. */
  join(source: { code: string } | { kept: PhoneHandoff }): void {
    const { wizard } = this;
    this.joining = true;
    wizard.host.requestUpdate();
    wizard.run(async (signal) => {
      const provider = (await wizard.provider()) as KycProvider & Partial<HandoffCapable>;
      if (!provider.joinHandoff || !provider.rejoinHandoff) throw new EmzanoError('handoff-unknown');
      let handoff: PhoneHandoff;
      try {
        if ('code' in source) {
          const joined = await provider.joinHandoff(source.code, signal);
          handoff = joined.handoff;
          this.start(handoff, joined.plan);
        } else {
          handoff = source.kept;
          const plan = await provider.rejoinHandoff(handoff, signal);
          // What this tab kept, unless the host has a step of it as done already (the last save may not have landed).
          const restored = await wizard.restore(handoff.id);
          if (!restored || !plan.some((step) => step.id === wizard.attempt().step)) this.start(handoff, plan);
        }
      } catch (error) {
        // Anything else is shown with its retry, still under "connecting".
        const end = phoneEndOf(error) ?? (await this.endedBefore(error, 'kept' in source ? source.kept : undefined));
        if (!end) throw error;
        this.joining = false;
        this.endPhone(end);
        return;
      }
      this.joining = false;
      this.phone = new PhoneLink(wizard.settings.handoffEndpoint, handoff, this.tab, (state) => this.endPhone(state));
      this.phone.watch();
      void this.phone.report(wizard.attempt().step).catch(() => undefined);
    });
  }

  /** The phone's first step of those left (the desktop did the rest). */
  private start(handoff: PhoneHandoff, plan: readonly PlannedStep[]): void {
    const { wizard } = this;
    wizard.begin({ plan: [...plan], handoff: { role: 'phone', id: handoff.id } });
    wizard.goTo(wizard.next('enrol'));
  }

  /** A handoff that ended before this phone came (or while this tab was away): how, for the screen. */
  private async endedBefore(error: unknown, kept: PhoneHandoff | undefined): Promise<PhoneEnd | undefined> {
    if (toEmzanoError(error).code !== 'handoff-ended') return undefined;
    // A code whose handoff the desktop withdrew (or finished) before this phone came.
    if (!kept) return 'cancelled';
    const status = await new HandoffClient(this.wizard.settings.handoffEndpoint).phoneStatus(kept).catch(() => undefined);
    return status && handoffEnded(status.state) ? (status.state as PhoneEnd) : 'cancelled';
  }

  /** Phone: tells the desktop the step shown now; the end (`done`) waits for the host to have it. */
  stepShown(step: KycStep, from: KycStep): void {
    const phone = this.phone;
    if (!phone) return;
    const completed = from !== step ? from : undefined;
    if (step !== 'done') return void phone.report(step, completed).catch(() => undefined);
    // Called from within the upload's task: the end is sent on its own, its failure shown with a retry.
    this.finishing = true;
    const finish = (): void =>
      void phone.report('done', completed).then(
        () => this.endPhone('finished'),
        (error: unknown) => this.wizard.fail(toEmzanoError(error), finish),
      );
    finish();
  }

  private endPhone(end: PhoneEnd | HandoffState): void {
    if (end === 'waiting' || end === 'connected') return;
    this.phone?.stop(true);
    this.tab.forget();
    this.phone = undefined;
    this.phoneEnd = end;
    this.finishing = false;
    this.wizard.releaseCamera();
    void this.wizard.provider().then((provider) => provider.clear());
    this.wizard.host.requestUpdate();
  }

  screen(t: Translation): HandoffScreen | undefined {
    const strings = HANDOFF_STRINGS[t.lang];
    if (this.phoneEnd) return { title: strings.ended[this.phoneEnd].title, body: renderPhoneEnd(t, this.phoneEnd), progress: false };
    if (this.joining || this.finishing) return { title: strings.heading, body: renderJoining(t), progress: false };
    if (this.wizard.attempt().handoff?.role !== 'desktop') return undefined;
    return { title: strings.heading, body: this.desktop.render(t, this.wizard.plan(), this.noCamera), progress: true };
  }

  /** The wizard starts over: a live handoff is withdrawn (its phone stops), nothing is kept. */
  reset(): void {
    void this.desktop.end().catch(() => undefined);
    this.desktop.stop();
    this.phone?.stop(true);
    this.phone = undefined;
    this.phoneEnd = undefined;
    this.noCamera = false;
  }
}
