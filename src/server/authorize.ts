/**
 * Every handler that acts for a browser asks the host first: who is the signed-in user? The
 * answer (`{ subject }`, the host's own opaque user id) is what everything the kit creates
 * upstream is recorded against; `false` or a Response of the host's own refuses.
 */
import { sha256Hex } from '../core/sha256.js';
import { isRecord } from '../core/is-record.js';
import { failure } from './responses.js';

/**
 * The host's answer: its signed-in user, or a refusal (`false` answers 403; a Response is sent as
 * it is). `{ anonymous: true }` is for the few actions made for a visitor who is not signed in (a
 * phone continuing a handoff, authorised by its code): the host says so explicitly, and every
 * other action refuses it like `false`.
 */
export type Authorization = { subject: string; [more: string]: unknown } | { anonymous: true } | false | Response;

export type Authorize<Action> = (request: Request, action: Action) => Authorization | Promise<Authorization>;

/** The factory's check: without `authorize` a handler would act for anyone, so it is not made. */
export function requireAuthorize(factory: string, authorize: unknown): void {
  if (typeof authorize !== 'function') {
    throw new TypeError(
      `${factory}: \`authorize\` is required: a function (request, action) => ({ subject }) answering who the host's signed-in user is, or false to refuse.`,
    );
  }
}

/** The subject, or the Response that refuses. A malformed answer refuses too: the kit fails closed. */
export async function askHost<Action>(
  authorize: Authorize<Action>,
  request: Request,
  action: Action,
  anonymousAllowed = false,
): Promise<{ subject: string; granted: Readonly<Record<string, unknown>> } | { refusal: Response }> {
  const verdict: unknown = await authorize(request, action);
  if (verdict instanceof Response) return { refusal: verdict };
  if (isRecord(verdict)) {
    const { subject, anonymous } = verdict;
    // The whole answer too: a route may take more from it (CLM's `anyDocument`).
    if (typeof subject === 'string' && subject !== '') return { subject, granted: verdict };
    // An empty subject is "nobody signed in": allowed only where the action is made for that.
    if (anonymous === true && subject === undefined && anonymousAllowed) return { subject: '', granted: verdict };
  }
  return { refusal: notAllowed() };
}

/** The one refusal of a caller the host did not vouch for (or who asks for what is not theirs). */
export function notAllowed(): Response {
  return failure(403, { code: 1, reason: 'not-allowed', message: 'Not allowed.' });
}

/** Store keys never hold the host's subject as written (it may be an e-mail address): its SHA-256. */
export function subjectKey(subject: string): Promise<string> {
  return sha256Hex(subject);
}

/**
 * For development and the demo only: lets every caller in as one shared subject. With it, anyone
 * who can reach the endpoint acts as that one user. Never use it where real people sign in.
 */
export function authorizeAnyone(subject = 'development'): () => { subject: string } {
  return () => ({ subject });
}
