/**
 * Handoffs in the kit's store, shared by every instance of the host. A handoff belongs to the
 * subject and the Emzano user that created it; its code and the phone's key are kept only as
 * SHA-256, so a copy of the store redeems nothing.
 *
 * Keys (under `emzano-elements:emzano-handoff:`):
 * - `handoff:{id}`: the record (state, progress, the current code's and the key's hashes);
 * - `code:{hash}`: which handoff a code belongs to and when it stops working, kept a day past
 *   that so a late phone hears "expired", not "unknown";
 * - `redeemed:{hash}`: the claim that makes a code single-use (atomic on Redis);
 * - the lock `handoff:{id}`: held (by its owner) for the moment of a change, so the desktop and
 *   the phone never overwrite each other (taking back while the phone reports a step);
 * - `user:{userId}`: the user's live handoff, ended when a new one is made (one phone at a time);
 * - the list `handoffs:{userId}`: every handoff the user made, for forgetting them;
 * - `session:{id}`: the phone's live Emzano token (and when it was minted), handed out again
 *   while it lasts; the lock `session:{id}` makes two calls at once mint one.
 */
import { handoffEnded, HANDOFF_STEP_FLAGS, type HandoffState, type HandoffStatus } from '../../core/handoff-contract.js';
import type { KycProgress } from '../../core/kyc-flow.js';
import type { TokenGrant } from '../../core/token-contract.js';
import { sha256Hex } from '../../core/sha256.js';
import { randomToken } from '../random-token.js';
import { sameText } from '../same-text.js';
import type { KitStore } from '../store.js';

export interface HandoffLimits {
  /** How long a code works once shown. */
  codeSeconds: number;
  /** How long the phone's session may last from when the handoff was made. */
  sessionSeconds: number;
}

export interface HandoffRecord {
  id: string;
  userId: string;
  /** The creating subject's SHA-256. */
  subject: string;
  state: HandoffState;
  progress: KycProgress;
  phoneStep?: string;
  codeHash?: string;
  codeExpiresAt?: number;
  keyHash?: string;
  version: number;
  createdAt: number;
}

interface CodeRecord {
  id: string;
  expiresAt: number;
}

/** The phone's live token, kept so that asking again mints nothing. */
interface KeptSession {
  grant: TokenGrant;
  mintedAt: number;
}

/** A kept token is handed out again while it has more than this left (the browser renews 30 s before the end). */
const SESSION_REUSE_MARGIN_MS = 60_000;
/** A phone whose token Emzano refused gets a new one, but not more often than this. */
const FORCED_RENEWAL_EVERY_MS = 30_000;

/** How long ended handoffs are kept, so a desktop reopened later still sees how it ended. */
const KEPT_AFTER_SECONDS = 86_400;

export type Redemption =
  | { outcome: 'redeemed'; userId: string; key: string; status: HandoffStatus; release: () => Promise<void> }
  | { outcome: 'unknown' | 'expired' | 'used' | 'ended' };

export type PhoneAccess = { outcome: 'ok' | 'ended'; record: Readonly<HandoffRecord> } | { outcome: 'unknown' };

export class HandoffStore {
  /** This instance's changes, so its live streams do not wait for the next poll. */
  onChange: (id: string) => void = () => undefined;

  constructor(
    private readonly store: KitStore,
    private readonly limits: HandoffLimits,
    private readonly now: () => number,
  ) {}

  private keptSeconds(): number {
    return this.limits.sessionSeconds + KEPT_AFTER_SECONDS;
  }

  /** A new handoff for `userId`, waiting with a fresh code; the user's previous live one is cancelled. */
  async create(userId: string, subject: string, progress: KycProgress): Promise<{ status: HandoffStatus; code: string }> {
    const previous = await this.store.get<{ id: string }>(`user:${userId}`);
    if (previous) await this.change(previous.id, (record) => (handoffEnded(record.state) ? undefined : { state: 'cancelled' }));
    const record: HandoffRecord = {
      id: randomToken(16),
      userId,
      subject,
      state: 'waiting',
      progress,
      version: 1,
      createdAt: this.now(),
    };
    const code = await this.issueCode(record);
    await this.store.set(`handoff:${record.id}`, record, this.keptSeconds());
    await this.store.set(`user:${userId}`, { id: record.id }, this.keptSeconds());
    await this.store.append(`handoffs:${userId}`, record.id, this.keptSeconds());
    return { status: statusOf(record), code };
  }

  /**
   * The phone's token for handoff `id`: the one kept while it has more than a minute left (at most
   * one upstream token per lifetime window, however often the phone asks), else a new one from
   * `mint`. `refused` (Emzano refused the kept one) mints anew, but not within 30 s of the last.
   */
  async session(id: string, mint: () => Promise<TokenGrant>, refused = false): Promise<TokenGrant> {
    // One mint at a time per handoff: two calls at once get one token.
    const lock = await this.store.lock(`session:${id}`, 30, 30_000);
    if (!lock) throw new Error('The handoff is busy.');
    try {
      const kept = await this.store.get<KeptSession>(`session:${id}`);
      const live = kept && kept.grant.expiresAt * 1000 - this.now() > SESSION_REUSE_MARGIN_MS;
      const renewable = !kept || this.now() - kept.mintedAt >= FORCED_RENEWAL_EVERY_MS;
      if (kept && live && (!refused || !renewable)) return kept.grant;
      const grant = await mint();
      await this.keepSession(id, grant);
      return grant;
    } finally {
      await lock.release();
    }
  }

