/**
 * The contract between the elements and the host's token endpoint (served by the server kit's
 * `createTokenHandler`). Shared by both sides so they cannot drift apart.
 */
import { isRecord } from './is-record.js';
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
  refreshToken: string;
  /** When the access token expires, in Unix seconds. */
  expiresAt: number;
}

/** Host → browser, for every request. */
export interface TokenGrant {
  userId: string;
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, in Unix seconds. */
  expiresAt: number;
  progress: KycProgress;
}

/** Host → browser on failure: an Emzano code (or 1 for bad input) and a message for logs. */
export interface TokenEndpointError {
  code: number;
  message: string;
  /** The request field that was rejected, for input errors. */
  field?: string;
}

/** Reads a grant from untrusted JSON; `undefined` when the shape is wrong. */
export function parseTokenGrant(value: unknown): TokenGrant | undefined {
  if (!isRecord(value)) return undefined;
  const { userId, accessToken, refreshToken, expiresAt, progress } = value;
  if (typeof userId !== 'string' || userId === '') return undefined;
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  if (typeof refreshToken !== 'string' || typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return undefined;
  const flags = isRecord(progress) ? progress : {};
  return {
    userId,
    accessToken,
    refreshToken,
    expiresAt,
    progress: {
      infoInquiry: flags['infoInquiry'] === true,
      faceRecognition: flags['faceRecognition'] === true,
      signature: flags['signature'] === true,
    },
  };
}
