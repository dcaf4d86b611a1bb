/**
 * The contract between the elements and the host's token endpoint (served by the server kit's
 * `createTokenHandler`). Shared by both sides so they cannot drift apart.
 */
import { isRecord } from './is-record.js';
import type { HandoffRefusal } from './handoff-contract.js';
import type { KycProgress } from './kyc-flow.js';

/** Browser → host: start an attempt. */
export interface EnrolRequest {
  phoneNumber: string;
  nationalCode: string;
}

/** Browser → host: renew the user token of an attempt already enrolled. */
export interface RefreshRequest {
  userId: string;
  refreshToken: string;
}

/**
 * Browser → host: a token for a person who already finished KYC (for `<emzano-sign-pdf>`). The
 * host's `authorize` hook must vouch that this visitor is that user.
 */
export interface MintRequest {
  userId: string;
}

/** What a signed-in attempt needs to call Emzano; what one element can hand to another. */
export interface EmzanoSession {
  userId: string;
  accessToken: string;
  /**
   * Never in what an element hands out (`emzano-complete`'s detail): page scripts never see one.
   * A session without it renews by asking the host's token endpoint for the same user.
   */
  refreshToken?: string;
  /** When the access token expires, in Unix seconds. */
  expiresAt: number;
  /** Where the browser calls Emzano with it, when the host said (its `browserApiBase`); an element's own `api-base` wins. */
  apiBase?: string;
}

/** Host → browser, for every request. */
export interface TokenGrant {
  userId: string;
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, in Unix seconds. */
  expiresAt: number;
  progress: KycProgress;
  /** Where the browser calls Emzano with this token (the host's `browserApiBase`: the sandbox, say); absent for Emzano's production API. */
  apiBase?: string;
}

/**
 * Why the server kit refused, beside code 1, so the browser can tell the person plainly:
 * `not-allowed` (the host's `authorize` said no), `identity-taken` (this identity is bound to
 * another of the host's users), `refresh-invalid` (unknown, expired or capped), `refresh-reused`
 * (a spent refresh token came back: its whole family is revoked).
 */
export type TokenRefusal = 'not-allowed' | 'identity-taken' | 'refresh-invalid' | 'refresh-reused';

/** Every endpoint's guard: a request from an origin not allowed, or over the host's rate limit. */
export type GuardRefusal = 'origin-not-allowed' | 'rate-limited';

/** Host → browser on failure: an Emzano code (or 1 for bad input) and a message for logs. */
export interface TokenEndpointError {
  code: number;
  message: string;
  /** The request field that was rejected, for input errors. */
  field?: string;
  /** Set when the server kit refused the caller rather than the input. */
  reason?: TokenRefusal | HandoffRefusal | GuardRefusal;
}

/** Reads a grant from untrusted JSON; `undefined` when the shape is wrong. */
export function parseTokenGrant(value: unknown): TokenGrant | undefined {
  if (!isRecord(value)) return undefined;
  const { userId, accessToken, refreshToken, expiresAt, progress } = value;
  if (typeof userId !== 'string' || userId === '') return undefined;
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  if (typeof refreshToken !== 'string' || typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return undefined;
  const flags = isRecord(progress) ? progress : {};
  const { apiBase } = value;
  return {
    userId,
    accessToken,
    refreshToken,
    expiresAt,
    // Only an http(s) origin the host named: anything else is ignored, and the element's own setting applies.
    ...(typeof apiBase === 'string' && /^https?:\/\//.test(apiBase) ? { apiBase } : {}),
    progress: {
      infoInquiry: flags['infoInquiry'] === true,
      faceRecognition: flags['faceRecognition'] === true,
      signature: flags['signature'] === true,
    },
  };
}
