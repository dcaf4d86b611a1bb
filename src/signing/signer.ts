/**
 * Who signs the digest. Emzano's DSS never holds the private key: it returns a digest (base64 of
 * the CMS signed attributes) and takes back the signature. A host can sign anywhere (an HSM, a
 * phone app, a smart card) by giving `<emzano-sign-pdf>` a `signer`; the built-in one uses a
 * WebCrypto key in the browser.
 */
import { base64ToBytes, bytesToBase64 } from '../core/base64.js';
import type { PdfField } from '../core/pdf-geometry.js';

export interface SignerContext {
  userId: string;
  /** The signer certificate sent to DSS, base64 DER. */
  certificate: string;
  field: PdfField;
}

/** Signs Emzano's `Digest` (base64) and answers the `SignedDigest` (base64). */
export type Signer = (digest: string, context: SignerContext) => Promise<string>;

/** RSASSA-PKCS1-v1_5 with SHA-256 over the digest's bytes, with a non-extractable key if you like. */
export function webCryptoSigner(key: CryptoKey): Signer {
  return async (digest) => {
    const signature = await crypto.subtle.sign({ name: 'RSASSA-PKCS1-v1_5' }, key, base64ToBytes(digest));
    return bytesToBase64(new Uint8Array(signature));
  };
}
