import type { RevocationReason } from '../core/certificate-contract.js';

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

declare global {
  interface GlobalEventHandlersEventMap {
    'emzano-certificate-issued': EmzanoCertificateIssuedEvent;
    'emzano-certificate-revoked': EmzanoCertificateRevokedEvent;
  }
}
