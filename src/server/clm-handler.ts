/**
 * The host's CLM endpoint: an allow-listed proxy that keeps the CLM credentials (client secret,
 * panel password) on the server. It mirrors the three CLM paths the elements use under the
 * host's own base (`{mount}/api/v1/clm/documents/...`), adds the bearer token, and refuses
 * everything else. It fails closed: the host's `authorize` answers who is asking, each document
 * sent is recorded against that subject and read back only by it, and every body is checked
 * here before the organisation's credentials are spent on it. Web-standard
 * `(Request) => Promise<Response>`.
 */
import type { ClmPlaceholder, ClmValueType } from '../core/clm-fields.js';
import { checkExecuteFileBody } from '../core/clm-send.js';
import { checkExecuteTemplateBody, GUID_SOURCE } from '../core/clm-template.js';
import { isRecord } from '../core/is-record.js';
import { notAllowed, requireAuthorize, subjectKey } from './authorize.js';
import { ClmSignInError, ClmTokenCache, type ClmCredentials } from './clm-token.js';
import { BodyTooLarge, guardRequest, readLimitedText, type GuardOptions } from './request-guards.js';
import { json } from './responses.js';
import { handlerStore, type StoreOptions } from './store.js';

/** What `authorize` is asked about: sending a contract, or reading one document. */
export type ClmAction = { action: 'send' } | { action: 'read'; documentId: string };

/**
 * The host's answer: its signed-in user; `anyDocument: true` lets this caller read documents
 * other users sent (an organisation's back office). `false` (403) or a Response refuses.
 */
export type ClmAuthorization = { subject: string; anyDocument?: boolean } | false | Response;

export interface ClmHandlerOptions extends ClmCredentials, GuardOptions, StoreOptions {
  /** CLM origin: `https://api.emzano.com`, or your organisation's own CLM domain. */
  baseUrl?: string;
  /** Required. Who is asking (`{ subject }`), for each send and each read; `false` or a Response refuses. */
  authorize: (request: Request, action: ClmAction) => ClmAuthorization | Promise<ClmAuthorization>;
  /**
   * Where CLM should POST the final state (your `createClmCallbackHandler`, with its secret).
   * Only ever from here: a `callbackUrl` the browser sends is dropped.
   */
  callbackUrl?: string;
  /**
   * The fields each template declares, by template id then field name (`{ 'text-1': '_REQUIRED_SHEBA' }`):
   * execute-template values are then checked against their types here, and fields a template lacks are refused.
   */
  templates?: Record<string, Record<string, ClmPlaceholder | ClmValueType>>;
  /** Time limit for each CLM call. Default 60 s (a large PDF travels as base64). */
  timeoutMs?: number;
  /** Token lifetime when CLM does not say, in seconds. Default 3600. */
  defaultTokenLifetimeSeconds?: number;
  /** Replace the token this long before it expires, in seconds. Default 60. */
  tokenMarginSeconds?: number;
  /** Replaced in tests or to route through a proxy. */
  fetch?: typeof fetch;
  /** Clock in milliseconds; replaced in tests. */
  now?: () => number;
}

/** The only CLM calls forwarded: starting a workflow (from a file or a template) and reading a document. */
const ALLOWED: Array<{ method: 'GET' | 'POST'; path: RegExp }> = [
  { method: 'POST', path: /^\/api\/v1\/clm\/documents\/execute\/file$/ },
  { method: 'POST', path: /^\/api\/v1\/clm\/documents\/execute\/template$/ },
  { method: 'GET', path: new RegExp(`^/api/v1/clm/documents/${GUID_SOURCE}$`) },
];
const CLM_PREFIX = '/api/v1/clm/documents';
/** A 25 MB PDF is about 33 MB as base64. */
const DEFAULT_MAX_BODY_BYTES = 40 * 1024 * 1024;

