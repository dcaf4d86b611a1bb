/**
 * What the server kit checks before it spends the customer's credentials on a CSR, and again
 * before the browser sees the certificate the CA answered: the browser checks the same, but the
 * server must not take its word (docs/security.md). On pkijs, the one X.509 library.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { base64ToBytes } from '../../core/base64.js';

const OID = { rsaEncryption: '1.2.840.113549.1.1.1', serialNumber: '2.5.4.5', commonName: '2.5.4.3' };

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

function nameValue(name: pkijs.RelativeDistinguishedNames, oid: string): string | undefined {
  const entry = name.typesAndValues.find((candidate) => candidate.type === oid);
  return entry ? String((entry.value as { valueBlock: { value: unknown } }).valueBlock.value) : undefined;
}

/** The RSA modulus size in bits, or 0 when the key is not RSA. */
function rsaBits(key: pkijs.PublicKeyInfo): number {
  if (key.algorithm.algorithmId !== OID.rsaEncryption) return 0;
  const decoded = asn1js.fromBER(key.subjectPublicKey.valueBlock.valueHexView);
  if (decoded.offset === -1) return 0;
  const modulus = new pkijs.RSAPublicKey({ schema: decoded.result }).modulus.valueBlock.valueHexView;
  // The INTEGER carries a leading zero byte when its top bit is set.
  return (modulus.length - (modulus[0] === 0 ? 1 : 0)) * 8;
}

const spkiOf = (key: pkijs.PublicKeyInfo) => new Uint8Array(key.toSchema().toBER(false));

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
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
  const named = nameValue(request.subject, OID.serialNumber);
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
  let certificate: pkijs.Certificate;
  try {
    certificate = pkijs.Certificate.fromBER(base64ToBytes(base64).buffer);
  } catch {
    throw new CertificateCheckError('certificate-unreadable');
  }
  if (!sameBytes(spkiOf(certificate.subjectPublicKeyInfo), expected.publicKey)) throw new CertificateCheckError('certificate-key');
  if (nameValue(certificate.subject, OID.serialNumber) !== expected.nationalCode) throw new CertificateCheckError('certificate-person');
  const notBefore = certificate.notBefore.value;
  const notAfter = certificate.notAfter.value;
  if (notBefore.getTime() > expected.now || notAfter.getTime() <= expected.now) throw new CertificateCheckError('certificate-dates');
  return {
    serialNumber: Array.from(certificate.serialNumber.valueBlock.valueHexView, (byte) => byte.toString(16).padStart(2, '0')).join(''),
    commonName: nameValue(certificate.subject, OID.commonName) ?? '',
    issuer: nameValue(certificate.issuer, OID.commonName) ?? '',
    notBefore,
    notAfter,
  };
}
