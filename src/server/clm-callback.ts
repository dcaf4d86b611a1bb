/**
 * Receives CLM's callback (a POST of `{documentId, state, title}` when a document reaches a final
 * state, CLM reference §6) and hands the host a typed event. CLM signs nothing, so the URL you
 * give CLM carries a secret (`?secret=…`) that only your server knows; anything else is refused.
 */
import { isRecord } from '../core/is-record.js';
import { json } from './responses.js';

/** Final document states (CLM reference §7.2). */
export const CLM_DOCUMENT_STATES = { 3: 'Signed', 4: 'Rejected', 5: 'Expired' } as const;
export type ClmFinalState = (typeof CLM_DOCUMENT_STATES)[keyof typeof CLM_DOCUMENT_STATES];

export interface ClmDocumentStateEvent {
  documentId: string;
  /** `Signed`, `Rejected` or `Expired`; another name CLM may add is passed through as sent. */
  state: ClmFinalState | (string & {});
  title: string;
  receivedAt: Date;
}

export interface ClmCallbackOptions {
  /** The secret in the callback URL's `secret` parameter. At least 16 characters. */
  secret: string;
  /** Called once per valid callback; the handler answers 204 when it resolves, 500 if it throws. */
  onDocumentState: (event: ClmDocumentStateEvent) => void | Promise<void>;
}

/** The callback URL to give CLM (or `createClmHandler`'s `callbackUrl`): your endpoint with its secret. */
export function clmCallbackUrl(endpoint: string, secret: string): string {
  const url = new URL(endpoint);
  url.searchParams.set('secret', secret);
  return url.href;
}

export function createClmCallbackHandler(options: ClmCallbackOptions): (request: Request) => Promise<Response> {
  if (typeof options.secret !== 'string' || options.secret.length < 16) {
    throw new TypeError('createClmCallbackHandler: secret must be at least 16 characters.');
  }
  return async (request) => {
    if (request.method !== 'POST') return json({ message: 'Method not allowed.' }, 405, { Allow: 'POST' });
    if (!sameText(new URL(request.url).searchParams.get('secret') ?? '', options.secret)) {
      return json({ message: 'Unknown callback.' }, 401);
    }
    const body: unknown = await request.json().catch(() => undefined);
    if (!isRecord(body) || typeof body['documentId'] !== 'string' || body['documentId'] === '') {
      return json({ message: 'Expected {documentId, state, title}.' }, 400);
    }
    const rawState = body['state'];
    // The reference's sample sends the state's name; its Get Document sends the number.
    const state =
      typeof rawState === 'number'
        ? CLM_DOCUMENT_STATES[rawState as keyof typeof CLM_DOCUMENT_STATES]
        : typeof rawState === 'string'
          ? rawState
          : undefined;
    if (!state) return json({ message: 'Unknown document state.' }, 400);
    try {
      await options.onDocumentState({
        documentId: body['documentId'],
        state,
        title: typeof body['title'] === 'string' ? body['title'] : '',
        receivedAt: new Date(),
      });
    } catch {
      return json({ message: 'The callback could not be handled.' }, 500);
    }
    return new Response(null, { status: 204 });
  };
}

/** Compares in time independent of where the texts differ, so the secret cannot be guessed by timing. */
function sameText(given: string, expected: string): boolean {
  let difference = given.length ^ expected.length;
  for (let index = 0; index < expected.length; index++) {
    difference |= (given.charCodeAt(index) || 0) ^ expected.charCodeAt(index);
  }
  return difference === 0;
}
