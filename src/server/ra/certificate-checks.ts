/**
 * What the server kit checks before it spends the customer's credentials on a CSR, and again
 * before the browser sees the certificate the CA answered: the browser checks the same, but the
 * server must not take its word (docs/security.md). On pkijs, the one X.509 library.
 */
import * as pkijs from 'pkijs';
import { base64ToBytes } from '../../core/base64.js';
import { NAME_OID, nameValue, readCertificate, rsaBits, sameBytes, spkiOf } from '../../certificate/x509.js';

/** Why a CSR or a certificate is refused. */
export type CertificateProblem =
  | 'csr-unreadable'
  | 'csr-signature'
  | 'csr-key'
  | 'csr-person'
  | 'certificate-unreadable'
  | 'certificate-key'
  | 'certificate-person'
  | 'certificate-dates';

export class CertificateCheckError extends Error {
  constructor(readonly problem: CertificateProblem) {
    super(problem);
    this.name = 'CertificateCheckError';
  }
}

function engine(): pkijs.CryptoEngine {
  return new pkijs.CryptoEngine({ name: 'emzano-elements-server', crypto: globalThis.crypto });
}

export interface CheckedCsr {
  /** The key the certificate must certify, SPKI DER. */
  publicKey: Uint8Array;
}

/**
 * A PKCS#10 request the CA would certify for this person: signed by its own key (so whoever
 * sent it holds that key), RSA of at least 2048 bits, and naming no one but `nationalCode`.
 */
export async function checkCsr(base64: string, nationalCode: string): Promise<CheckedCsr> {
  let request: pkijs.CertificationRequest;
  try {
    request = pkijs.CertificationRequest.fromBER(base64ToBytes(base64).buffer);
  } catch {
    throw new CertificateCheckError('csr-unreadable');
  }
  const signed = await request.verify(engine()).catch(() => false);
  if (!signed) throw new CertificateCheckError('csr-signature');
  if (rsaBits(request.subjectPublicKeyInfo) < 2048) throw new CertificateCheckError('csr-key');
  const named = nameValue(request.subject, NAME_OID.serialNumber);
  if (named !== undefined && named !== nationalCode) throw new CertificateCheckError('csr-person');
  return { publicKey: spkiOf(request.subjectPublicKeyInfo) };
}

export interface CheckedCertificate {
  /** Hex, lower case. */
  serialNumber: string;
  commonName: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
}

/**
 * The certificate the CA answered, before anyone relies on it: it certifies the CSR's key, names
 * the person (their national code as `serialNumber`) and is within its validity now.
 */
export function checkIssuedCertificate(
  base64: string,
  expected: { publicKey: Uint8Array; nationalCode: string; now: number },
): CheckedCertificate {
  const certificate = readCertificate(base64);
  if (!certificate) throw new CertificateCheckError('certificate-unreadable');
  if (!sameBytes(certificate.publicKey, expected.publicKey)) throw new CertificateCheckError('certificate-key');
  if (certificate.nationalCode !== expected.nationalCode) throw new CertificateCheckError('certificate-person');
  const { serialNumber, commonName, issuer, notBefore, notAfter } = certificate;
  if (notBefore.getTime() > expected.now || notAfter.getTime() <= expected.now) throw new CertificateCheckError('certificate-dates');
  return { serialNumber, commonName, issuer, notBefore, notAfter };
}
