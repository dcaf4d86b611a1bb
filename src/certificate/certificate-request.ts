/**
 * Getting a certificate for a key made in this browser: the key, its PKCS#10 request, the host's
 * endpoint, and a check that what came back certifies this key before it is kept. With pkijs,
 * so loaded only when a certificate is asked for (or one issued while the page was away is
 * picked up).
 */
import { bytesToBase64 } from '../core/base64.js';
import type { CertificateClient, CertificateSummary } from '../core/certificate-contract.js';
import { EmzanoError } from '../core/errors.js';
import { loadSigningKey, saveSigningKey, type StoredSigningKey } from '../store/key-store.js';
import { createCsr } from './csr.js';
import { makeSigningKey, publicKeySpki } from './signing-keys.js';
import { readCertificate, sameBytes } from './x509.js';

export type RequestPhase = 'making-key' | 'requesting';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Told as each phase starts, for the person to see. */
  onPhase?: (phase: RequestPhase) => void;
  /**
   * Make a new key even when one made here earlier is still waiting for its certificate (which is
   * otherwise certified rather than made anew): after the CSR or the certificate was refused.
   */
  freshKey?: boolean;
}

/**
 * The certificate as this browser keeps it: what the certificate itself says (serial, names,
 * dates), not what the endpoint wrote beside it; `undefined` unless it certifies `publicKey`.
 */
function certifying(answered: CertificateSummary, publicKey: Uint8Array): CertificateSummary | undefined {
  const facts = readCertificate(answered.certificate);
  if (!facts || !sameBytes(facts.publicKey, publicKey)) return undefined;
  return {
    ...answered,
    serialNumber: facts.serialNumber,
    commonName: facts.commonName,
    issuer: facts.issuer,
    notBefore: facts.notBefore.toISOString(),
    notAfter: facts.notAfter.toISOString(),
  };
}

/**
 * A new key pair (non-extractable) and a certificate for it, kept together under `scope`. The key
 * is kept before it is certified, so a page left mid-way loses nothing (`adoptIssued`).
 */
export async function obtainCertificate(
  client: CertificateClient,
  scope: string,
  options: RequestOptions = {},
): Promise<CertificateSummary> {
  const earlier = await loadSigningKey(scope);
  let stored = earlier && !earlier.certificate && !options.freshKey ? earlier : undefined;
  if (!stored) {
    options.onPhase?.('making-key');
    stored = { keys: await makeSigningKey(), createdAt: Date.now() };
    await saveSigningKey(scope, stored);
  }
  options.onPhase?.('requesting');
  const csr = await createCsr(stored.keys);
  const answered = await client.issue(bytesToBase64(csr), options.signal);
  const certificate = certifying(answered, await publicKeySpki(stored.keys));
  // The endpoint checks this too; the browser does not take its word that it did.
  if (!certificate)
    throw new EmzanoError('certificate-invalid', { detail: 'the certificate does not certify the key made in this browser' });
  await saveSigningKey(scope, { ...stored, certificate });
  return certificate;
}

/** The certificate among `candidates` that certifies the waiting key, kept with it; `undefined` when none does. */
export async function adoptIssued(
  scope: string,
  waitingKey: StoredSigningKey,
  candidates: CertificateSummary[],
): Promise<CertificateSummary | undefined> {
  const publicKey = await publicKeySpki(waitingKey.keys);
  for (const candidate of candidates) {
    const certificate = certifying(candidate, publicKey);
    if (certificate) {
      await saveSigningKey(scope, { ...waitingKey, certificate });
      return certificate;
    }
  }
  return undefined;
}
