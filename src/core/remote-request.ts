/**
 * The checks on a remote identity-verification request (video-identity-verification-api.md §3),
 * made twice with the same code: in `<emzano-remote-verification>` beside each field, for the
 * operator's convenience, and in the server kit before the vendor is called, because a caller
 * that keeps sending wrong data gets blocked (§2.1). Pure; the element words each problem.
 */
import { toLatinDigits } from './digits.js';

/** The keyword the service replaces with the verification link; a message must carry it (§3). */
export const LINK_KEYWORD = '[LINK]';
/** `Remitente`'s limit (§3): an SMS sender name. */
export const SENDER_MAX_LENGTH = 11;
/** Ours, not the reference's: a bound on what the SMS text may be (about six SMS parts). */
export const MESSAGE_MAX_LENGTH = 900;
/** How far ahead a sending may be scheduled (ours: the reference sets no limit). */
export const SCHEDULE_MAX_DAYS = 365;

/** Why a field was refused. Each has a message in every language of the element. */
export type RemoteFieldProblem =
  | 'required'
  | 'phone-country-code'
  | 'phone-invalid'
  | 'message-link'
  | 'message-long'
  | 'sender-long'
  | 'sender-invalid'
  | 'dni-format'
  | 'dni-letter'
  | 'schedule-invalid'
  | 'schedule-past'
  | 'schedule-far';

export type RemoteRequestField = 'phone' | 'message' | 'sender' | 'dni' | 'sendAt';

/** What the element sends to the server kit's `…/send` (JSON), in the host's words. */
export interface RemoteRequestInput {
  /** The person's mobile with its country code: `+34 600 00 00 01`, `0034600000001` or `34600000001`. */
  phone: string;
  /** The SMS text; must contain `[LINK]`. Empty or absent: the service's own text. */
  message?: string;
  /** The SMS sender's name, at most 11 characters. Empty or absent: the account's default. */
  sender?: string;
  /** The Spanish DNI or NIE the person's document must show, checked with its letter. */
  dni?: string;
  /** When to send, as an instant (ISO 8601, e.g. `2026-12-03T09:30:00Z`). Absent: now. */
  sendAt?: string;
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/**
 * A mobile number in the service's form (`34600000001`: country code, no `+`). A number written
 * with `+` or `00` is taken as international; one of bare digits must be long enough to hold a
 * country code (11 digits or more) and cannot begin with 0, which no country code does.
 */
export function normalizeInternationalPhone(input: string): { ok: true; value: string } | { ok: false; problem: RemoteFieldProblem } {
  const compact = toLatinDigits(input).replace(/[\s\u200c\u200e\u200f\-.()/]/g, '');
  if (compact === '') return { ok: false, problem: 'required' };
  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  else {
    if (!/^\d+$/.test(compact)) return { ok: false, problem: 'phone-invalid' };
    if (compact.startsWith('0') || compact.length < 11) return { ok: false, problem: 'phone-country-code' };
    digits = compact;
  }
  // E.164: at most 15 digits; the shortest numbers in use have 8 with their country code.
  if (!/^[1-9]\d{7,14}$/.test(digits)) return { ok: false, problem: 'phone-invalid' };
  return { ok: true, value: digits };
}

/**
 * A Spanish DNI (8 digits and a letter) or NIE (X, Y or Z, 7 digits and a letter), with the letter
 * checked: the number (an NIE's X/Y/Z read as 0/1/2) modulo 23 indexes `TRWAGMYFPDXBNJZSQVHLCKE`.
 */
export function normalizeSpanishId(input: string): { ok: true; value: string } | { ok: false; problem: RemoteFieldProblem } {
  const compact = toLatinDigits(input)
    .replace(/[\s\-.]/g, '')
    .toUpperCase();
  if (compact === '') return { ok: false, problem: 'required' };
  const match = /^(?:(\d{8})|([XYZ])(\d{7}))([A-Z])$/.exec(compact);
  if (!match) return { ok: false, problem: 'dni-format' };
  const number = match[1] ?? `${'XYZ'.indexOf(match[2]!)}${match[3]}`;
  return DNI_LETTERS[Number(number) % 23] === match[4] ? { ok: true, value: compact } : { ok: false, problem: 'dni-letter' };
}

/** `[LINK]` present, and a length an SMS can carry. */
export function checkMessage(message: string): RemoteFieldProblem | undefined {
  if (!message.includes(LINK_KEYWORD)) return 'message-link';
  if (message.length > MESSAGE_MAX_LENGTH) return 'message-long';
  return undefined;
}

/** At most 11 characters, none of them control characters. Counted as people see them (code points). */
export function checkSender(sender: string): RemoteFieldProblem | undefined {
  if (/[\u0000-\u001f\u007f]/.test(sender)) return 'sender-invalid';
  return [...sender].length > SENDER_MAX_LENGTH ? 'sender-long' : undefined;
}

/** A scheduled sending: a real instant, not in the past (a minute's grace for clocks), within a year. */
export function checkSchedule(sendAt: string, now: number): { ok: true; value: Date } | { ok: false; problem: RemoteFieldProblem } {
  const instant = new Date(sendAt);
  if (sendAt.trim() === '' || Number.isNaN(instant.getTime())) return { ok: false, problem: 'schedule-invalid' };
  if (instant.getTime() < now - 60_000) return { ok: false, problem: 'schedule-past' };
  if (instant.getTime() > now + SCHEDULE_MAX_DAYS * 86_400_000) return { ok: false, problem: 'schedule-far' };
  return { ok: true, value: instant };
}
