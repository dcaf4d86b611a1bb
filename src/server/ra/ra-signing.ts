/**
 * The RA gateway's request signatures (pki-ca-ra-api.md §4.3): RSA PKCS#1 v1.5 with SHA-1, made
 * with the customer's RSA private key, base64. Inputs written `Unicode(…)` are .NET's
 * `Encoding.Unicode` of the text: UTF-16LE, no byte-order mark. Web Crypto only, so the server
 * kit runs on Node and on edge runtimes alike; the key never leaves this module's caller.
 */
import { base64ToBytes, bytesToBase64 } from '../../core/base64.js';

/**
 * What a signature over a value written without `Unicode()` (`Sign_RSAWithSHA1(csr)`,
 * `Sign_RSAWithSHA1(certificate)`) covers, which the reference leaves open (its Ambiguity 1):
 * `der`, the decoded bytes of the base64 value (the default: the function takes bytes elsewhere,
 * and a CSR's or a certificate's bytes are its DER); `utf16le`, the base64 text as `Unicode()`
 * would give it.
 */
export type UnwrappedSigningInput = 'der' | 'utf16le';

/** .NET's `Encoding.Unicode.GetBytes(text)`: UTF-16LE code units, no byte-order mark. */
export function utf16le(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(text.length * 2);
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    bytes[index * 2] = unit & 0xff;
    bytes[index * 2 + 1] = unit >> 8;
  }
  return bytes;
}

/** The bytes a value written without `Unicode()` is signed as. */
export function unwrappedBytes(base64: string, input: UnwrappedSigningInput): Uint8Array<ArrayBuffer> {
  return input === 'der' ? base64ToBytes(base64) : utf16le(base64);
}

/**
 * The customer's private key from PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), imported for
 * SHA-1 signatures and not extractable. A PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`) is refused with
 * the command that converts it, since Web Crypto reads PKCS#8 only.
 */
export async function importCustomerKey(pem: string): Promise<CryptoKey> {
  if (typeof pem !== 'string' || pem.trim() === '')
    throw new TypeError('customerKey: the customer’s RSA private key (PKCS#8 PEM) is required.');
  if (/BEGIN RSA PRIVATE KEY/.test(pem)) {
    throw new TypeError(
      'customerKey: this is a PKCS#1 key; convert it with `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem`.',
    );
  }
  const match = /-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/.exec(pem);
  if (!match?.[1]) throw new TypeError('customerKey: expected a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----).');
  try {
    return await crypto.subtle.importKey('pkcs8', base64ToBytes(match[1]), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }, false, ['sign']);
  } catch {
    throw new TypeError('customerKey: the PEM does not hold an RSA private key.');
  }
}

/** `Base64(Sign_RSAWithSHA1(bytes))`. */
export async function signRsaSha1(key: CryptoKey, bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return bytesToBase64(new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, bytes)));
}

/** `Base64(Sign_RSAWithSHA1(Unicode(text)))`. */
export function signUnicode(key: CryptoKey, text: string): Promise<string> {
  return signRsaSha1(key, utf16le(text));
}
