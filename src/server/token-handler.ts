/**
 * The host's token endpoint: the only place the Emzano API key is used on behalf of the browser.
 * A Web-standard `(Request) => Promise<Response>`, so it mounts as-is in Next.js route handlers,
 * Hono, Deno, Bun and Cloudflare Workers, and in Node through `toNodeListener`.
 */
import { normalizeNationalCode, normalizePhoneNumber } from '../core/validation.js';
import { isRecord } from '../core/is-record.js';
import type { EnrolRequest, MintRequest, RefreshRequest, TokenGrant } from '../core/token-contract.js';
import { NO_PROGRESS, type KycProgress } from '../core/kyc-flow.js';
import type { TokenRefusal } from '../core/token-contract.js';
import { askHost, requireAuthorize, type Authorize } from './authorize.js';
import { DEFAULT_IDENTITY_RETENTION_SECONDS, IdentityBindings } from './identity-bindings.js';
import { RefreshTokens } from './refresh-tokens.js';
import { BodyTooLarge, guardRequest, readLimitedText, type GuardOptions } from './request-guards.js';
import { failure, json } from './responses.js';
import { handlerStore, type StoreOptions } from './store.js';
import { enroll, mintUserToken, UpstreamError, type UpstreamConfig } from './upstream.js';
import type { EventStreamOptions } from './event-stream.js';
import { handoffActions, parseHandoffRequest, type HandoffAction } from './handoff/handoff-actions.js';
import { HandoffStore } from './handoff/handoff-store.js';

/**
 * How to read Emzano's `ExpiresIn`, documented only as "epoch time":
 * `auto` treats values above 10^12 as Unix milliseconds, above 10^9 as Unix seconds, and smaller
 * ones as a lifetime in seconds.
 */
export type ExpiresInFormat = 'auto' | 'unix-seconds' | 'unix-milliseconds' | 'lifetime-seconds';

/**
 * What `authorize` is asked about: starting an attempt, renewing one, a token for a user bound
 * earlier, or a handoff to a phone (`handoff`: the desktop's actions, which need the subject that
 * created it; `handoff-phone`: the phone's, authorised by the code, see `HandoffAction`).
 */
export type TokenAction = { action: 'enrol' } | { action: 'refresh'; userId: string } | { action: 'mint'; userId: string } | HandoffAction;

/** What the handler reports to an optional logger. Never contains the API key, a token or a national code. */
export interface TokenHandlerEvent {
  type:
    | 'enrolled'
    | 'refreshed'
    | 'minted'
    | 'rejected'
    | 'identity-taken'
    | 'refresh-reused'
    | 'upstream-error'
    | 'internal-error'
    | 'handoff-created'
    | 'handoff-redeemed'
    | 'handoff-ended'
    | 'handoff-refused';
  status: number;
  code?: number;
  userId?: string;
}

export interface TokenHandlerOptions extends GuardOptions, StoreOptions {
  /** Emzano API key, sent as the raw `Authorization` header. Stays on the server. */
  apiKey: string;
  /** Emzano API origin. Default `https://api.emzano.com`. */
  baseUrl?: string;
  /**
   * Required. Who the host's signed-in user is: `{ subject }` (your own user id), or `false`
   * (403) or a Response of your own to refuse. Asked on every request. The Emzano user an
   * enrolment lands on is bound to that subject; refreshing and minting need the same subject.
   */
  authorize: Authorize<TokenAction>;
  /**
   * How long the mobile number and national code a person enrolled with are kept after their last
   * enrolment (the verifier asks Emzano again with them). Default 180 days; after that,
   * `verifyKyc` answers not verified until the person enrols again. Which Emzano user belongs to
   * which subject is kept until `forgetSubject`, so it never passes to someone else.
   */
  identityRetentionSeconds?: number;
  /** How long one refresh token stays usable if unused. Default one hour (a KYC attempt). */
  refreshTtlSeconds?: number;
  /** How long a chain of refreshes may go on from the enrolment or mint that began it. Default 24 hours. */
  refreshMaxAgeSeconds?: number;
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
  /**
   * Continuing on a phone (`<emzano-kyc handoff>`): how long a code works once shown (default 10
   * minutes) and how long the phone's session may last from the handoff's start (default one hour).
   */
  handoff?: { codeSeconds?: number; sessionSeconds?: number };
  /** The desktop's live stream of a handoff (`GET ?handoff={id}`). */
  stream?: Partial<EventStreamOptions>;
}

const MAX_BODY_BYTES = 4096;

