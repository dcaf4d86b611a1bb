/**
 * The host's token endpoint: the only place the Emzano API key is used on behalf of the browser.
 * A Web-standard `(Request) => Promise<Response>`, so it mounts as-is in Next.js route handlers,
 * Hono, Deno, Bun and Cloudflare Workers, and in Node through `toNodeListener`.
 */
import { normalizeNationalCode, normalizePhoneNumber } from '../core/validation.js';
import { isRecord } from '../core/is-record.js';
import type { EnrolRequest, MintRequest, RefreshRequest, TokenGrant } from '../core/token-contract.js';
import { NO_PROGRESS, type KycProgress } from '../core/kyc-flow.js';
import { BodyTooLarge, guardRequest, readLimitedText, type GuardOptions } from './request-guards.js';
import { failure, json } from './responses.js';
import { signRefreshToken, verifyRefreshToken } from './refresh-token.js';
import { enroll, mintUserToken, UpstreamError, type UpstreamConfig } from './upstream.js';

/**
 * How to read Emzano's `ExpiresIn`, documented only as "epoch time":
 * `auto` treats values above 10^12 as Unix milliseconds, above 10^9 as Unix seconds, and smaller
 * ones as a lifetime in seconds.
 */
export type ExpiresInFormat = 'auto' | 'unix-seconds' | 'unix-milliseconds' | 'lifetime-seconds';

/** What the handler reports to an optional logger. Never contains the API key or a token. */
export interface TokenHandlerEvent {
  type: 'enrolled' | 'refreshed' | 'minted' | 'rejected' | 'upstream-error' | 'internal-error';
  status: number;
  code?: number;
  userId?: string;
}

export interface TokenHandlerOptions extends GuardOptions {
  /** Emzano API key, sent as the raw `Authorization` header. Stays on the server. */
  apiKey: string;
  /** Emzano API origin. Default `https://api.emzano.com`. */
  baseUrl?: string;
  /**
   * The host's own gate, e.g. "is this visitor logged in?". Return `false` (403) or a Response
   * of your own to refuse. A `{userId}` request (a token for a person who finished KYC earlier,
   * for `<emzano-sign-pdf>`) is refused unless this hook exists and returns true for it.
   */
  authorize?: (request: Request, body: EnrolRequest | RefreshRequest | MintRequest) => boolean | Response | Promise<boolean | Response>;
  /** Key for signing refresh tokens. Defaults to one derived from the API key. */
  refreshSecret?: string;
  /** How long a refresh token stays valid. Default one hour (a KYC attempt). */
  refreshTtlSeconds?: number;
  /** How to read Emzano's `ExpiresIn`. Default `auto`. */
  expiresIn?: ExpiresInFormat;
  /** Time limit for each Emzano call. Default 15 s. */
  timeoutMs?: number;
  /** Replaced in tests or to route through a proxy. */
  fetch?: typeof fetch;
  /** Called once per request with what happened; safe to log. */
  onEvent?: (event: TokenHandlerEvent) => void;
  /** Clock, in milliseconds; replaced in tests. */
  now?: () => number;
}

const MAX_BODY_BYTES = 4096;

