/**
 * Continuing `<emzano-kyc>` on a phone: the contract between the element (the desktop that hands
 * off, the phone that takes over) and the token endpoint's handoff actions
 * (`createTokenHandler`). Shared by both sides so they cannot drift apart.
 *
 * The desktop asks for a handoff and gets a one-time code; the link it shows carries the code in
 * the URL fragment (`#emzano-handoff=…`, never sent to a server; see the element's handoff-link.ts). The phone redeems the code once
 * for a session of the same Emzano user, and a key of its own that lasts while the handoff does.
 */
import { isRecord } from './is-record.js';
import type { KycProgress, PlannedStep } from './kyc-flow.js';

/**
 * Where a handoff stands: `waiting` for the phone (its code shown), `connected` (redeemed, the
 * phone works), `finished` (the phone did the remaining steps), `cancelled` (the desktop
 * withdrew it before or after the phone came), `taken-back` (the desktop went on itself).
 * The last three end it: the code and the phone's key stop working.
 */
export type HandoffState = 'waiting' | 'connected' | 'finished' | 'cancelled' | 'taken-back';

/** What both sides are told about a handoff. Never the code or the phone's key. */
export interface HandoffStatus {
  id: string;
  state: HandoffState;
  /** What is done for this person: the desktop's at the start, then each step the phone reports. */
  progress: KycProgress;
  /** The step the phone shows now, once connected. */
  phoneStep?: string;
  /** While waiting: when the current code stops working, Unix seconds. */
  codeExpiresAt?: number;
  /** Grows with every change: the live stream's event id (zero-padded, so it sorts as text). */
  version: number;
}

/** Desktop → host: `create` a handoff, a new `code` for one still waiting, its `status`, `cancel`, `take-back`. */
export type DesktopHandoffRequest =
  { handoff: 'create'; userId: string; progress: KycProgress } | { handoff: 'code' | 'status' | 'cancel' | 'take-back'; id: string };

/**
 * Phone → host: `redeem` the code, renew the `session`, report `progress` (the step shown now, the
 * step just done). A `session` answers the handoff's live token while it has a while left; `refused`
 * says Emzano refused the one the phone holds, for a new one (at most one such every half minute).
 */
export type PhoneHandoffRequest =
  | { handoff: 'redeem'; code: string }
  | { handoff: 'session'; id: string; key: string; refused?: true }
  | { handoff: 'status'; id: string; key: string }
  | { handoff: 'progress'; id: string; key: string; step: string; completed?: string };

export type HandoffRequest = DesktopHandoffRequest | PhoneHandoffRequest;

/** Host → desktop on `create` and `code`: the code to put in the link, and the handoff's id to follow. */
export interface HandoffTicket {
  id: string;
  code: string;
  /** Unix seconds, by the server's clock. */
  codeExpiresAt: number;
  /** How long the code works from now: what a countdown uses (the person's clock may be off). */
  codeSeconds: number;
  status: HandoffStatus;
}

/** What the phone keeps to carry on after a reload: the handoff and its key (never the code). */
export interface PhoneHandoff {
  id: string;
  key: string;
}

/**
 * Why a handoff action was refused, beside code 1: `handoff-unknown` (no such code or handoff),
 * `handoff-expired` (the code's time ran out), `handoff-used` (the code was redeemed already),
 * `handoff-ended` (finished, cancelled or taken back: the phone's key no longer works),
 * `handoff-not-ready` (the phone reports `done` before the identity steps are).
 */
export type HandoffRefusal = 'handoff-unknown' | 'handoff-expired' | 'handoff-used' | 'handoff-ended' | 'handoff-not-ready';

/** The steps of Emzano the phone may report, and the progress flag each one sets. */
export const HANDOFF_STEP_FLAGS: Record<string, keyof KycProgress> = {
  inquiry: 'infoInquiry',
  video: 'faceRecognition',
  signature: 'signature',
};

const STATES: readonly HandoffState[] = ['waiting', 'connected', 'finished', 'cancelled', 'taken-back'];

/** Whether a handoff in `state` is over (nothing more happens in it). */
export function handoffEnded(state: HandoffState): boolean {
  return state === 'finished' || state === 'cancelled' || state === 'taken-back';
}

/** Reads a status from untrusted JSON; `undefined` when the shape is wrong. */
export function parseHandoffStatus(value: unknown): HandoffStatus | undefined {
  if (!isRecord(value)) return undefined;
  const { id, state, progress, phoneStep, codeExpiresAt, version } = value;
  if (typeof id !== 'string' || id === '' || !STATES.includes(state as HandoffState)) return undefined;
  if (typeof version !== 'number' || !Number.isInteger(version)) return undefined;
  const flags = isRecord(progress) ? progress : {};
  return {
    id,
    state: state as HandoffState,
    progress: {
      infoInquiry: flags['infoInquiry'] === true,
      faceRecognition: flags['faceRecognition'] === true,
      signature: flags['signature'] === true,
    },
    ...(typeof phoneStep === 'string' ? { phoneStep } : {}),
    ...(typeof codeExpiresAt === 'number' ? { codeExpiresAt } : {}),
    version,
  };
}

/** Reads a ticket from untrusted JSON. */
export function parseHandoffTicket(value: unknown): HandoffTicket | undefined {
  if (!isRecord(value)) return undefined;
  const status = parseHandoffStatus(value['status']);
  const { id, code, codeExpiresAt, codeSeconds } = value;
  if (!status || typeof id !== 'string' || typeof code !== 'string' || code === '') return undefined;
  if (typeof codeExpiresAt !== 'number' || typeof codeSeconds !== 'number') return undefined;
  return { id, code, codeExpiresAt, codeSeconds, status };
}

/**
 * What is done when the person stands on `step` of `plan`: each Emzano step not in the plan
 * (done before this attempt) or before `step` in it.
 */
export function progressAt(plan: readonly PlannedStep[], step: string): KycProgress {
  const at = plan.findIndex((planned) => planned.id === step);
  const done = (id: string) => {
    const index = plan.findIndex((planned) => planned.id === id);
    return index < 0 || (at >= 0 && index < at);
  };
  return { infoInquiry: done('inquiry'), faceRecognition: done('video'), signature: done('signature') };
}

/** The first step of `plan`, from `from` on, that `progress` does not have as done; `undefined` when none is left. */
export function firstUndone(plan: readonly PlannedStep[], from: string, progress: KycProgress): string | undefined {
  const start = Math.max(
    0,
    plan.findIndex((planned) => planned.id === from),
  );
  return plan.slice(start).find((planned) => {
    const flag = HANDOFF_STEP_FLAGS[planned.id];
    return !flag || !progress[flag];
  })?.id;
}
