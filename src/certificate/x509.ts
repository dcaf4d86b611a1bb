/**
 * What a certificate says, read with pkijs: the browser checks the certificate the CA answered
 * certifies its own key, and the server kit checks the same before the browser sees it (each
 * reads it here, so both read it alike). Names are read by OID, values as text.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { base64ToBytes } from '../core/base64.js';
import { NAME_OID } from './names.js';

export { NAME_OID };

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';

export interface CertificateFacts {
  /** Hex, lower case. */
  serialNumber: string;
  /** The subject's CN. */
  commonName: string;
  /** The subject's `serialNumber`: the person's national code at the Iranian CAs. */
  nationalCode: string | undefined;
  /** The issuer's CN. */
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** The certified key, SPKI DER. */
  publicKey: Uint8Array;
}

/** One attribute of a name, as text; `undefined` when the name has none. */
export function nameValue(name: pkijs.RelativeDistinguishedNames, oid: string): string | undefined {
  const entry = name.typesAndValues.find((candidate) => candidate.type === oid);
  return entry ? String((entry.value as { valueBlock: { value: unknown } }).valueBlock.value) : undefined;
}

export const spkiOf = (key: pkijs.PublicKeyInfo) => new Uint8Array(key.toSchema().toBER(false));

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/** The RSA modulus size in bits, or 0 when the key is not RSA. */
export function rsaBits(key: pkijs.PublicKeyInfo): number {
  if (key.algorithm.algorithmId !== RSA_ENCRYPTION) return 0;
  const decoded = asn1js.fromBER(key.subjectPublicKey.valueBlock.valueHexView);
  if (decoded.offset === -1) return 0;
  const modulus = new pkijs.RSAPublicKey({ schema: decoded.result }).modulus.valueBlock.valueHexView;
  // The INTEGER carries a leading zero byte when its top bit is set.
  return (modulus.length - (modulus[0] === 0 ? 1 : 0)) * 8;
}

/** A certificate's facts from base64 DER (or DER); `undefined` when it is not a certificate. */
export function readCertificate(certificate: string | Uint8Array): CertificateFacts | undefined {
  let parsed: pkijs.Certificate;
  try {
    const der = typeof certificate === 'string' ? base64ToBytes(certificate) : certificate;
    parsed = pkijs.Certificate.fromBER(new Uint8Array(der).buffer);
  } catch {
    return undefined;
  }
  return {
    serialNumber: Array.from(parsed.serialNumber.valueBlock.valueHexView, (byte) => byte.toString(16).padStart(2, '0')).join(''),
    commonName: nameValue(parsed.subject, NAME_OID.commonName) ?? '',
    nationalCode: nameValue(parsed.subject, NAME_OID.serialNumber),
    issuer: nameValue(parsed.issuer, NAME_OID.commonName) ?? '',
    notBefore: parsed.notBefore.value,
    notAfter: parsed.notAfter.value,
    publicKey: spkiOf(parsed.subjectPublicKeyInfo),
  };
}
