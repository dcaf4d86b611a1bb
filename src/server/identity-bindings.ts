/**
 * Which of the host's users each Emzano user belongs to. Bound at the first enrolment and never
 * moved: an enrolment by another subject that lands on the same Emzano user is refused, so
 * knowing someone's mobile number and national code gets a stranger nothing.
 *
 * Keys (under `emzano-elements:emzano:`):
 * - `user:{userId}`: who owns it (the subject's SHA-256) and since when; no personal data, kept
 *   until the subject is forgotten, so ownership never lapses to a stranger;
 * - `identity:{userId}`: the mobile number and national code it was enrolled with, which the
 *   verifier needs to ask Emzano again; kept `retentionSeconds` after the last enrolment;
 * - `subject:{hash}`: the Emzano user the subject enrolled last.
 */
import { subjectKey } from './authorize.js';
import type { KitStore } from './store.js';

/** What the verifier needs to ask Emzano again where a person got to (enrolment is its only read). */
export interface BoundIdentity {
  phoneNumber: string;
  nationalCode: string;
}

interface Ownership {
  /** The subject's SHA-256, never the subject as the host wrote it. */
  subject: string;
  boundAt: number;
}

/** How long the enrolled mobile number and national code are kept after the last enrolment, by default: 180 days. */
export const DEFAULT_IDENTITY_RETENTION_SECONDS = 180 * 86_400;
/** Ownership says who may use an Emzano user, not who the person is: kept until forgotten. */
const UNTIL_FORGOTTEN = 0;

export class IdentityBindings {
  constructor(
    private readonly store: KitStore,
    private readonly now: () => number = Date.now,
    private readonly retentionSeconds = DEFAULT_IDENTITY_RETENTION_SECONDS,
  ) {}

  /** Binds `userId` to `subject` unless another subject holds it; true when it is (now) this subject's. */
  async bind(userId: string, subject: string, identity: BoundIdentity): Promise<boolean> {
    const mine = await subjectKey(subject);
    // Compare-and-set: of two enrolments racing to bind one Emzano user, the first write wins and
    // the other reads it.
    const { value: owner } = await this.store.update<Ownership>(
      `user:${userId}`,
      (existing) => (existing ? undefined : { subject: mine, boundAt: this.now() }),
      UNTIL_FORGOTTEN,
    );
    if (owner?.subject !== mine) return false;
    await this.store.set<BoundIdentity>(
      `identity:${userId}`,
      { phoneNumber: identity.phoneNumber, nationalCode: identity.nationalCode },
      this.retentionSeconds,
    );
    await this.store.set(`subject:${mine}`, { userId }, UNTIL_FORGOTTEN);
    return true;
  }

  async belongsTo(userId: string, subject: string): Promise<boolean> {
    const owner = await this.store.get<Ownership>(`user:${userId}`);
    return owner !== undefined && owner.subject === (await subjectKey(subject));
  }

  /**
   * The Emzano user the subject enrolled last, and the identity it enrolled with while that is
   * kept (after the retention, only the user: the person enrols again to be asked about).
   */
  async userOf(subject: string): Promise<{ userId: string; identity?: BoundIdentity } | undefined> {
    const mine = await subjectKey(subject);
    const record = await this.store.get<{ userId: string }>(`subject:${mine}`);
    if (!record) return undefined;
    const owner = await this.store.get<Ownership>(`user:${record.userId}`);
    if (!owner || owner.subject !== mine) return undefined;
    const identity = await this.store.get<BoundIdentity>(`identity:${record.userId}`);
    return { userId: record.userId, ...(identity ? { identity } : {}) };
  }

  /** Removes everything bound to the subject (by its SHA-256); answers the Emzano user it had, if any. */
  async forget(subjectHash: string): Promise<string | undefined> {
    const record = await this.store.get<{ userId: string }>(`subject:${subjectHash}`);
    await this.store.remove(`subject:${subjectHash}`);
    if (!record) return undefined;
    const owner = await this.store.get<Ownership>(`user:${record.userId}`);
    if (owner?.subject !== subjectHash) return undefined;
    await Promise.all([this.store.remove(`user:${record.userId}`), this.store.remove(`identity:${record.userId}`)]);
    return record.userId;
  }
}