export function createTokenHandler(options: TokenHandlerOptions): (request: Request) => Promise<Response> {
  if (typeof options.apiKey !== 'string' || options.apiKey === '') {
    throw new TypeError('createTokenHandler: `apiKey` is required.');
  }
  requireAuthorize('createTokenHandler', options.authorize);
  const upstream: UpstreamConfig = {
    apiKey: options.apiKey,
    baseUrl: options.baseUrl ?? 'https://api.emzano.com',
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: options.timeoutMs ?? 15_000,
  };
  const now = options.now ?? Date.now;
  const identityRetention = options.identityRetentionSeconds ?? DEFAULT_IDENTITY_RETENTION_SECONDS;
  if (!Number.isFinite(identityRetention) || identityRetention < 60) {
    throw new TypeError('createTokenHandler: `identityRetentionSeconds` must be a number of seconds (at least 60).');
  }
  const identities = new IdentityBindings(handlerStore('createTokenHandler', options, 'emzano', now), now, identityRetention);
  const refreshTokens = new RefreshTokens(handlerStore('createTokenHandler', options, 'emzano-refresh', now), now, {
    ttlSeconds: options.refreshTtlSeconds ?? 3600,
    maxAgeSeconds: options.refreshMaxAgeSeconds ?? 86_400,
  });
  const report = (event: TokenHandlerEvent) => options.onEvent?.(event);
  const handoffLimits = { codeSeconds: options.handoff?.codeSeconds ?? 600, sessionSeconds: options.handoff?.sessionSeconds ?? 3600 };
  const handoff = handoffActions({
    store: new HandoffStore(handlerStore('createTokenHandler', options, 'emzano-handoff', now), handoffLimits, now),
    codeSeconds: handoffLimits.codeSeconds,
    identities,
    authorize: options.authorize,
    // The phone's session renews with its handoff key, never a refresh token.
    grant: (userId, progress) => grant(userId, progress, ''),
    stream: { pollMs: 1000, heartbeatMs: 15_000, maxDurationMs: 600_000, retryMs: 2000, ...options.stream },
    report: (type, status, userId) => report({ type, status, ...(userId ? { userId } : {}) }),
  });

  async function grant(userId: string, progress: KycProgress, refreshToken: string): Promise<TokenGrant> {
    const token = await mintWithRetry(upstream, userId);
    const nowSeconds = Math.floor(now() / 1000);
    return {
      userId,
      accessToken: token.accessToken,
      refreshToken,
      expiresAt: toExpiresAt(token.expiresIn, options.expiresIn ?? 'auto', nowSeconds),
      progress,
    };
  }

  function refuse(status: number, reason: TokenRefusal, message: string, event: TokenHandlerEvent['type'], userId?: string): Response {
    report({ type: event, status, ...(userId ? { userId } : {}) });
    return failure(status, { code: 1, reason, message });
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
    const followed = request.method === 'GET' ? new URL(request.url).searchParams.get('handoff') : null;
    if (request.method !== 'POST' && followed === null) {
      return failure(405, { code: 1, message: 'Use POST (or GET ?handoff={id} to follow a handoff).' }, { Allow: 'GET, POST' });
    }
    const refusal = await guardRequest(request, options);
    if (refusal) {
      report({ type: 'rejected', status: refusal.status });
      return refusal;
    }
    if (followed !== null) return handoff.follow(request, followed);
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
    if ('handoff' in body) {
      const wanted = parseHandoffRequest(body);
      if ('error' in wanted) {
        report({ type: 'rejected', status: 400, code: 1 });
        return failure(400, { code: 1, message: wanted.error, field: wanted.field });
      }
      try {
        return await handoff.handle(request, wanted.value);
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        report({ type: 'upstream-error', status: error.status, code: error.code });
        return failure(error.status, { code: error.code, message: error.message.split(options.apiKey).join('***') });
      }
    }
    const parsed = parseBody(body);
    if ('error' in parsed) {
      report({ type: 'rejected', status: 400, code: 1 });
      return failure(400, { code: 1, message: parsed.error, field: parsed.field });
    }
    const wanted = parsed.value;
    const action: TokenAction =
      'refreshToken' in wanted
        ? { action: 'refresh', userId: wanted.userId }
        : 'phoneNumber' in wanted
          ? { action: 'enrol' }
          : { action: 'mint', userId: wanted.userId };
    // The host first, before anything reaches Emzano: a stranger learns nothing, not even whether a pair exists.
    const host = await askHost(options.authorize, request, action);
    if ('refusal' in host) {
      report({ type: 'rejected', status: host.refusal.status });
      return host.refusal;
    }
    const { subject } = host;

    try {
      if ('refreshToken' in wanted) {
        const { userId } = wanted;
        const renewal = await refreshTokens.rotate(wanted.refreshToken, userId, subject);
        if (renewal.outcome === 'reused') {
          return refuse(401, 'refresh-reused', 'This refresh token was used before; its session is ended.', 'refresh-reused', userId);
        }
        if (renewal.outcome !== 'rotated') {
          return refuse(401, 'refresh-invalid', 'The refresh token is invalid or has expired.', 'rejected', userId);
        }
        const result = await grant(userId, renewal.progress, renewal.refreshToken);
        report({ type: 'refreshed', status: 200, userId });
        return json(result);
      }
      if (!('phoneNumber' in wanted)) {
        const { userId } = wanted;
        if (!(await identities.belongsTo(userId, subject))) {
          // The same answer whether the user is someone else's or unknown: nothing to learn from it.
          return refuse(403, 'not-allowed', 'Not allowed.', 'rejected', userId);
        }
        // Minting for a known user: Emzano has no progress call, so none is reported.
        const result = await grant(userId, NO_PROGRESS, await refreshTokens.issue(userId, subject, NO_PROGRESS));
        report({ type: 'minted', status: 200, userId });
        return json(result);
      }
      const { phoneNumber, nationalCode } = wanted;
      const { userId, progress } = await enroll(upstream, phoneNumber, nationalCode);
      if (!(await identities.bind(userId, subject, { phoneNumber, nationalCode }))) {
        return refuse(403, 'identity-taken', 'This identity is already linked to another account on this site.', 'identity-taken');
      }
      const result = await grant(userId, progress, await refreshTokens.issue(userId, subject, progress));
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