export function createTokenHandler(options: TokenHandlerOptions): (request: Request) => Promise<Response> {
  if (typeof options.apiKey !== 'string' || options.apiKey === '') {
    throw new TypeError('createTokenHandler: `apiKey` is required.');
  }
  const upstream: UpstreamConfig = {
    apiKey: options.apiKey,
    baseUrl: options.baseUrl ?? 'https://api.emzano.com',
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: options.timeoutMs ?? 15_000,
  };
  const secret = options.refreshSecret ?? options.apiKey;
  const refreshTtl = options.refreshTtlSeconds ?? 3600;
  const now = options.now ?? Date.now;
  const report = (event: TokenHandlerEvent) => options.onEvent?.(event);

  async function grant(userId: string, progress: KycProgress): Promise<TokenGrant> {
    const token = await mintWithRetry(upstream, userId);
    const nowSeconds = Math.floor(now() / 1000);
    return {
      userId,
      accessToken: token.accessToken,
      refreshToken: await signRefreshToken(secret, { sub: userId, exp: nowSeconds + refreshTtl, progress }),
      expiresAt: toExpiresAt(token.expiresIn, options.expiresIn ?? 'auto', nowSeconds),
      progress,
    };
  }

  return async function tokenHandler(request: Request): Promise<Response> {
    try {
      return await handle(request);
    } catch {
      // Never a stack trace or an upstream detail: the host's logs get the event, the browser a code.
      report({ type: 'internal-error', status: 500, code: 2 });
      return failure(500, { code: 2, message: 'The token service failed. Please try again.' });
    }
  };

  async function handle(request: Request): Promise<Response> {
    if (request.method !== 'POST') {
      return failure(405, { code: 1, message: 'Use POST.' }, { Allow: 'POST' });
    }
    const refusal = await guardRequest(request, options);
    if (refusal) {
      report({ type: 'rejected', status: refusal.status });
      return refusal;
    }
    let body: unknown;
    try {
      body = parseJson(await readLimitedText(request, options.maxBodyBytes ?? MAX_BODY_BYTES));
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      report({ type: 'rejected', status: 413, code: 1 });
      return failure(413, { code: 1, message: 'The body is too large.' });
    }
    if (!isRecord(body)) {
      report({ type: 'rejected', status: 400, code: 1 });
      return failure(400, { code: 1, message: 'The body must be a JSON object.' });
    }
    const parsed = parseBody(body);
    if ('error' in parsed) {
      report({ type: 'rejected', status: 400, code: 1 });
      return failure(400, { code: 1, message: parsed.error, field: parsed.field });
    }

    const minting = !('refreshToken' in parsed.value) && !('phoneNumber' in parsed.value);
    if (minting && !options.authorize) {
      report({ type: 'rejected', status: 403 });
      return failure(403, { code: 1, message: 'Tokens for an existing userId need an authorize hook on the server.' });
    }
    if (options.authorize) {
      const verdict = await options.authorize(request, parsed.value);
      if (verdict instanceof Response) return verdict;
      if (verdict !== true) {
        report({ type: 'rejected', status: 403 });
        return failure(403, { code: 1, message: 'Not allowed.' });
      }
    }

    try {
      if ('refreshToken' in parsed.value) {
        const { userId, refreshToken } = parsed.value;
        const claims = await verifyRefreshToken(secret, refreshToken, userId, Math.floor(now() / 1000));
        if (!claims) {
          report({ type: 'rejected', status: 401, userId });
          return failure(401, { code: 1, message: 'The refresh token is invalid or has expired.' });
        }
        const result = await grant(userId, claims.progress);
        report({ type: 'refreshed', status: 200, userId });
        return json(result);
      }
      if (!('phoneNumber' in parsed.value)) {
        // Minting for a known user: Emzano has no progress call, so none is reported.
        const result = await grant(parsed.value.userId, NO_PROGRESS);
        report({ type: 'minted', status: 200, userId: parsed.value.userId });
        return json(result);
      }
      const { userId, progress } = await enroll(upstream, parsed.value.phoneNumber, parsed.value.nationalCode);
      const result = await grant(userId, progress);
      report({ type: 'enrolled', status: 200, userId });
      return json(result);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      report({ type: 'upstream-error', status: error.status, code: error.code });
      // Emzano's message is passed on for diagnostics, scrubbed in case it ever echoes the key.
      return failure(error.status, { code: error.code, message: error.message.split(options.apiKey).join('***') });
    }
  }
}

type Parsed = { value: EnrolRequest | RefreshRequest | MintRequest } | { error: string; field: string };

function parseBody(body: Record<string, unknown>): Parsed {
  if (!('phoneNumber' in body) && !('nationalCode' in body) && !('refreshToken' in body) && 'userId' in body) {
    const { userId } = body;
    if (typeof userId !== 'string' || userId === '') return { error: '`userId` is required.', field: 'userId' };
    return { value: { userId } };
  }
  if ('refreshToken' in body) {
    const { userId, refreshToken } = body;
    if (typeof userId !== 'string' || userId === '') return { error: '`userId` is required.', field: 'userId' };
    if (typeof refreshToken !== 'string' || refreshToken === '') return { error: '`refreshToken` is required.', field: 'refreshToken' };
    return { value: { userId, refreshToken } };
  }
  const phone = normalizePhoneNumber(typeof body['phoneNumber'] === 'string' ? body['phoneNumber'] : '');
  if (!phone.ok) return { error: `\`phoneNumber\` is not valid (${phone.error}).`, field: 'phoneNumber' };
  const nationalCode = normalizeNationalCode(typeof body['nationalCode'] === 'string' ? body['nationalCode'] : '');
  if (!nationalCode.ok) return { error: `\`nationalCode\` is not valid (${nationalCode.error}).`, field: 'nationalCode' };
  return { value: { phoneNumber: phone.value, nationalCode: nationalCode.value } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Minting a user token changes nothing at Emzano, so an outage is retried here (three tries,
 * short back-off). Otherwise a failure right after a successful enrolment would make the browser
 * try again, and enrol a second time.
 */
async function mintWithRetry(upstream: UpstreamConfig, userId: string, tries = 3): Promise<Awaited<ReturnType<typeof mintUserToken>>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await mintUserToken(upstream, userId);
    } catch (error) {
      const outage = error instanceof UpstreamError && error.code === 2;
      if (!outage || attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** (attempt - 1)));
    }
  }
}

export function toExpiresAt(expiresIn: number, format: ExpiresInFormat, nowSeconds: number): number {
  switch (format) {
    case 'unix-seconds':
      return Math.floor(expiresIn);
    case 'unix-milliseconds':
      return Math.floor(expiresIn / 1000);
    case 'lifetime-seconds':
      return nowSeconds + Math.floor(expiresIn);
    case 'auto':
      if (expiresIn > 1e12) return Math.floor(expiresIn / 1000);
      if (expiresIn > 1e9) return Math.floor(expiresIn);
      return nowSeconds + Math.floor(expiresIn);
  }
}
