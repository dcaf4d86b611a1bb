/**
 * What the browser reports is never proof: a page can fire `emzano-complete` itself, with any
 * user id. The host asks instead about its own signed-in user: the verifier finds the Emzano user
 * that subject enrolled (the binding the token handler made) and asks Emzano, with the API key,
 * where that person got to. Emzano has no read-only progress call; enrolling a known person
 * answers their `UserId` and progress flags, and it is only ever made for a bound identity.
 */
import { NO_PROGRESS, type KycProgress } from '../core/kyc-flow.js';
import { IdentityBindings } from './identity-bindings.js';
import { handlerStore, type StoreOptions } from './store.js';
import { enroll, UpstreamError } from './upstream.js';

/** `storage`: the same store the token handler was given (its bindings are read here). */
export interface KycVerifierOptions extends StoreOptions {
  apiKey: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Clock, in milliseconds; replaced in tests. */
  now?: () => number;
}

export interface VerifyKycInput {
  /** The host's own signed-in user: the `subject` its `authorize` answered the token handler with. */
  subject: string;
  /** Also require the handwritten signature. Default false. */
  requireSignature?: boolean;
}

export interface KycVerification {
  /** True only when Emzano itself says the identity checks of this subject's person are complete. */
  verified: boolean;
  /** The Emzano user bound to the subject; absent when the subject never enrolled. */
  userId?: string;
  /**
   * Who the subject enrolled as (the mobile number and national code Emzano checked); absent when
   * the subject never enrolled. What a host hands on, with the names from its records, as the
   * CA's `personData` (`createCertificateHandler`'s `person`).
   */
  identity?: { phoneNumber: string; nationalCode: string };
  /** Which steps are done (all false for a subject that never enrolled). */
  progress: KycProgress;
}

export function createKycVerifier(options: KycVerifierOptions): (input: VerifyKycInput) => Promise<KycVerification> {
  if (typeof options.apiKey !== 'string' || options.apiKey === '') throw new TypeError('createKycVerifier: `apiKey` is required.');
  const identities = new IdentityBindings(handlerStore('createKycVerifier', options, 'emzano', options.now), options.now);
  const upstream = {
    apiKey: options.apiKey,
    baseUrl: options.baseUrl ?? 'https://api.emzano.com',
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: options.timeoutMs ?? 15_000,
  };
  return async function verifyKyc(input: VerifyKycInput): Promise<KycVerification> {
    if (typeof input?.subject !== 'string' || input.subject === '') throw new TypeError('verifyKyc: `subject` is required.');
    const bound = await identities.userOf(input.subject);
    // Never enrolled here: not verified, and nobody is asked (asking would enrol a stranger at Emzano).
    if (!bound) return { verified: false, progress: NO_PROGRESS };
    // Enrolled longer ago than the identity is kept: the person enrols again before anyone is asked.
    if (!bound.identity) return { verified: false, userId: bound.userId, progress: NO_PROGRESS };
    const { identity } = bound;
    try {
      const { userId, progress } = await enroll(upstream, identity.phoneNumber, identity.nationalCode);
      const complete = progress.infoInquiry && progress.faceRecognition && (!input.requireSignature || progress.signature);
      return { verified: complete && userId === bound.userId, userId: bound.userId, identity, progress };
    } catch (error) {
      // The caller gets Emzano's code, never the API key or a stack.
      if (error instanceof UpstreamError)
        throw new Error(`Emzano answered code ${error.code}: ${error.message.split(options.apiKey).join('***')}`);
      throw error;
    }
  };
}
