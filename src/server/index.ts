/**
 * emzano-elements/server: request handlers the host mounts on its own server so that secrets
 * (the Emzano API key) never reach the browser. Web-standard Request → Response.
 */
export { createTokenHandler, toExpiresAt } from './token-handler.js';
export { createKycVerifier } from './verify-kyc.js';
export type { KycVerifierOptions, VerifyKycInput, KycVerification } from './verify-kyc.js';
export type { GuardOptions } from './request-guards.js';
export type { TokenHandlerOptions, TokenHandlerEvent, ExpiresInFormat } from './token-handler.js';
export type { EnrolRequest, RefreshRequest, MintRequest, TokenGrant, TokenEndpointError, EmzanoSession } from '../core/token-contract.js';