  /** Keeps `grant` as the handoff's live token, until it expires. */
  async keepSession(id: string, grant: TokenGrant): Promise<void> {
    const left = Math.floor(grant.expiresAt - this.now() / 1000);
    if (left > 0) await this.store.set<KeptSession>(`session:${id}`, { grant, mintedAt: this.now() }, left);
  }

  /**
   * Forgets the user's handoff (its subject is being forgotten): the record goes, so its code
   * redeems nothing and its phone's key renews nothing.
   */
  async forgetUser(userId: string): Promise<void> {
    const made = await this.store.list<string>(`handoffs:${userId}`);
    await Promise.all(made.flatMap((id) => [this.store.remove(`handoff:${id}`), this.store.remove(`session:${id}`)]));
    await Promise.all([this.store.remove(`user:${userId}`), this.store.dropList(`handoffs:${userId}`)]);
  }

  /** The record, for the subject's checks; `undefined` when unknown or gone. */
  get(id: string): Promise<HandoffRecord | undefined> {
    return this.store.get<HandoffRecord>(`handoff:${id}`);
  }

  /** A new code for a handoff still waiting (the old one stops working at once). */
  async renewCode(id: string): Promise<{ status: HandoffStatus; code?: string }> {
    let code: string | undefined;
    const status = await this.change(id, async (record) => {
      if (record.state !== 'waiting') return undefined;
      await this.retireCode(record);
      const next = { ...record };
      code = await this.issueCode(next);
      return { codeHash: next.codeHash, codeExpiresAt: next.codeExpiresAt };
    });
    return { status, ...(code ? { code } : {}) };
  }

  /** The desktop ends the handoff (`cancelled`, `taken-back`); one that already ended stays as it ended. */
  end(id: string, state: 'cancelled' | 'taken-back'): Promise<HandoffStatus> {
    return this.change(id, async (record) => {
      if (handoffEnded(record.state)) return undefined;
      await this.retireCode(record);
      return { state, keyHash: undefined, codeHash: undefined, codeExpiresAt: undefined };
    });
  }

  /**
   * The phone's one use of the code: checked, then claimed (of two phones, one wins), and only
   * then connected once the caller could mint the session (`release` gives the claim back if not).
   */
  async redeem(code: string, mint: (record: Readonly<HandoffRecord>) => Promise<void>): Promise<Redemption> {
    const hash = await codeKey(code);
    const entry = await this.store.get<CodeRecord>(`code:${hash}`);
    if (!entry) return { outcome: 'unknown' };
    const record = await this.get(entry.id);
    if (!record) return { outcome: 'unknown' };
    if (handoffEnded(record.state)) return { outcome: 'ended' };
    if (record.state === 'connected') return { outcome: 'used' };
    if (entry.expiresAt <= this.now() || record.codeHash !== hash) return { outcome: 'expired' };
    if (!(await this.store.claim(`redeemed:${hash}`, this.limits.codeSeconds + 60))) return { outcome: 'used' };
    try {
      await mint(record);
    } catch (error) {
      await this.store.unclaim(`redeemed:${hash}`);
      throw error;
    }
    const key = randomToken(32);
    const keyHash = await keyKey(key);
    let outcome: 'redeemed' | 'ended' = 'ended';
    const status = await this.change(record.id, async (current) => {
      // The desktop cancelled (or made a new code) while the session was minted.
      if (current.state !== 'waiting' || current.codeHash !== hash) return undefined;
      outcome = 'redeemed';
      return { state: 'connected', keyHash, codeHash: undefined, codeExpiresAt: undefined };
    });
    if (outcome === 'ended') return { outcome: 'ended' };
    return { outcome: 'redeemed', userId: record.userId, key, status, release: () => this.store.unclaim(`redeemed:${hash}`) };
  }

  /** The phone's later calls: its key, for a handoff still connected and within its lifetime (else how it ended). */
  async phone(id: string, key: string): Promise<PhoneAccess> {
    const record = await this.heldBy(id, key);
    if (!record) return { outcome: 'unknown' };
    const expired = record.createdAt + this.limits.sessionSeconds * 1000 <= this.now();
    return record.state === 'connected' && !expired ? { outcome: 'ok', record } : { outcome: 'ended', record };
  }

  /** The record, when `key` is (or was, before the handoff ended) the phone's key of it. */
  private async heldBy(id: string, key: string): Promise<HandoffRecord | undefined> {
    const record = await this.get(id);
    if (!record) return undefined;
    const hash = await keyKey(key);
    if (record.keyHash) return sameText(hash, record.keyHash) ? record : undefined;
    return (await this.store.get<string>(`ended-key:${hash}`)) === id ? record : undefined;
  }

