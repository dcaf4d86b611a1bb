/**
 * The person's signing certificate in this browser, over its life: obtained for a key made here,
 * kept with that key, compared with what the host's endpoint says of it, revoked. No Lit and no
 * pkijs here: reading what is held costs IndexedDB only, and what needs pkijs (making a request,
 * reading a certificate) is `certificate-request.ts`, loaded when it is needed.
 */
import type { CertificateClient, CertificateSummary, RevocationReason } from '../core/certificate-contract.js';
import { addClientErrors } from '../core/error-catalog.js';
import { EmzanoError } from '../core/errors.js';
import { loadSigningKey, saveSigningKey, type StoredSigningKey } from '../store/key-store.js';

// What signing with the held certificate can meet; each way forward is a new certificate here.
addClientErrors({
  'certificate-missing': {
    retryable: false,
    fa: 'در این مرورگر گواهی امضایی برای شما نیست. ابتدا گواهی امضای خود را بگیرید.',
    en: 'There is no signing certificate for you in this browser. Please get your signing certificate first.',
  },
  'certificate-revoked': {
    retryable: false,
    fa: 'گواهی امضای شما باطل شده است و با آن نمی‌توان امضا کرد. گواهی تازه‌ای بگیرید.',
    en: 'Your signing certificate has been revoked and cannot sign. Please get a new one.',
  },
  'certificate-expired': {
    retryable: false,
    fa: 'گواهی امضای شما منقضی شده است. گواهی تازه‌ای بگیرید.',
    en: 'Your signing certificate has expired. Please get a new one.',
  },
});

/** What this browser holds for a scope, and the person's other active certificates. */
export interface CertificateStanding {
  /** The certificate whose key is in this browser; `undefined` when there is none (or the endpoint does not know it). */
  held: CertificateSummary | undefined;
  /** Active certificates of the person whose keys are not here (another browser or device). */
  elsewhere: CertificateSummary[];
  /** A key made here whose certificate has not arrived yet (the page was left while it was issued). */
  waitingKey: StoredSigningKey | undefined;
}

/** The held certificate as this browser last knew it, with its dates applied: no network. */
export async function storedCertificate(scope: string, now = Date.now()): Promise<CertificateSummary | undefined> {
  const certificate = (await loadSigningKey(scope))?.certificate;
  return certificate && withDates(certificate, now);
}

/** `issued` past its `notAfter` is `expired`, whoever said `issued`. */
function withDates(certificate: CertificateSummary, now: number): CertificateSummary {
  return certificate.status === 'issued' && Date.parse(certificate.notAfter) <= now ? { ...certificate, status: 'expired' } : certificate;
}

/**
 * The key and certificate this browser holds for `scope`, to sign with: the private key (never
 * its bytes) and the certificate as base64 DER. `certificate-missing`, `-revoked` or `-expired`
 * when there is nothing to sign with (the CA and DSS would refuse it anyway).
 */
export async function heldCredentials(scope: string, now = Date.now()): Promise<{ signer: CryptoKey; certificate: string }> {
  const stored = await loadSigningKey(scope);
  if (!stored?.certificate) throw new EmzanoError('certificate-missing');
  const { status, certificate } = withDates(stored.certificate, now);
  if (status !== 'issued') throw new EmzanoError(status === 'revoked' ? 'certificate-revoked' : 'certificate-expired');
  return { signer: stored.keys.privateKey, certificate };
}

/**
 * What the endpoint says, applied to what is held: a revocation made elsewhere is kept here, and
 * a certificate the endpoint does not know for the signed-in person is not shown as theirs (the
 * browser may hold another account's key under the same scope).
 */
export async function reconcile(
  client: CertificateClient,
  scope: string,
  signal?: AbortSignal,
  now = Date.now(),
): Promise<CertificateStanding> {
  const [stored, listed] = await Promise.all([loadSigningKey(scope), client.status(signal)]);
  const known = stored?.certificate && listed.find((entry) => entry.serialNumber === stored.certificate!.serialNumber);
  if (stored && known && known.status !== stored.certificate!.status) {
    await saveSigningKey(scope, { ...stored, certificate: { ...stored.certificate!, status: known.status } });
  }
  const held = known ? withDates({ ...stored!.certificate!, status: known.status }, now) : undefined;
  const elsewhere = listed.filter((entry) => withDates(entry, now).status === 'issued' && entry.serialNumber !== held?.serialNumber);
  return { held, elsewhere, waitingKey: stored && !stored.certificate ? stored : undefined };
}

/** Revokes the held certificate (or one elsewhere, by its serial number) and keeps the answer. */
export async function revokeCertificate(
  client: CertificateClient,
  scope: string,
  serialNumber: string,
  reason: RevocationReason,
  signal?: AbortSignal,
): Promise<CertificateSummary> {
  const answered = await client.revoke(serialNumber, reason, signal);
  const stored = await loadSigningKey(scope);
  if (stored?.certificate?.serialNumber === serialNumber) {
    await saveSigningKey(scope, { ...stored, certificate: { ...stored.certificate, status: 'revoked' } });
  }
  return answered;
}
