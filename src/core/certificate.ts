/**
 * A signer's X.509 certificate as DSS takes it (`SignerCertificate`: base64 DER), from whatever a
 * host has: a PEM text (one certificate, armour and line breaks ignored), bare base64, or the DER
 * bytes. Anything else is `undefined`: the caller reports it.
 */
import { bytesToBase64 } from './base64.js';

export type CertificateInput = string | ArrayBuffer | Uint8Array;

const PEM_ARMOUR = /-----(BEGIN|END) CERTIFICATE-----/g;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function certificateBase64(certificate: unknown): string | undefined {
  if (typeof certificate === 'string') {
    const text = certificate.replace(PEM_ARMOUR, '').replace(/\s+/g, '');
    return text !== '' && text.length % 4 === 0 && BASE64.test(text) ? text : undefined;
  }
  if (certificate instanceof ArrayBuffer) return certificate.byteLength > 0 ? bytesToBase64(new Uint8Array(certificate)) : undefined;
  if (certificate instanceof Uint8Array) return certificate.length > 0 ? bytesToBase64(certificate) : undefined;
  return undefined;
}
