/**
 * Emzano's KYC (emzano-external-api.md) as a provider of `<emzano-kyc>`: enrol (which says what is
 * already done), the registry inquiry, the sentence, the selfie video and the signature, through
 * the host's token endpoint and the KYC client (the API stack loads on first use). The element's
 * default provider.
 */
import type { EmzanoConnection } from '../../api/connection.js';
import { connect } from '../../api/lazy-connection.js';
import { EmzanoError } from '../../core/errors.js';
import type { KycProgress, PlannedStep } from '../../core/kyc-flow.js';
import type { KycPerson } from '../../events/kyc-events.js';
import type { PhoneHandoff } from '../../core/handoff-contract.js';
import type {
  HandoffCapable,
  Handover,
  JoinedHandoff,
  KycProvider,
  ProviderSettings,
  StartValues,
  UploadOptions,
  VideoUpload,
} from '../kyc-provider.js';

/** The steps Emzano's enrol answer says are still to do, in its order. */
export function pendingSteps(progress: KycProgress): PlannedStep[] {
  const steps: PlannedStep[] = [];
  if (!progress.infoInquiry) steps.push({ id: 'inquiry', kind: 'inquiry' });
  if (!progress.faceRecognition) steps.push({ id: 'video', kind: 'video' });
  if (!progress.signature) steps.push({ id: 'signature', kind: 'signature' });
  return steps;
}

export class EmzanoProvider implements KycProvider, HandoffCapable {
  private connection: EmzanoConnection | undefined;

  constructor(private readonly settings: () => ProviderSettings) {}

  get attemptId(): string | undefined {
    return this.connection?.session.userId;
  }

  /** One enrolment per attempt: a second call (a double submit, a retry after success) reuses the grant. */
  async start({ phone, nationalCode }: StartValues, signal: AbortSignal): Promise<PlannedStep[]> {
    const { session } = await this.api();
    const grant = session.grant ?? (await session.enrol({ phoneNumber: phone, nationalCode }, signal));
    return pendingSteps(grant.progress);
  }

  /** On the phone: the same Emzano user as the desktop, and the steps it left (never a second enrolment). */
  async joinHandoff(code: string, signal: AbortSignal): Promise<JoinedHandoff> {
    const { session } = await this.api();
    const { handoff, status } = await session.redeem(code, this.settings().handoffEndpoint, signal);
    return { plan: pendingSteps(status.progress), handoff, status };
  }

  async rejoinHandoff(handoff: PhoneHandoff, signal: AbortSignal): Promise<PlannedStep[]> {
    return pendingSteps((await (await this.api()).session.rejoin(handoff, this.settings().handoffEndpoint, signal)).progress);
  }

  async inquire(birthDate: string, serialNumber: string, signal: AbortSignal): Promise<KycPerson> {
    const { kyc } = await this.api();
    return kyc.inquire(await this.requireUserId(), { birthDate, serialNumber }, signal);
  }

  async sentence(): Promise<string> {
    return (await this.api()).kyc.randomText();
  }

  async submitVideo(_step: string, { sentence, video, fileName }: VideoUpload, options: UploadOptions): Promise<void> {
    const { kyc } = await this.api();
    await kyc.submitVideo(await this.requireUserId(), { randomText: sentence, video, fileName }, options);
  }

  async uploadSignature(image: Blob, options: UploadOptions): Promise<void> {
    const { kyc } = await this.api();
    await kyc.uploadSignature(await this.requireUserId(), image, options);
  }

  /**
   * Emzano closes nothing (each step is recorded as it is sent); the session handed to the page
   * must be live, though, and after a reload (the phone did the last steps) it has no token yet.
   */
  async finish(): Promise<void> {
    await (await this.api()).session.accessToken();
  }

  /** Carries on as `userId` (the token endpoint mints a token for it when first needed). */
  async resume(userId: string, still: () => boolean): Promise<boolean> {
    const session = await this.api().then(
      (api) => api.session,
      () => undefined,
    );
    if (!session || session.userId || !still()) return false;
    session.resume(userId);
    return true;
  }

  handOver(): Handover | undefined {
    const session = this.connection?.session.session;
    this.clear();
    return session && { userId: session.userId, session };
  }

  /** Emzano has no cancel: the attempt is simply forgotten. */
  abort(): void {
    this.clear();
  }

  clear(): void {
    this.connection?.session.clear();
  }

  /** Session and clients for the current settings (see EmzanoConnection), loaded on first use. */
  private async api(): Promise<EmzanoConnection> {
    this.connection = await connect(this.connection, this.settings());
    return this.connection;
  }

  private async requireUserId(): Promise<string> {
    const userId = (await this.api()).session.userId;
    if (!userId) throw new EmzanoError('session-expired');
    return userId;
  }
}

export const createProvider = (settings: () => ProviderSettings): KycProvider => new EmzanoProvider(settings);
