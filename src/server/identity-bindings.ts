/**
 * Which of the host's users each Emzano user belongs to. Bound at the first enrolment and never
 * moved: an enrolment by another subject that lands on the same Emzano user is refused, so
 * knowing someone's mobile number and national code gets a stranger nothing.
 */
import { subjectKey } from './authorize.js';
import type { KitStore } from './store.js';

/** What the verifier needs to ask Emzano again where a person got to (enrolment is its only read). */
export interface BoundIdentity {
  phoneNumber: string;
  nationalCode: string;
}

interface Binding extends BoundIdentity {
  /** The subject's SHA-256, never the subject as the host wrote it. */
  subject: string;
  boundAt: number;
}

/** Bindings are kept until removed: they say who a person is, not how long a session lasts. */
const FOREVER = 0;

export class IdentityBindings {
  constructor(
    private readonly store: KitStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Binds `userId` to `subject` unless another subject holds it; true when it is (now) this subject's. */
  async bind(userId: string, subject: string, identity: BoundIdentity): Promise<boolean> {
    const mine = await subjectKey(subject);
    // Compare-and-set: of two enrolments racing to bind one Emzano user, the first write wins and
    // the other reads it; an enrolment of the same subject with a new mobile number updates it.
    const { value: binding } = await this.store.update<Binding>(
      `user:${userId}`,
      (existing) => {
        if (!existing) return { subject: mine, ...identity, boundAt: this.now() };
        if (existing.subject !== mine || existing.phoneNumber === identity.phoneNumber) return undefined;
        return { ...existing, ...identity };
      },
      FOREVER,
    );
    if (binding?.subject !== mine) return false;
    await this.store.set(`subject:${mine}`, { userId }, FOREVER);
    return true;
  }

  async belongsTo(userId: string, subject: string): Promise<boolean> {
    const binding = await this.store.get<Binding>(`user:${userId}`);
    return binding !== undefined && binding.subject === (await subjectKey(subject));
  }

  /** The Emzano user the subject enrolled last, and the identity it enrolled with. */
  async userOf(subject: string): Promise<(BoundIdentity & { userId: string }) | undefined> {
    const mine = await subjectKey(subject);
    const record = await this.store.get<{ userId: string }>(`subject:${mine}`);
    if (!record) return undefined;
    const binding = await this.store.get<Binding>(`user:${record.userId}`);
    if (!binding || binding.subject !== mine) return undefined;
    return { userId: record.userId, phoneNumber: binding.phoneNumber, nationalCode: binding.nationalCode };
  }
}
