/**
 * emzano-elements/server: request handlers the host mounts on its own server so that secrets
 * (the Emzano API key) never reach the browser. Web-standard Request → Response.
 */
export { createEmzanoKit } from './kit.js';
export type { EmzanoKit, EmzanoKitConfig, KitAction } from './kit.js';
export { createTokenHandler, toExpiresAt } from './token-handler.js';
export { createHandoffHandler } from './handoff-handler.js';
export type { HandoffHandlerOptions } from './handoff-handler.js';
export { authorizeAnyone } from './authorize.js';
export { forgetSubject } from './forget-subject.js';
export type { ForgottenSubject } from './forget-subject.js';
export type { Authorization, Authorize } from './authorize.js';
export { createKycVerifier } from './verify-kyc.js';
export type { KycVerifierOptions, VerifyKycInput, KycVerification } from './verify-kyc.js';
export type { GuardOptions } from './request-guards.js';
export type { PipelineOptions, KitErrorContext, RefusalBody } from './pipeline.js';
export type { StoreOptions } from './store.js';
export type { TokenHandlerOptions, TokenHandlerEvent, TokenAction, ExpiresInFormat } from './token-handler.js';
export type { HandoffAction } from './handoff/handoff-actions.js';
export type { HandoffRequest, HandoffStatus, HandoffState, HandoffTicket, HandoffRefusal, PhoneHandoff } from '../core/handoff-contract.js';
export type {
  EnrolRequest,
  RefreshRequest,
  MintRequest,
  TokenGrant,
  TokenEndpointError,
  TokenRefusal,
  GuardRefusal,
  EmzanoSession,
} from '../core/token-contract.js';
export { createClmHandler } from './clm-handler.js';
export type { ClmHandlerOptions } from './clm-handler.js';
export { createClmCallbackHandler, clmCallbackUrl, CLM_DOCUMENT_STATES } from './clm-callback.js';
export type { ClmCallbackOptions, ClmDocumentStateEvent, ClmFinalState } from './clm-callback.js';
export { buildTemplatePayload, TemplatePayloadError } from '../core/clm-template.js';
export type {
  TemplatePayloadInput,
  TemplatePayload,
  TemplateProblem,
  TemplateFieldInput,
  TemplateRecipientInput,
} from '../core/clm-template.js';
export { amountInPersianWords, checkClmValue } from '../core/clm-fields.js';
export type { ClmValueType, ClmPlaceholder } from '../core/clm-fields.js';
export { createCertificateHandler } from './certificate-handler.js';
export { createDiparHandler, DiparError, DIPAR_BROWSER_PATHS, BrokerSignatureError } from './dipar-handler.js';
export type {
  DiparHandler,
  DiparHandlerOptions,
  DiparAction,
  DiparStart,
  DiparStep,
  DiparResult,
  DiparDataRequest,
} from './dipar-handler.js';
export type { BrokerSignatureRecipe, BrokerSignatureProblem } from './dipar/broker-signature.js';
export type { CertificateHandlerOptions, CertificateAction } from './certificate-handler.js';
export { createRaClient, RaError, RA_BASE_URL } from './ra/ra-client.js';
export type { RaClient, RaClientOptions, RaPersonData, RaProfile, RaFailure } from './ra/ra-client.js';
export type {
  CertificateRequest,
  CertificateSummary,
  CertificateRefusal,
  CertificateEndpointError,
  RevocationReason,
} from '../core/certificate-contract.js';
export { createRemoteVerificationHandler, VendorError, VERIFY_IDENTITY_PATH } from './remote-verification-handler.js';
export type {
  RemoteVerificationHandler,
  RemoteVerificationHandlerOptions,
  RemoteVerificationAction,
  RemoteCredits,
} from './remote-verification-handler.js';
export type { WebhookAuth } from './remote-verification/webhook-receiver.js';
export type { UnmatchedEvent } from './remote-verification/timeline-store.js';
export type { BackoffPolicy, VendorFailure } from './remote-verification/vendor-client.js';
export type { EventStreamOptions } from './event-stream.js';
export { toMadridTime, fromMadridTime } from '../core/madrid-time.js';
export { normalizeInternationalPhone, normalizeSpanishId } from '../core/remote-request.js';
export { checkRemoteRequest } from '../core/remote-request-parameters.js';
export type { RemoteRequestInput, RemoteFieldProblem } from '../core/remote-request.js';
export type { VerificationParameters } from '../core/remote-request-parameters.js';
export { CERTIFICATE_STATUS } from '../core/remote-verification-contract.js';
export type {
  RemoteVerificationEvent,
  RemoteVerificationTimeline,
  RemoteResult,
  RemoteDocument,
  RemoteSendResult,
} from '../core/remote-verification-contract.js';