  /**
   * The phone shows `step`, having finished `completed` (a step of Emzano's). `done` finishes the
   * handoff; only once the identity steps (inquiry and video) are recorded as done.
   */
  async progress(id: string, step: string, completed: string | undefined): Promise<HandoffStatus | 'not-ready'> {
    let notReady = false;
    const status = await this.change(id, async (record) => {
      if (record.state !== 'connected') return undefined;
      const progress = { ...record.progress };
      const flag = completed === undefined ? undefined : HANDOFF_STEP_FLAGS[completed];
      if (flag) progress[flag] = true;
      if (step !== 'done') return { progress, phoneStep: step };
      if (!progress.infoInquiry || !progress.faceRecognition) {
        notReady = true;
        return flag && !record.progress[flag] ? { progress } : undefined;
      }
      return { progress, phoneStep: step, state: 'finished', keyHash: undefined };
    });
    return notReady ? 'not-ready' : status;
  }

  /** The live stream's source: the record's version as the event id, and its status as the one event. */
  readonly events = {
    latest: async (id: string): Promise<string | undefined> => {
      const record = await this.get(id);
      return record && eventIdOf(record.version);
    },
    events: async (id: string, after: string | undefined): Promise<Array<HandoffStatus & { eventId: string }>> => {
      const record = await this.get(id);
      if (!record || (after !== undefined && eventIdOf(record.version) <= after)) return [];
      return [{ ...statusOf(record), eventId: eventIdOf(record.version) }];
    },
  };

  /**
   * One change of a record, under its lock: `apply` answers the fields to change (or `undefined` to
   * leave it). Answers the status after. A phone's key that stops working is remembered (by hash)
   * so that phone can still be told how the handoff ended.
   */
  private async change(
    id: string,
    apply: (record: HandoffRecord) => Partial<HandoffRecord> | undefined | Promise<Partial<HandoffRecord> | undefined>,
  ): Promise<HandoffStatus> {
    // A change takes milliseconds; a lock held past 5 s was abandoned (its instance died), and
    // only its owner can give it back, so a slow holder never frees the next one's.
    const lock = await this.store.lock(`handoff:${id}`, 5, 5_000);
    if (!lock) throw new Error('The handoff is busy.');
    try {
      const record = await this.get(id);
      if (!record) throw new Error('The handoff is gone.');
      const changes = await apply(record);
      if (!changes) return statusOf(record);
      if ('keyHash' in changes && changes.keyHash === undefined && record.keyHash) {
        await this.store.set(`ended-key:${record.keyHash}`, id, this.keptSeconds());
      }
      // Fields changed to `undefined` (a retired code, a key that stops working) are left out of what is stored.
      const next = Object.fromEntries(
        Object.entries({ ...record, ...changes, version: record.version + 1 }).filter(([, value]) => value !== undefined),
      ) as unknown as HandoffRecord;
      const left = Math.max(1, Math.ceil((record.createdAt + this.keptSeconds() * 1000 - this.now()) / 1000));
      // Written only over the version read: a holder whose lock lapsed cannot undo a later change.
      const { changed } = await this.store.update<HandoffRecord>(
        `handoff:${id}`,
        (current) => (current?.version === record.version ? next : undefined),
        left,
      );
      if (!changed) throw new Error('The handoff changed while it was being changed.');
      this.onChange(id);
      return statusOf(next);
    } finally {
      await lock.release();
    }
  }

  private async issueCode(record: HandoffRecord): Promise<string> {
    const code = randomToken(24);
    const hash = await codeKey(code);
    const expiresAt = this.now() + this.limits.codeSeconds * 1000;
    await this.store.set<CodeRecord>(`code:${hash}`, { id: record.id, expiresAt }, this.limits.codeSeconds + KEPT_AFTER_SECONDS);
    record.codeHash = hash;
    record.codeExpiresAt = expiresAt;
    return code;
  }

  /** The code shown until now stops working (a phone that scans it later hears "expired"). */
  private async retireCode(record: HandoffRecord): Promise<void> {
    if (!record.codeHash) return;
    await this.store.set<CodeRecord>(`code:${record.codeHash}`, { id: record.id, expiresAt: this.now() }, KEPT_AFTER_SECONDS);
  }
}

/** What both sides may see of a record. */
export function statusOf(record: HandoffRecord): HandoffStatus {
  return {
    id: record.id,
    state: record.state,
    progress: record.progress,
    ...(record.phoneStep ? { phoneStep: record.phoneStep } : {}),
    ...(record.state === 'waiting' && record.codeExpiresAt ? { codeExpiresAt: Math.floor(record.codeExpiresAt / 1000) } : {}),
    version: record.version,
  };
}

function eventIdOf(version: number): string {
  return String(version).padStart(10, '0');
}

function codeKey(code: string): Promise<string> {
  return sha256Hex(`handoff-code:${code}`);
}

function keyKey(key: string): Promise<string> {
  return sha256Hex(`handoff-key:${key}`);
}
