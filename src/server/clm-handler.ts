/**
 * The host's CLM endpoint: an allow-listed proxy that keeps the CLM credentials (client secret,
 * panel password) on the server. It mirrors the three CLM paths the elements use under the
 * host's own base (`{mount}/api/v1/clm/documents/...`), adds the bearer token, and refuses
 * everything else. Web-standard `(Request) => Promise<Response>`.
 */
import { GUID_SOURCE } from '../core/clm-template.js';
import { isRecord } from '../core/is-record.js';
import { ClmSignInError, ClmTokenCache, type ClmCredentials } from './clm-token.js';
import { BodyTooLarge, guardRequest, readLimitedText, type GuardOptions } from './request-guards.js';
import { json } from './responses.js';

export interface ClmHandlerOptions extends ClmCredentials, GuardOptions {
  /** CLM origin: `https://api.emzano.com`, or your organisation's own CLM domain. */
  baseUrl?: string;
  /** The host's own gate ("is this visitor allowed to send contracts?"): `false` (403) or your own Response refuses. */
  authorize?: (request: Request) => boolean | Response | Promise<boolean | Response>;
  /**
   * Where CLM should POST the final state (your `createClmCallbackHandler`, with its secret).
   * When set, it replaces any `callbackUrl` the browser sent, so the secret never reaches it.
   */
  callbackUrl?: string;
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
    if (options.authorize) {
      const verdict = await options.authorize(request);
      if (verdict instanceof Response) return verdict;
      if (verdict !== true) return json({ code: 1, message: 'Not allowed.' }, 403);
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
      if (options.callbackUrl !== undefined) body = JSON.stringify({ ...parsed, callbackUrl: options.callbackUrl });
    }

    const target = new URL(clmPath + url.search, baseUrl);
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
    return new Response(await upstream.arrayBuffer(), {
      status: upstream.status,
      headers: {
        'Content-Type': upstream.headers.get('content-type') ?? 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
      },
    });
  };
}
