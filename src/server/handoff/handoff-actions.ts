/**
 * The handoff endpoint's actions (`{ handoff: … }` bodies, and `GET ?handoff={id}` for the
 * desktop's live stream), after the host's `authorize` answered. The desktop's actions need the
 * host's signed-in subject, the one that created the handoff. The phone is usually not signed in:
 * the host lets it in explicitly (`{ anonymous: true }` for `handoff-phone` actions), and then its
 * code (later the key the code was exchanged for) authorises it, for that handoff's Emzano user
 * only. A phone the host answers a subject for must be the creator's; `false` refuses, as everywhere.
 */
import { isRecord } from '../../core/is-record.js';
import type {
  HandoffRefusal,
  HandoffRequest,
  HandoffStatus,
  HandoffTicket,
  PhoneHandoff,
  PhoneHandoffRequest,
} from '../../core/handoff-contract.js';
import { HANDOFF_STEP_FLAGS } from '../../core/handoff-contract.js';
import type { KycProgress } from '../../core/kyc-flow.js';
import type { TokenGrant } from '../../core/token-contract.js';
import { notAllowed, subjectKey } from '../authorize.js';
import { eventStream, LocalArrivals, type EventStreamOptions } from '../event-stream.js';
import type { IdentityBindings } from '../identity-bindings.js';
import { failure, json } from '../responses.js';
import { statusOf, type HandoffRecord, type HandoffStore } from './handoff-store.js';

/** What `authorize` is asked about a handoff: the desktop's actions (`handoff`) and the phone's (`handoff-phone`). */
export type HandoffAction =
  | { action: 'handoff'; handoff: 'create'; userId: string }
  | { action: 'handoff'; handoff: 'code' | 'status' | 'cancel' | 'take-back'; id: string }
  | { action: 'handoff-phone'; handoff: 'redeem' | 'session' | 'status' | 'progress'; id?: string };

export interface HandoffActionsOptions {
  store: HandoffStore;
  identities: IdentityBindings;
  /** A session for `userId` with `progress`: the token handler's own grant, without a refresh token. */
  grant: (userId: string, progress: KycProgress) => Promise<TokenGrant>;
  stream: EventStreamOptions;
  /** How long a new code works. */
  codeSeconds: number;
  report: (type: 'handoff-created' | 'handoff-redeemed' | 'handoff-ended' | 'handoff-refused', status: number, userId?: string) => void;
}

export const HANDOFF_ID = /^[A-Za-z0-9_-]{8,64}$/;
const STEP = /^[a-z][a-z-]{0,31}$/;

const REFUSALS: Record<HandoffRefusal, { status: number; message: string }> = {
  'handoff-unknown': { status: 404, message: 'This handoff link is not valid.' },
  'handoff-expired': { status: 410, message: 'This handoff code has expired.' },
  'handoff-used': { status: 410, message: 'This handoff code was used already.' },
  'handoff-ended': { status: 410, message: 'This handoff has ended.' },
  'handoff-not-ready': { status: 409, message: 'The identity steps are not done yet.' },
};

/** What the host's `authorize` is asked for a handoff request. */
export function handoffActionOf(body: HandoffRequest): HandoffAction {
  if (body.handoff === 'create') return { action: 'handoff', handoff: 'create', userId: body.userId };
  if (isPhoneRequest(body)) return { action: 'handoff-phone', handoff: body.handoff, ...('id' in body ? { id: body.id } : {}) };
  return { action: 'handoff', handoff: body.handoff, id: body.id };
}

/** The phone's requests: the code, then the key it was exchanged for, authorise them. */
export function isPhoneRequest(body: HandoffRequest): body is PhoneHandoffRequest {
  return (
    body.handoff === 'redeem' || body.handoff === 'session' || body.handoff === 'progress' || (body.handoff === 'status' && 'key' in body)
  );
}

