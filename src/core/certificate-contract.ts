/**
 * What `<emzano-certificate>` and the host's certificate endpoint (`createCertificateHandler`)
 * say to each other: one JSON POST per action. The browser never names whose certificate it
 * asks for: the endpoint's `authorize` says who is signed in, and its `person` who that is.
 */
import { isRecord } from './is-record.js';

/** Revocation reasons the person can give (RFC 5280 CRLReason names; the endpoint maps them to the CA's numbers). */
export const REVOCATION_REASONS = ['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export type CertificateRequest =
  /** A certificate for the signed-in person's key: `csr` is the PKCS#10 request, base64 DER. */
  | { action: 'issue'; csr: string }
  /** Revokes one of the signed-in person's certificates. */
  | { action: 'revoke'; serialNumber: string; reason: RevocationReason }
  /** The signed-in person's certificates, as the endpoint recorded them. */
  | { action: 'status' };

export interface CertificateSummary {
  /** Hex, lower case. */
  serialNumber: string;
  /** The certificate, base64 DER. */
  certificate: string;
  commonName: string;
  issuer: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  status: 'issued' | 'revoked' | 'expired';
}

/** The host's certificate endpoint as the browser calls it (`api/certificate-client.ts`). */
export interface CertificateClient {
  /** A certificate for this browser's key: `csr` is the PKCS#10 request, base64 DER. */
  issue(csr: string, signal?: AbortSignal): Promise<CertificateSummary>;
  revoke(serialNumber: string, reason: RevocationReason, signal?: AbortSignal): Promise<CertificateSummary>;
  /** The signed-in person's certificates, as the endpoint recorded them. */
  status(signal?: AbortSignal): Promise<CertificateSummary[]>;
}

/** Why the endpoint refused; the element has a message in fa and en for each. */
export type CertificateRefusal =
  | 'not-allowed'
  | 'identity-missing'
  | 'ca-unavailable'
  | 'ca-refused'
  | 'certificate-exists'
  | 'csr-invalid'
  | 'certificate-invalid'
  | 'certificate-unknown'
  | 'bad-request';

export interface CertificateEndpointError {
  reason: CertificateRefusal;
  message: string;
}

/** A summary from untrusted JSON; `undefined` when the shape is wrong. */
export function parseCertificateSummary(value: unknown): CertificateSummary | undefined {
  if (!isRecord(value)) return undefined;
  const texts = ['serialNumber', 'certificate', 'commonName', 'issuer', 'notBefore', 'notAfter'] as const;
  if (!texts.every((name) => typeof value[name] === 'string')) return undefined;
  if (value['status'] !== 'issued' && value['status'] !== 'revoked' && value['status'] !== 'expired') return undefined;
  return Object.fromEntries([...texts, 'status'].map((name) => [name, value[name]])) as unknown as CertificateSummary;
}
