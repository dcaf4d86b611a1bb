/**
 * What the token endpoint and the handoff endpoint share with Emzano: the API key's calls, which
 * of the host's users each Emzano user belongs to, and how a session is granted. Each handler
 * builds its own over the same store, so a handoff finds the bindings the token endpoint made.
 */
import type { KycProgress } from '../core/kyc-flow.js';
import type { TokenGrant } from '../core/token-contract.js';
import { DEFAULT_IDENTITY_RETENTION_SECONDS, IdentityBindings } from './identity-bindings.js';
import { handlerStore, type StoreOptions } from './store.js';
import { mintUserToken, UpstreamError, type UpstreamConfig } from './upstream.js';

/**
 * How to read Emzano's `ExpiresIn`, documented only as "epoch time":
 * `auto` treats values above 10^12 as Unix milliseconds, above 10^9 as Unix seconds, and smaller
 * ones as a lifetime in seconds.
 */
export type ExpiresInFormat = 'auto' | 'unix-seconds' | 'unix-milliseconds' | 'lifetime-seconds';

/** The Emzano account, as every handler that speaks to Emzano takes it. */
export interface EmzanoAccountOptions extends StoreOptions {
  /** Emzano API key, sent as the raw `Authorization` header. Stays on the server. */
  apiKey: string;
  /** Emzano API origin. Default `https://api.emzano.com`. */
  baseUrl?: string;
  /**
   * Where the browser calls Emzano, sent with every token (`apiBase`), so that pages need no
   * `api-base`: the sandbox's address, say (the kit sets it there). Not sent when not given: the
   * elements then call Emzano's production API, or their own `api-base`.
   */
  browserApiBase?: string;
  /** How to read Emzano's `ExpiresIn`. Default `auto`. */
  expiresIn?: ExpiresInFormat;
  /** Time limit for each Emzano call. Default 15 s. */
  timeoutMs?: number;
  /** Replaced in tests or to route through a proxy. */
  fetch?: typeof fetch;
  /** Clock, in milliseconds; replaced in tests. */
  now?: () => number;
  /**
   * How long the mobile number and national code a person enrolled with are kept after their last
   * enrolment (the verifier asks Emzano again with them). Default 180 days; after that,
   * `verifyKyc` answers not verified until the person enrols again. Which Emzano user belongs to
   * which subject is kept until `forgetSubject`, so it never passes to someone else.
   */
  identityRetentionSeconds?: number;
}

export interface EmzanoAccount {
  upstream: UpstreamConfig;
  identities: IdentityBindings;
  now: () => number;
  /** A session for `userId`: a new user token from Emzano, with `refreshToken` (empty for a phone's). */
  grant(userId: string, progress: KycProgress, refreshToken: string): Promise<TokenGrant>;
  /** Emzano's message for the browser, with the API key scrubbed in case it ever echoes it. */
  scrub(message: string): string;
}

export function emzanoAccount(factory: string, options: EmzanoAccountOptions): EmzanoAccount {
  if (typeof options.apiKey !== 'string' || options.apiKey === '') {
    throw new TypeError(`${factory}: \`apiKey\` is required.`);
  }
  const upstream: UpstreamConfig = {
    apiKey: options.apiKey,
    baseUrl: options.baseUrl ?? 'https://api.emzano.com',
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: options.timeoutMs ?? 15_000,
  };
  const now = options.now ?? Date.now;
  const retention = options.identityRetentionSeconds ?? DEFAULT_IDENTITY_RETENTION_SECONDS;
  if (!Number.isFinite(retention) || retention < 60) {
    throw new TypeError(`${factory}: \`identityRetentionSeconds\` must be a number of seconds (at least 60).`);
  }
  const expiresIn = options.expiresIn ?? 'auto';
  if (!['auto', 'unix-seconds', 'unix-milliseconds', 'lifetime-seconds'].includes(expiresIn)) {
    throw new TypeError(`${factory}: \`expiresIn\` must be 'auto', 'unix-seconds', 'unix-milliseconds' or 'lifetime-seconds'.`);
  }
  const { browserApiBase } = options;
  if (browserApiBase !== undefined && !/^https?:\/\/[^/]/.test(browserApiBase)) {
    throw new TypeError(`${factory}: \`browserApiBase\` must be an http(s) origin, e.g. "http://localhost:8787".`);
  }
  const identities = new IdentityBindings(handlerStore(factory, options, 'emzano', now), now, retention);
  return {
    upstream,
    identities,
    now,
    async grant(userId, progress, refreshToken) {
      const token = await mintWithRetry(upstream, userId);
      return {
        userId,
        accessToken: token.accessToken,
        refreshToken,
        expiresAt: toExpiresAt(token.expiresIn, expiresIn, Math.floor(now() / 1000)),
        progress,
        ...(browserApiBase ? { apiBase: browserApiBase } : {}),
      };
    },
    scrub: (message) => message.split(options.apiKey).join('***'),
  };
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