export function createClmHandler(options: ClmHandlerOptions): (request: Request) => Promise<Response> {
  for (const key of ['clientId', 'clientSecret', 'username', 'password'] as const) {
    if (typeof options[key] !== 'string' || options[key] === '') throw new TypeError(`createClmHandler: ${key} is required.`);
  }
  requireAuthorize('createClmHandler', options.authorize);
  const senders = handlerStore('createClmHandler', options, 'clm', options.now);
  const baseUrl = options.baseUrl ?? 'https://api.emzano.com';
  const fetchUpstream = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const tokens = new ClmTokenCache(options, {
    baseUrl,
    fetch: fetchUpstream,
    timeoutMs,
    defaultLifetimeSeconds: options.defaultTokenLifetimeSeconds ?? 3600,
    marginSeconds: options.tokenMarginSeconds ?? 60,
    now: options.now ?? Date.now,
  });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  return async (request) => {
    const url = new URL(request.url);
    // The CLM path, wherever the host mounted the handler.
    const at = url.pathname.indexOf(CLM_PREFIX);
    const clmPath = at === -1 ? '' : url.pathname.slice(at);
    const route = ALLOWED.filter((allowed) => allowed.path.test(clmPath));
    if (route.length === 0) return json({ code: 1, message: 'Not a CLM call this endpoint forwards.' }, 404);
    if (!route.some((allowed) => allowed.method === request.method)) {
      return json({ code: 1, message: 'Method not allowed.' }, 405, { Allow: route.map((allowed) => allowed.method).join(', ') });
    }

    const refused = await guardRequest(request, options);
    if (refused) return refused;
    const documentId = request.method === 'GET' ? clmPath.slice(CLM_PREFIX.length + 1) : undefined;
    const verdict = await options.authorize(request, documentId ? { action: 'read', documentId } : { action: 'send' });
    if (verdict instanceof Response) return verdict;
    if (!verdict || typeof verdict.subject !== 'string' || verdict.subject === '') return notAllowed();
    const subject = await subjectKey(verdict.subject);
    if (documentId && verdict.anyDocument !== true) {
      // Unknown and someone else's answer alike: a document id tells a stranger nothing.
      const sender = await senders.get<{ subject: string }>(`document:${documentId.toLowerCase()}`);
      if (sender?.subject !== subject) return notAllowed();
    }

    let body: string | undefined;
    if (request.method === 'POST') {
      try {
        body = await readLimitedText(request, maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLarge) return json({ code: 1, message: 'The request is too large.' }, 413);
        throw error;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return json({ code: 1, message: 'The body must be JSON.' }, 400);
      }
      if (!isRecord(parsed)) return json({ code: 1, message: 'The body must be a JSON object.' }, 400);
      // The callback comes from the server's options only: one from the browser could point CLM anywhere.
      const contract: Record<string, unknown> = { ...parsed };
      delete contract['callbackUrl'];
      const problems = clmPath.endsWith('/execute/file')
        ? checkExecuteFileBody(contract)
        : checkExecuteTemplateBody(contract, options.templates?.[String(contract['templateId'])] ?? undefined);
      if (problems.length) return json({ code: 1, message: 'The contract has problems; nothing was sent.', problems }, 400);
      body = JSON.stringify(options.callbackUrl === undefined ? contract : { ...contract, callbackUrl: options.callbackUrl });
    }

    const target = new URL(clmPath, baseUrl);
    if (request.method === 'GET') {
      // Get Document always as the reference's one sample asks (`returnStructure=1&onlyDetail=…`),
      // whatever the browser sent: only `onlyDetail`'s own two values are taken from it.
      target.searchParams.set('returnStructure', '1');
      target.searchParams.set('onlyDetail', url.searchParams.get('onlyDetail') === 'true' ? 'true' : 'false');
    }
    const send = async (token: string) =>
      fetchUpstream(target, {
        method: request.method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });

    let upstream: Response;
    try {
      let token = await tokens.get();
      upstream = await send(token);
      // CLM refused the token (revoked, or expired early): sign in again, once.
      if (upstream.status === 401) {
        tokens.invalidate(token);
        token = await tokens.get();
        upstream = await send(token);
      }
    } catch (error) {
      const message = error instanceof ClmSignInError ? 'The CLM service refused this site’s sign-in.' : 'The CLM service is unavailable.';
      return json({ code: 2, message }, 502);
    }
    const answer = await upstream.arrayBuffer();
    if (request.method === 'POST' && upstream.ok) {
      // The document is this subject's from now on: only it reads it back through here.
      const id = documentIdOf(answer);
      if (id) {
        await senders.set(`document:${id.toLowerCase()}`, { subject }, 0);
        await senders.append(`documents:${subject}`, id.toLowerCase(), 0);
      }
    }
    return new Response(answer, {
      status: upstream.status,
      headers: {
        'Content-Type': upstream.headers.get('content-type') ?? 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
      },
    });
  };
}

const GUID = new RegExp(`^${GUID_SOURCE}$`);

/** Execute-file and execute-template answer the new document as `{ id }`. */
function documentIdOf(answer: ArrayBuffer): string | undefined {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(answer));
    const id = isRecord(parsed) ? parsed['id'] : undefined;
    return typeof id === 'string' && GUID.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}
