import type { CertificateSummary, RevocationReason } from '../core/certificate-contract.js';

export interface EmzanoCertificateIssuedDetail {
  /** The certificate, base64 DER: what `<emzano-sign-pdf>` sends to DSS as `SignerCertificate`. */
  certificate: string;
  /** ISO 8601. */
  notAfter: string;
  /** Hex, lower case. */
  serialNumber: string;
}

/** Fired when the CA issued a certificate for a key made in this browser, and it was kept with the key. */
export class EmzanoCertificateIssuedEvent extends Event {
  static readonly eventName = 'emzano-certificate-issued';
  constructor(readonly detail: EmzanoCertificateIssuedDetail) {
    super(EmzanoCertificateIssuedEvent.eventName, { bubbles: true, composed: true });
  }
}

export interface EmzanoCertificateRevokedDetail {
  /** Hex, lower case. */
  serialNumber: string;
  reason: RevocationReason;
}

/** Fired when one of the person's certificates was revoked (by them, or replaced by a renewal). */
export class EmzanoCertificateRevokedEvent extends Event {
  static readonly eventName = 'emzano-certificate-revoked';
  constructor(readonly detail: EmzanoCertificateRevokedDetail) {
    super(EmzanoCertificateRevokedEvent.eventName, { bubbles: true, composed: true });
  }
}

export interface EmzanoCertificateChangeDetail {
  /** The certificate whose key is in this browser, with its status now; `undefined` when there is none. */
  certificate: CertificateSummary | undefined;
}

/**
 * Fired when what the element shows as held changes: after reading what this browser holds and
 * what the endpoint says of it, and after each issuance or revocation.
 */
export class EmzanoCertificateChangeEvent extends Event {
  static readonly eventName = 'emzano-certificate-change';
  constructor(readonly detail: EmzanoCertificateChangeDetail) {
    super(EmzanoCertificateChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'emzano-certificate-issued': EmzanoCertificateIssuedEvent;
    'emzano-certificate-revoked': EmzanoCertificateRevokedEvent;
    'emzano-certificate-change': EmzanoCertificateChangeEvent;
  }
}