export function handoffActions(options: HandoffActionsOptions) {
  const { store, identities, report } = options;
  const arrivals = new LocalArrivals();
  store.onChange = (id) => arrivals.arrived(id);

  /** A new code's answer: its end by the server's clock, and how long it works, for the countdown. */
  function ticket(status: HandoffStatus, code: string): HandoffTicket {
    return { id: status.id, code, codeExpiresAt: status.codeExpiresAt ?? 0, codeSeconds: options.codeSeconds, status };
  }

  function refuse(reason: HandoffRefusal, userId?: string): Response {
    const { status, message } = REFUSALS[reason];
    report('handoff-refused', status, userId);
    return failure(status, { code: 1, reason, message });
  }

  /** The handoff `id`, if `subject` (whom the host vouched for) is the one that created it; otherwise the refusal. */
  async function desktop(subject: string, id: string): Promise<{ refusal: Response } | { record: HandoffRecord }> {
    const record = await store.get(id);
    if (!record) return { refusal: refuse('handoff-unknown') };
    if (record.subject !== (await subjectKey(subject))) return { refusal: notAllowed() };
    return { record };
  }

  /** A phone not signed in (the host answered `{ anonymous: true }`) is the code's to decide; a signed-in one must be the creator. */
  async function sameSubject(subject: string, recordSubject: string): Promise<boolean> {
    return subject === '' || (await subjectKey(subject)) === recordSubject;
  }

  /**
   * One handoff request, after the host's `authorize` answered for it: `subject` is whom the host
   * vouched for, empty only for a phone's request the host let in anonymously.
   */
  async function handle(body: HandoffRequest, subject: string): Promise<Response> {
    if (isPhoneRequest(body)) return phone(body, subject);
    // The desktop's actions are never anonymous (the pipeline refuses that answer for them).
    if (subject === '') return notAllowed();
    if (body.handoff === 'create') {
      if (!(await identities.belongsTo(body.userId, subject))) return notAllowed();
      const { status, code } = await store.create(body.userId, await subjectKey(subject), body.progress);
      report('handoff-created', 200, body.userId);
      return json(ticket(status, code));
    }
    const asked = await desktop(subject, body.id);
    if ('refusal' in asked) return asked.refusal;
    if (body.handoff === 'status') return json(statusOf(asked.record));
    if (body.handoff === 'code') {
      const { status, code } = await store.renewCode(body.id);
      if (!code) return json({ status });
      return json(ticket(status, code));
    }
    const status = await store.end(body.id, body.handoff === 'cancel' ? 'cancelled' : 'taken-back');
    report('handoff-ended', 200, asked.record.userId);
    return json(status);
  }

  async function phone(body: PhoneHandoffRequest, subject: string): Promise<Response> {
    if (body.handoff === 'redeem') {
      let grant: TokenGrant | undefined;
      const redemption = await store
        .redeem(body.code, async (record) => {
          // Signed in on the phone as someone else: refused, and the code stays for the right phone.
          if (!(await sameSubject(subject, record.subject))) throw new SubjectMismatch();
          grant = await options.grant(record.userId, record.progress);
          // The phone's first token is the handoff's live one: its next session call re-uses it.
          await store.keepSession(record.id, grant);
        })
        .catch((error: unknown) => {
          if (error instanceof SubjectMismatch) return undefined;
          throw error;
        });
      if (!redemption) return notAllowed();
      if (redemption.outcome !== 'redeemed') return refuse(`handoff-${redemption.outcome}`);
      report('handoff-redeemed', 200, redemption.userId);
      const handoff: PhoneHandoff = { id: redemption.status.id, key: redemption.key };
      return json({ ...grant!, progress: redemption.status.progress, handoff: { ...handoff, status: redemption.status } });
    }
    const access = await store.phone(body.id, body.key);
    if (access.outcome === 'unknown') return refuse('handoff-unknown');
    if (!(await sameSubject(subject, access.record.subject))) return notAllowed();
    // How it ended is the phone's to know (it shows "continue on your computer" or "finished").
    if (body.handoff === 'status') return json(statusOf(access.record));
    if (access.outcome === 'ended') return refuse('handoff-ended', access.record.userId);
    if (body.handoff === 'session') {
      const { record } = access;
      // The live token again while it has a while left: a phone that asks over and over mints nothing.
      const kept = await store.session(record.id, () => options.grant(record.userId, record.progress), body.refused === true);
      return json({ ...kept, progress: record.progress });
    }
    const status = await store.progress(body.id, body.step, body.completed);
    return status === 'not-ready' ? refuse('handoff-not-ready', access.record.userId) : json(status);
  }

  /** `GET ?handoff={id}`: the desktop (`subject`, its creator) follows the handoff as Server-Sent Events. */
  async function follow(request: Request, id: string, subject: string): Promise<Response> {
    const asked = await desktop(subject, id);
    if ('refusal' in asked) return asked.refusal;
    const lastEventId = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId') ?? undefined;
    return eventStream(store.events, arrivals, id, lastEventId || undefined, { ...options.stream, name: 'handoff' });
  }

  return { handle, follow };
}

class SubjectMismatch extends Error {}

/** Reads a handoff body; an error names the field that is wrong. */
export function parseHandoffRequest(body: Record<string, unknown>): { value: HandoffRequest } | { error: string; field: string } {
  const { handoff } = body;
  const text = (name: string, pattern: RegExp): string | undefined => {
    const value = body[name];
    return typeof value === 'string' && pattern.test(value) ? value : undefined;
  };
  switch (handoff) {
    case 'create': {
      const userId = body['userId'];
      if (typeof userId !== 'string' || userId === '') return { error: '`userId` is required.', field: 'userId' };
      const flags = isRecord(body['progress']) ? body['progress'] : {};
      const progress = {
        infoInquiry: flags['infoInquiry'] === true,
        faceRecognition: flags['faceRecognition'] === true,
        signature: flags['signature'] === true,
      };
      return { value: { handoff, userId, progress } };
    }
    case 'redeem': {
      const code = text('code', /^[A-Za-z0-9_-]{16,128}$/);
      return code ? { value: { handoff, code } } : { error: '`code` is required.', field: 'code' };
    }
    case 'code':
    case 'status':
    case 'cancel':
    case 'take-back':
    case 'session':
    case 'progress': {
      const id = text('id', HANDOFF_ID);
      if (!id) return { error: '`id` is required.', field: 'id' };
      const key = text('key', /^[A-Za-z0-9_-]{16,128}$/);
      if (handoff === 'session' || handoff === 'progress') {
        if (!key) return { error: '`key` is required.', field: 'key' };
        if (handoff === 'session') {
          const { refused } = body;
          if (refused !== undefined && refused !== true) return { error: '`refused` must be true when given.', field: 'refused' };
          return { value: { handoff, id, key, ...(refused ? { refused } : {}) } };
        }
        const step = text('step', STEP);
        if (!step) return { error: '`step` is required.', field: 'step' };
        const completed = body['completed'];
        if (completed !== undefined && (typeof completed !== 'string' || !(completed in HANDOFF_STEP_FLAGS))) {
          return { error: '`completed` must be a step of the verification.', field: 'completed' };
        }
        return { value: { handoff, id, key, step, ...(completed ? { completed } : {}) } };
      }
      if (handoff === 'status' && key) return { value: { handoff, id, key } };
      if ('key' in body) return { error: '`key` is not valid.', field: 'key' };
      return { value: { handoff, id } };
    }
    default:
      return { error: '`handoff` must be one of create, code, status, cancel, take-back, redeem, session, progress.', field: 'handoff' };
  }
}
