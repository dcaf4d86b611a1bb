/**
 * Every handler that acts for a browser asks the host first: who is the signed-in user? The
 * answer (`{ subject }`, the host's own opaque user id) is what everything the kit creates
 * upstream is recorded against; `false` or a Response of the host's own refuses.
 */
import { sha256Hex } from '../core/sha256.js';
import { failure } from './responses.js';

/** The host's answer: its signed-in user, or a refusal (`false` answers 403; a Response is sent as it is). */
export type Authorization = { subject: string } | false | Response;

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
): Promise<{ subject: string; granted: Readonly<Record<string, unknown>> } | { refusal: Response }> {
  const verdict = await authorize(request, action);
  if (verdict instanceof Response) return { refusal: verdict };
  if (verdict && typeof verdict === 'object' && typeof verdict.subject === 'string' && verdict.subject !== '') {
    // The whole answer too: a route may take more from it (CLM's `anyDocument`).
    return { subject: verdict.subject, granted: verdict };
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
