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
/** Long enough for the winner of two racing enrolments to write its binding. */
const BIND_RACE_SECONDS = 30;

export class IdentityBindings {
  constructor(
    private readonly store: KitStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Binds `userId` to `subject` unless another subject holds it; true when it is (now) this subject's. */
  async bind(userId: string, subject: string, identity: BoundIdentity): Promise<boolean> {
    const mine = await subjectKey(subject);
    const existing = await this.store.get<Binding>(`user:${userId}`);
    if (!existing) {
      if (!(await this.store.claim(`bind:${userId}`, BIND_RACE_SECONDS))) {
        // Another enrolment of the same person is binding it right now: theirs wins unless it is ours.
        return (await this.store.get<Binding>(`user:${userId}`))?.subject === mine;
      }
      await this.store.set<Binding>(`user:${userId}`, { subject: mine, ...identity, boundAt: this.now() }, FOREVER);
    } else if (existing.subject !== mine) {
      return false;
    } else if (existing.phoneNumber !== identity.phoneNumber) {
      await this.store.set<Binding>(`user:${userId}`, { ...existing, ...identity }, FOREVER);
    }
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
