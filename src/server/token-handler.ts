/**
 * The host's token endpoint: the only place the Emzano API key is used on behalf of the browser.
 * A Web-standard `(Request) => Promise<Response>`, so it mounts as-is in Next.js route handlers,
 * Hono, Deno, Bun and Cloudflare Workers, and in Node through `toNodeListener`.
 *
 * One route on the kit's pipeline: POST a body of one of three shapes (enrol, refresh, mint; the
 * contract in `core/token-contract.ts`). The phone handoff is not served here: it is its own
 * opt-in endpoint (`createHandoffHandler`).
 */
import { normalizeNationalCode, normalizePhoneNumber } from '../core/validation.js';
import { isRecord } from '../core/is-record.js';
import type { EnrolRequest, MintRequest, RefreshRequest, TokenRefusal } from '../core/token-contract.js';
import { NO_PROGRESS } from '../core/kyc-flow.js';
import { requireAuthorize, type Authorize } from './authorize.js';
import { emzanoAccount, type EmzanoAccountOptions } from './emzano-account.js';
import { RefreshTokens } from './refresh-tokens.js';
import { refusal, route, type PipelineOptions, type Refusal } from './pipeline.js';
import { json } from './responses.js';
import { handlerStore } from './store.js';
import { enroll, UpstreamError } from './upstream.js';
import type { HandoffAction } from './handoff/handoff-actions.js';

export { toExpiresAt, type ExpiresInFormat } from './emzano-account.js';

/**
 * What `authorize` is asked about: starting an attempt, renewing one, a token for a user bound
 * earlier, or (on the handoff endpoint) a handoff to a phone, see `HandoffAction`.
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

export interface TokenHandlerOptions extends EmzanoAccountOptions, PipelineOptions {
  /**
   * Required. Who the host's signed-in user is: `{ subject }` (your own user id), or `false`
   * (403) or a Response of your own to refuse. Asked on every request. The Emzano user an
   * enrolment lands on is bound to that subject; refreshing and minting need the same subject.
   */
  authorize: Authorize<TokenAction>;
  /** How long one refresh token stays usable if unused. Default one hour (a KYC attempt). */
  refreshTtlSeconds?: number;
  /** How long a chain of refreshes may go on from the enrolment or mint that began it. Default 24 hours. */
  refreshMaxAgeSeconds?: number;
  /** Called once per request with what happened; safe to log. */
  onEvent?: (event: TokenHandlerEvent) => void;
}

const MAX_BODY_BYTES = 4096;

type TokenRequest = EnrolRequest | RefreshRequest | MintRequest;

export function createTokenHandler(options: TokenHandlerOptions): (request: Request) => Promise<Response> {
  const factory = 'createTokenHandler';
  requireAuthorize(factory, options.authorize);
  if ('handoff' in options || 'stream' in options) {
    // Continuing on a phone used to be folded in here; now it is asked for, on its own endpoint.
    throw new TypeError(
      `${factory}: the phone handoff is its own endpoint now: mount createHandoffHandler (or the kit's \`handoff\` section).`,
    );
  }
  const account = emzanoAccount(factory, options);
  const { identities, grant } = account;
  const refreshTokens = new RefreshTokens(handlerStore(factory, options, 'emzano-refresh', account.now), account.now, {
    ttlSeconds: options.refreshTtlSeconds ?? 3600,
    maxAgeSeconds: options.refreshMaxAgeSeconds ?? 86_400,
  });
  const { report, pipeline, onRefused, answering } = emzanoReporting(options, account.scrub);

  function refuse(status: number, reason: TokenRefusal, message: string, event: TokenHandlerEvent['type'], userId?: string): Response {
    report({ type: event, status, ...(userId ? { userId } : {}) });
    return refusal(status, reason, message, { code: 1 }).toResponse();
  }

  return route<TokenRequest, TokenAction>(
    {
      name: 'token',
      methods: ['POST'],
      maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
      parse: ({ body }) => parseTokenRequest(body),
      action: (wanted) =>
        'refreshToken' in wanted
          ? { action: 'refresh', userId: wanted.userId }
          : 'phoneNumber' in wanted
            ? { action: 'enrol' }
            : { action: 'mint', userId: wanted.userId },
      authorize: options.authorize,
      onRefused,
      act: ({ input: wanted, subject }) =>
        answering(async () => {
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
          const { userId, progress } = await enroll(account.upstream, phoneNumber, nationalCode);
          if (!(await identities.bind(userId, subject, { phoneNumber, nationalCode }))) {
            return refuse(403, 'identity-taken', 'This identity is already linked to another account on this site.', 'identity-taken');
          }
          const result = await grant(userId, progress, await refreshTokens.issue(userId, subject, progress));
          report({ type: 'enrolled', status: 200, userId });
          return json(result);
        }),
    },
    pipeline,
  );
}

