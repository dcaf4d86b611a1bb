/**
 * Signing a PDF through Emzano DSS, the whole sequence and nothing else: `dss/digest` prepares the
 * document and answers what to sign, the signer (a WebCrypto key in this browser, or the host's
 * own) signs it, `dss/put-sign` answers the signed PDF. No DOM: testable in Node against the
 * emulator. The element shows progress and failures; this module only says what happened.
 */
import { certificateBase64, type CertificateInput } from '../core/certificate.js';
import { EmzanoError } from '../core/errors.js';
import type { PdfField } from '../core/pdf-geometry.js';
import { webCryptoSigner, type Signer } from '../signing/signer.js';
import type { DssClient, DssInput } from './dss-client.js';

export interface SignDocumentInput {
  pdf: Blob;
  fileName: string;
  /** The signer's certificate: PEM or base64 DER text, or the DER bytes (see `certificateBase64`). */
  certificate: CertificateInput;
  userId: string;
  field: PdfField;
  /** Who signs the digest: the host's own signer, or a private key for the built-in WebCrypto one. */
  signer: Signer | CryptoKey;
}

export interface SignDocumentOptions {
  signal?: AbortSignal;
  /**
   * Upload progress of the call in flight (0–1), or `undefined` while the signer works between
   * the two uploads (no bar then).
   */
  onProgress?: (fraction: number | undefined) => void;
}

/**
 * Digest → sign → put-sign. Resolves with the signed PDF; rejects with an `EmzanoError`
 * (`signer-missing` when the certificate cannot be read, before anything is sent).
 */
export async function signDocument(dss: DssClient, input: SignDocumentInput, options: SignDocumentOptions = {}): Promise<Blob> {
  const certificate = certificateBase64(input.certificate);
  if (!certificate) throw new EmzanoError('signer-missing');
  const signer = typeof input.signer === 'function' ? input.signer : webCryptoSigner(input.signer);
  const dssInput: DssInput = { pdf: input.pdf, fileName: input.fileName, certificate, userId: input.userId, field: input.field };
  const { signal, onProgress } = options;
  const upload = { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) };
  onProgress?.(0);
  const digest = await dss.digest(dssInput, upload);
  onProgress?.(undefined);
  const signedDigest = await signer(digest, { userId: input.userId, certificate, field: input.field });
  signal?.throwIfAborted();
  onProgress?.(0);
  const signed = await dss.putSign(dssInput, signedDigest, upload);
  onProgress?.(undefined);
  return signed;
}
