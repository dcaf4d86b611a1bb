/**
 * What the browser reports is never proof: a page can fire `emzano-complete` itself. Before the
 * host trusts a verification, it asks Emzano with its API key. Emzano has no read-only progress
 * call, so this re-reads the progress flags through enrolment, which for a known person answers
 * their `UserId` and what they have completed.
 */
import type { KycProgress } from '../core/kyc-flow.js';
import { normalizeNationalCode, normalizePhoneNumber } from '../core/validation.js';
import { enroll, UpstreamError } from './upstream.js';

export interface KycVerifierOptions {
  apiKey: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface VerifyKycInput {
  phoneNumber: string;
  nationalCode: string;
  /** The user id the browser reported; it must match Emzano's. */
  userId?: string;
  /** Also require the handwritten signature. Default false. */
  requireSignature?: boolean;
}

export interface KycVerification {
  /** True only when Emzano itself says the identity checks are complete (and the user id matches). */
  verified: boolean;
  userId: string;
  progress: KycProgress;
}

export function createKycVerifier(options: KycVerifierOptions): (input: VerifyKycInput) => Promise<KycVerification> {
  if (typeof options.apiKey !== 'string' || options.apiKey === '') throw new TypeError('createKycVerifier: `apiKey` is required.');
  const upstream = {
    apiKey: options.apiKey,
    baseUrl: options.baseUrl ?? 'https://api.emzano.com',
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: options.timeoutMs ?? 15_000,
  };
  return async function verifyKyc(input: VerifyKycInput): Promise<KycVerification> {
    const phone = normalizePhoneNumber(input.phoneNumber);
    const nationalCode = normalizeNationalCode(input.nationalCode);
    if (!phone.ok || !nationalCode.ok) throw new TypeError('verifyKyc: phoneNumber or nationalCode is not valid.');
    try {
      const { userId, progress } = await enroll(upstream, phone.value, nationalCode.value);
      const complete = progress.infoInquiry && progress.faceRecognition && (!input.requireSignature || progress.signature);
      return { verified: complete && (input.userId === undefined || input.userId === userId), userId, progress };
    } catch (error) {
      // The caller gets Emzano's code, never the API key or a stack.
      if (error instanceof UpstreamError)
        throw new Error(`Emzano answered code ${error.code}: ${error.message.split(options.apiKey).join('***')}`);
      throw error;
    }
  };
}
