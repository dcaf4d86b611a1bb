/**
 * Refresh tokens that rotate, as OAuth 2.0's current security practice (RFC 9700, 4.14) asks:
 * each is an opaque random value, recorded (by its SHA-256) in the store, usable once, and
 * answered with the next one of its family. A spent token coming back means two parties hold
 * it: the whole family is revoked. However often it is refreshed, a family ends a fixed time
 * after the enrolment (or mint) that began it.
 */
import type { KycProgress } from '../core/kyc-flow.js';
import { sha256Hex } from '../core/sha256.js';
import { subjectKey } from './authorize.js';
import { randomToken } from './random-token.js';
import type { KitStore } from './store.js';

interface Family {
  userId: string;
  /** The subject's SHA-256. */
  subject: string;
  /** The absolute end of the chain, Unix ms. */
  endsAt: number;
  revoked: boolean;
  progress: KycProgress;
}

interface TokenRecord {
  family: string;
}

export type Rotation = { outcome: 'rotated'; refreshToken: string; progress: KycProgress } | { outcome: 'invalid' } | { outcome: 'reused' };

export class RefreshTokens {
  constructor(
    private readonly store: KitStore,
    private readonly now: () => number,
    private readonly limits: { ttlSeconds: number; maxAgeSeconds: number },
  ) {}

  /** A new family for `userId` and its first token. */
  async issue(userId: string, subject: string, progress: KycProgress): Promise<string> {
    const id = randomToken(16);
    const family: Family = {
      userId,
      subject: await subjectKey(subject),
      endsAt: this.now() + this.limits.maxAgeSeconds * 1000,
      revoked: false,
      progress,
    };
    await this.store.set(`family:${id}`, family, this.limits.maxAgeSeconds);
    // The subject's families, by name, so forgetting the subject ends them all.
    await this.store.append(`families:${family.subject}`, id, this.limits.maxAgeSeconds);
    return this.next(id, family);
  }

  /** Ends every family of the subject (by its SHA-256): their tokens renew nothing after this. */
  async forget(subjectHash: string): Promise<void> {
    const families = await this.store.list<string>(`families:${subjectHash}`);
    await Promise.all(families.map((id) => this.store.remove(`family:${id}`)));
    await this.store.dropList(`families:${subjectHash}`);
  }

  /** Spends `token` and answers the next one of its family, or says why not. */
  async rotate(token: string, userId: string, subject: string): Promise<Rotation> {
    const hash = await tokenKey(token);
    const record = await this.store.get<TokenRecord>(`token:${hash}`);
    if (!record) return { outcome: 'invalid' };
    const family = await this.store.get<Family>(`family:${record.family}`);
    // Claimed before anything else is decided: of two uses of one token, exactly one gets here first.
    if (!(await this.store.claim(`spent:${hash}`, this.limits.ttlSeconds))) {
      if (family) await this.revoke(record.family, family);
      return { outcome: 'reused' };
    }
    if (!family || family.revoked || family.endsAt <= this.now()) return { outcome: 'invalid' };
    if (family.userId !== userId || family.subject !== (await subjectKey(subject))) {
      // Someone else's token: whoever holds it should not, so the family ends here too.
      await this.revoke(record.family, family);
      return { outcome: 'invalid' };
    }
    return { outcome: 'rotated', refreshToken: await this.next(record.family, family), progress: family.progress };
  }

  private async next(id: string, family: Family): Promise<string> {
    const token = randomToken(32);
    const left = Math.floor((family.endsAt - this.now()) / 1000);
    await this.store.set<TokenRecord>(
      `token:${await tokenKey(token)}`,
      { family: id },
      Math.max(1, Math.min(this.limits.ttlSeconds, left)),
    );
    return token;
  }

  private async revoke(id: string, family: Family): Promise<void> {
    const left = Math.max(1, Math.ceil((family.endsAt - this.now()) / 1000));
    await this.store.update<Family>(
      `family:${id}`,
      (current) => (current && !current.revoked ? { ...current, revoked: true } : undefined),
      left,
    );
  }
}

function tokenKey(token: string): Promise<string> {
  return sha256Hex(`refresh-token:${token}`);
}
