/**
 * What `<emzano-kyc>` asks of Emzano, step by step, in the wizard's own terms: enrol, the registry
 * inquiry, the sentence, the video, the signature, and the session handed over at the end. The
 * element decides when; this says how (through the token endpoint and the KYC client, loaded on
 * first use). It is where a second identity provider will meet the wizard.
 */
import type { ConnectionSettings, EmzanoConnection } from '../../api/connection.js';
import { connect } from '../../api/lazy-connection.js';
import type { UploadOptions } from '../../api/kyc-client.js';
import { EmzanoError } from '../../core/errors.js';
import type { KycProgress } from '../../core/kyc-flow.js';
import type { EmzanoSession } from '../../core/token-contract.js';
import type { KycPerson } from '../../events/kyc-events.js';

export class EmzanoKycService {
  private connection: EmzanoConnection | undefined;

  constructor(private readonly settings: () => ConnectionSettings) {}

  /** The Emzano user of this attempt, once enrolled (or resumed). */
  get userId(): string | undefined {
    return this.connection?.session.userId;
  }

  /** One enrolment per attempt: a second call (a double submit, a retry after success) reuses the grant. */
  async enrol(phoneNumber: string, nationalCode: string, signal: AbortSignal): Promise<KycProgress> {
    const { session } = await this.api();
    return (session.grant ?? (await session.enrol({ phoneNumber, nationalCode }, signal))).progress;
  }

  async inquire(birthDate: string, serialNumber: string, signal: AbortSignal): Promise<KycPerson> {
    const { kyc } = await this.api();
    return kyc.inquire(await this.requireUserId(), { birthDate, serialNumber }, signal);
  }

  /** The sentence to read aloud on video. */
  async sentence(): Promise<string> {
    return (await this.api()).kyc.randomText();
  }

  async submitVideo(upload: { randomText: string; video: Blob; fileName: string }, options: UploadOptions): Promise<void> {
    const { kyc } = await this.api();
    await kyc.submitVideo(await this.requireUserId(), upload, options);
  }

  async uploadSignature(image: Blob, options: UploadOptions): Promise<void> {
    const { kyc } = await this.api();
    await kyc.uploadSignature(await this.requireUserId(), image, options);
  }

  /**
   * After a reload: carries on as `userId` (the token endpoint mints a token for it when first
   * needed), if `still` holds once the API code is here. False when that code cannot load
   * (offline: start fresh rather than fail), a session is already running, or `still` says no.
   */
  async resume(userId: string, still: () => boolean): Promise<boolean> {
    const session = await this.api().then(
      (api) => api.session,
      () => undefined,
    );
    if (!session || session.userId || !still()) return false;
    session.resume(userId);
    return true;
  }

  /** The session, handed over once every step is done; this attempt forgets it. */
  handOver(): EmzanoSession | undefined {
    const session = this.connection?.session.session;
    this.clear();
    return session;
  }

  /** Forgets the session (start over). */
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
