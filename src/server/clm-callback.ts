/**
 * Receives CLM's callback (a POST of `{documentId, state, title}` when a document reaches a final
 * state, CLM reference §6) and hands the host a typed event. CLM signs nothing, so the callback is
 * evidence, not truth: the URL you give CLM carries a secret (`?secret=…`) only your server knows,
 * compared in constant time; the body is bounded; and the state is taken from CLM itself (the
 * document is read again with your CLM credentials) before the host hears of it. A repeated
 * delivery of the same final state is heard once.
 */
import { isRecord } from '../core/is-record.js';
import { ClmTokenCache, type ClmCredentials } from './clm-token.js';
import { refusal, route, type PipelineOptions } from './pipeline.js';
import { sameText } from './same-text.js';
import { handlerStore, type StoreOptions } from './store.js';

/** Final document states (CLM reference §7.2). */
export const CLM_DOCUMENT_STATES = { 3: 'Signed', 4: 'Rejected', 5: 'Expired' } as const;
export type ClmFinalState = (typeof CLM_DOCUMENT_STATES)[keyof typeof CLM_DOCUMENT_STATES];

export interface ClmDocumentStateEvent {
  documentId: string;
  /** `Signed`, `Rejected` or `Expired`, as CLM itself reports the document now. */
  state: ClmFinalState;
  /** The document's title, as CLM reports it. */
  title: string;
  receivedAt: Date;
}

export interface ClmCallbackOptions extends ClmCredentials, Omit<PipelineOptions, 'maxBodyBytes'>, StoreOptions {
  /** The secret in the callback URL's `secret` parameter. At least 16 characters. */
  secret: string;
  /** Called once per confirmed final state; the handler answers 204 when it resolves; if it throws, 500 (CLM may deliver again) and the error goes to `onError`. */
  onDocumentState: (event: ClmDocumentStateEvent) => void | Promise<void>;
  /** CLM origin, as for `createClmHandler`. Default `https://api.emzano.com`. */
  baseUrl?: string;
  /** Largest accepted body. Default 64 KB (CLM sends three short fields). */
  maxBodyBytes?: number;
  /** Time limit for the CLM read. Default 15 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/** How long a delivery is remembered: CLM's retries of one callback come well within it. */
const HEARD_FOR_SECONDS = 30 * 24 * 3600;

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
  for (const key of ['clientId', 'clientSecret', 'username', 'password'] as const) {
    if (typeof options[key] !== 'string' || options[key] === '') {
      throw new TypeError(`createClmCallbackHandler: ${key} is required (the state is read again from CLM before you hear of it).`);
    }
  }
  const baseUrl = options.baseUrl ?? 'https://api.emzano.com';
  const fetchUpstream = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const now = options.now ?? Date.now;
  const tokens = new ClmTokenCache(options, {
    baseUrl,
    fetch: fetchUpstream,
    timeoutMs,
    defaultLifetimeSeconds: 3600,
    marginSeconds: 60,
    now,
  });
  const heard = handlerStore('createClmCallbackHandler', options, 'clm-callback', now);
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;

  /** The document as CLM reports it now, or `undefined` when CLM does not know it. */
  async function readFromClm(documentId: string): Promise<{ state: unknown; title: unknown } | undefined> {
    const target = new URL(`/api/v1/clm/documents/${encodeURIComponent(documentId)}`, baseUrl);
    // Exactly the reference's one sample (its only word on this call's query): `onlyDetail`'s
    // meaning is unclear (docs/decisions.md), and a stricter server refuses any other form.
    target.searchParams.set('returnStructure', '1');
    target.searchParams.set('onlyDetail', 'false');
    const send = async (token: string) =>
      fetchUpstream(target, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    let token = await tokens.get();
    let response = await send(token);
    if (response.status === 401) {
      tokens.invalidate(token);
      token = await tokens.get();
      response = await send(token);
    }
    if (!response.ok) return undefined;
    const body: unknown = await response.json().catch(() => undefined);
    return isRecord(body) ? { state: body['state'], title: body['title'] } : undefined;
  }

  return route<{ documentId: string; claimed: ClmFinalState }, never>(
    {
      name: 'clm-callback',
      methods: ['POST'],
      maxBodyBytes,
      // CLM signs nothing: the secret in the URL says it is the callback we gave, before the body is read.
      caller: (_request, url) =>
        sameText(url.searchParams.get('secret') ?? '', options.secret) ? undefined : refusal(401, 'unknown-callback', 'Unknown callback.'),
      parse: ({ body }) => {
        if (!isRecord(body) || typeof body['documentId'] !== 'string' || !/^[0-9a-fA-F-]{36}$/.test(body['documentId'])) {
          return refusal(400, 'bad-request', 'Expected {documentId, state, title}.');
        }
        // The reference's sample sends the state's name; its Get Document sends the number.
        const claimed = stateName(body['state']);
        return claimed ? { documentId: body['documentId'], claimed } : refusal(400, 'bad-request', 'Unknown document state.');
      },
      async act({ input: { documentId, claimed } }) {
        let actual: { state: unknown; title: unknown } | undefined;
        try {
          actual = await readFromClm(documentId);
        } catch {
          // CLM cannot confirm now: a non-2xx lets it deliver again later.
          throw refusal(503, 'clm-unavailable', 'The state could not be confirmed with CLM.');
        }
        const confirmed = actual ? stateName(actual.state) : undefined;
        if (!confirmed || confirmed !== claimed) throw refusal(409, 'not-confirmed', 'CLM does not confirm this state.');

        const delivery = `${documentId.toLowerCase()}:${confirmed}`;
        if (!(await heard.claim(delivery, HEARD_FOR_SECONDS))) return new Response(null, { status: 204 });
        try {
          await options.onDocumentState({
            documentId,
            state: confirmed,
            title: typeof actual?.title === 'string' ? actual.title : '',
            receivedAt: new Date(now()),
          });
        } catch (error) {
          // Not heard after all: CLM's next delivery of it gets its chance (the host's onError hears why).
          await heard.unclaim(delivery);
          throw error;
        }
        return new Response(null, { status: 204 });
      },
    },
    options,
  );
}

/** A final state's name, from CLM's number or its name; `undefined` for anything else. */
function stateName(raw: unknown): ClmFinalState | undefined {
  const names = Object.values(CLM_DOCUMENT_STATES) as string[];
  if (typeof raw === 'number') return CLM_DOCUMENT_STATES[raw as keyof typeof CLM_DOCUMENT_STATES];
  if (typeof raw === 'string' && names.includes(raw)) return raw as ClmFinalState;
  return undefined;
}