/**
 * What the token and handoff endpoints share around the pipeline: one event per request for the
 * host's `onEvent` (an unexpected error as `internal-error`, a refusal as `rejected`), and
 * Emzano's failures answered as their refusal.
 */
export function emzanoReporting(
  options: PipelineOptions & { onEvent?: (event: TokenHandlerEvent) => void },
  scrub: (message: string) => string,
) {
  const report = (event: TokenHandlerEvent) => options.onEvent?.(event);
  const pipeline: PipelineOptions = {
    ...options,
    onError(error, context) {
      report({ type: 'internal-error', status: 500, code: 2 });
      options.onError?.(error, context);
    },
  };
  return {
    report,
    pipeline,
    onRefused: (status: number) => report({ type: 'rejected', status }),
    /** `work`'s answer; Emzano's failure answered, not thrown (the pipeline would report it again as a refusal). */
    async answering(work: () => Promise<Response>): Promise<Response> {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        report({ type: 'upstream-error', status: error.status, code: error.code });
        return upstreamRefusal(error, scrub).toResponse();
      }
    },
  };
}

/**
 * Emzano's failure, for the browser: its code (2 when Emzano is unreachable) and its message,
 * scrubbed of the key, for diagnostics.
 */
export function upstreamRefusal(error: UpstreamError, scrub: (message: string) => string): Refusal {
  return refusal(error.status, error.code === 2 ? 'emzano-unavailable' : 'emzano-refused', scrub(error.message), { code: error.code });
}

/** Reads a token request; a refusal names the field that is wrong (`code: 1`, as the browser reads it). */
export function parseTokenRequest(body: unknown): TokenRequest | Refusal {
  const invalid = (message: string, field: string) => refusal(400, 'bad-request', message, { code: 1, field });
  if (!isRecord(body)) return refusal(400, 'bad-request', 'The body must be a JSON object.', { code: 1 });
  if ('handoff' in body) {
    return invalid('Handoff requests go to the handoff endpoint (createHandoffHandler), not the token endpoint.', 'handoff');
  }
  if (!('phoneNumber' in body) && !('nationalCode' in body) && !('refreshToken' in body) && 'userId' in body) {
    const { userId } = body;
    if (typeof userId !== 'string' || userId === '') return invalid('`userId` is required.', 'userId');
    return { userId };
  }
  if ('refreshToken' in body) {
    const { userId, refreshToken } = body;
    if (typeof userId !== 'string' || userId === '') return invalid('`userId` is required.', 'userId');
    if (typeof refreshToken !== 'string' || refreshToken === '') return invalid('`refreshToken` is required.', 'refreshToken');
    return { userId, refreshToken };
  }
  const phone = normalizePhoneNumber(typeof body['phoneNumber'] === 'string' ? body['phoneNumber'] : '');
  if (!phone.ok) return invalid(`\`phoneNumber\` is not valid (${phone.error}).`, 'phoneNumber');
  const nationalCode = normalizeNationalCode(typeof body['nationalCode'] === 'string' ? body['nationalCode'] : '');
  if (!nationalCode.ok) return invalid(`\`nationalCode\` is not valid (${nationalCode.error}).`, 'nationalCode');
  return { phoneNumber: phone.value, nationalCode: nationalCode.value };
}
