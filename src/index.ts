/**
 * emzano-elements: classes, events and types. Importing this module registers nothing; import
 * `emzano-elements/kyc`, `emzano-elements/signature-pad` or `emzano-elements/all` for that.
 */
export { EmzanoKyc } from './components/kyc/emzano-kyc.js';
export { EmzanoSignaturePad } from './components/signature-pad/emzano-signature-pad.js';
export { EmzanoSignPdf } from './components/sign-pdf/emzano-sign-pdf.js';
export { EmzanoDocumentStatus } from './components/document-status/emzano-document-status.js';
export { EmzanoCertificate } from './components/certificate/emzano-certificate.js';
export * from './events/certificate-events.js';
export type { CertificateSummary, RevocationReason } from './core/certificate-contract.js';
export { EmzanoRemoteVerification } from './components/remote-verification/emzano-remote-verification.js';
export * from './events/remote-verification-events.js';
export type {
  RemoteVerificationEvent,
  RemoteVerificationTimeline,
  RemoteResult,
  RemoteDocument,
} from './core/remote-verification-contract.js';
export * from './events/document-status-events.js';
export type { ClmDocumentView, DocumentRecipient, DocumentState, RecipientState } from './core/clm-document.js';
export * from './events/sign-pdf-events.js';
export { webCryptoSigner, type Signer, type SignerContext } from './signing/signer.js';
export type { PdfField } from './core/pdf-geometry.js';
export type { ClmRecipient, RecipientRole, SendOptions, SignatureFieldOptions } from './core/clm-send.js';
export * from './events/kyc-events.js';
export * from './events/signature-events.js';
export { EmzanoError } from './core/errors.js';
export type { ErrorCode, ClientErrorCode } from './core/error-catalog.js';
export type { KycStep, KycProgress, SignatureMode } from './core/kyc-flow.js';
export type { ProviderName } from './providers/registry.js';
export type { TokenGrant, EnrolRequest, RefreshRequest, MintRequest, EmzanoSession } from './core/token-contract.js';
export type { Language } from './i18n/index.js';
