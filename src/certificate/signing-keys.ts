/**
 * The person's signing key, made in this browser: an RSA key pair (RSASSA-PKCS1-v1_5, SHA-256,
 * 2048 bits) whose private key is not extractable, so no script (ours included) can ever read its
 * bytes; it only signs. Kept as the CryptoKey objects themselves (see store/key-store.ts).
 */
import { addClientErrors } from '../core/error-catalog.js';
import { EmzanoError } from '../core/errors.js';

/** RSASSA-PKCS1-v1_5 with SHA-256, 2048 bits: what the RA's CAs certify and DSS signs with. */
export const SIGNING_KEY_ALGORITHM: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

addClientErrors({
  'webcrypto-unsupported': {
    retryable: false,
    fa: 'این مرورگر نمی‌تواند کلید امضا بسازد. با نسخهٔ تازهٔ Chrome، Edge، Firefox یا Safari دوباره تلاش کنید.',
    en: 'This browser cannot make a signing key. Please try again in an up-to-date Chrome, Edge, Firefox or Safari.',
  },
});

/** A new key pair for signing; `webcrypto-unsupported` where the browser cannot make one (no Web Crypto, an insecure page). */
export async function makeSigningKey(): Promise<CryptoKeyPair> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle)
    throw new EmzanoError('webcrypto-unsupported', { detail: 'crypto.subtle is not available (is the page served over HTTPS?)' });
  try {
    return (await subtle.generateKey(SIGNING_KEY_ALGORITHM, false, ['sign', 'verify'])) as CryptoKeyPair;
  } catch (error) {
    throw new EmzanoError('webcrypto-unsupported', { cause: error });
  }
}

/** The public key as SPKI DER: what a certificate must certify for this key to sign with it. */
export async function publicKeySpki(keys: CryptoKeyPair): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey));
}
