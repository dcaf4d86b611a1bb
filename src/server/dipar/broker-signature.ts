/**
 * Dipar's non-repudiation (reference §11): "the entire value of the `Result` parameter is turned
 * into Base64 text and then hashed", the hash is `DataToSign`, and that is "signed with the
 * broker's private key" into `E_Signature`. The reference leaves the recipe open (its
 * Ambiguities 22); the default follows its words and the sample sizes (a 20-byte `DataToSign`, a
 * 128-byte `E_Signature`), and each part is an option (docs/decisions.md):
 *
 * - the `Result` text exactly as received (UTF-8), never parsed and serialised again, in base64;
 * - `DataToSign` = base64 of SHA-1 over that base64 text;
 * - `E_Signature` = RSASSA-PKCS1-v1_5 with SHA-1 over that base64 text, with the broker's key.
 *
 * Nothing is reported as verified unless both hold.
 */
import { base64ToBytes, bytesToBase64 } from '../../core/base64.js';
import { rawMember } from './raw-json.js';

export interface BrokerSignatureRecipe {
  /** The hash of `DataToSign` and of the signature scheme. Default `SHA-1` (the sample sizes). */
  hash?: 'SHA-1' | 'SHA-256';
  /**
   * What `E_Signature` signs: `result-base64` (the base64 text of `Result`; the default, as the
   * reference's sentence reads) or `data-to-sign` (the `DataToSign` text itself).
   */
  signs?: 'result-base64' | 'data-to-sign';
}

/** Why a signed answer is not believed. */
export type BrokerSignatureProblem = 'unsigned' | 'unreadable' | 'digest-mismatch' | 'signature-invalid';

export class BrokerSignatureError extends Error {
  constructor(readonly problem: BrokerSignatureProblem) {
    super(`The broker's signature does not hold: ${problem}`);
    this.name = 'BrokerSignatureError';
  }
}

const encoder = new TextEncoder();

/** The broker's public key (SPKI PEM or base64 DER), for RSASSA-PKCS1-v1_5 with `hash`. */
export function importBrokerKey(key: string, hash: BrokerSignatureRecipe['hash'] = 'SHA-1'): Promise<CryptoKey> {
  const der = base64ToBytes(key.replace(/-----[^-]+-----|\s/g, ''));
  return crypto.subtle.importKey('spki', der, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify']);
}

/**
 * The `Result` of a `/api/citizen/*` answer (`body` as received), once its `DataToSign` and
 * `E_Signature` are checked against `brokerKey`; throws `BrokerSignatureError` otherwise.
 */
export async function verifiedResult(body: string, brokerKey: CryptoKey, recipe: BrokerSignatureRecipe = {}): Promise<unknown> {
  const hash = recipe.hash ?? 'SHA-1';
  let envelope: Record<string, unknown>;
  try {
    envelope = JSON.parse(body) as Record<string, unknown>;
  } catch {
    throw new BrokerSignatureError('unreadable');
  }
  const [dataToSign, signature] = [envelope['DataToSign'], envelope['E_Signature']];
  const raw = rawMember(body, 'Result');
  if (typeof dataToSign !== 'string' || typeof signature !== 'string' || !dataToSign || !signature)
    throw new BrokerSignatureError('unsigned');
  if (raw === undefined) throw new BrokerSignatureError('unreadable');
  const resultBase64 = bytesToBase64(encoder.encode(raw));
  const digest = new Uint8Array(await crypto.subtle.digest(hash, encoder.encode(resultBase64)));
  if (bytesToBase64(digest) !== dataToSign.trim()) throw new BrokerSignatureError('digest-mismatch');
  let signatureBytes: Uint8Array<ArrayBuffer>;
  try {
    signatureBytes = base64ToBytes(signature.trim());
  } catch {
    throw new BrokerSignatureError('signature-invalid');
  }
  const signed = encoder.encode(recipe.signs === 'data-to-sign' ? dataToSign.trim() : resultBase64);
  const valid = await crypto.subtle.verify('RSASSA-PKCS1-v1_5', brokerKey, signatureBytes, signed).catch(() => false);
  if (!valid) throw new BrokerSignatureError('signature-invalid');
  return JSON.parse(raw) as unknown;
}
