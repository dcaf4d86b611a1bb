import type { ErrorCode } from '../core/error-catalog.js';
import type { KycStep } from '../core/kyc-flow.js';

/** The stages of `<emzano-sign-pdf>` an error can belong to. */
export type SignPdfStep = 'load' | 'signature' | 'sign' | 'send';

/** `<emzano-document-status>` has one: following the document. */
export type DocumentStatusStep = 'status';

/** `<emzano-certificate>` has one: getting, renewing or revoking the certificate. */
export type CertificateStep = 'certificate';

/** `<emzano-remote-verification>`'s: sending the link, following the request, fetching its certificate. */
export type RemoteVerificationStep = 'send' | 'follow' | 'certificate';

export interface EmzanoErrorDetail {
  /** Emzano's numeric code, or a client code such as `network` or `camera-denied`. */
  code: ErrorCode;
  /** The message shown to the person, in their language. */
  message: string;
  /** The step the error happened in: a KYC step, `load`, `signature`, `sign` or `send` in `<emzano-sign-pdf>`, `status` in `<emzano-document-status>`, `certificate` in `<emzano-certificate>`, `send`, `follow` or `certificate` in `<emzano-remote-verification>`. */
  step: KycStep | SignPdfStep | DocumentStatusStep | CertificateStep | RemoteVerificationStep;
  retryable: boolean;
  /** For the developer, in English: with `invalid-property`, which property was set to what. */
  detail?: string | undefined;
}

/** Fired for every failure the person is shown. */
export class EmzanoErrorEvent extends Event {
  static readonly eventName = 'emzano-error';
  constructor(readonly detail: EmzanoErrorDetail) {
    super(EmzanoErrorEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'emzano-error': EmzanoErrorEvent;
  }
}
