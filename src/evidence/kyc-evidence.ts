/**
 * `<emzano-kyc>`'s evidence package, loaded with the first `exportEvidence()` call: every file the
 * attempt sent to the identity provider (the selfie video and the signature image; with Dipar also
 * the admittance video and the card photos), and the manifest with the user id, the sentence read
 * (and the admittance statement) and the registry details confirmed.
 */
import type { KycPerson } from '../events/kyc-events.js';
import { buildEvidencePackage, evidenceUnavailable, type ExportEvidenceOptions } from './evidence-package.js';
import type { KycRecord } from './sent-files.js';

export type { KycRecord, SentFile } from './sent-files.js';

/** The zip for `record`; rejects with `evidence-unavailable` before anything was sent. */
export async function kycEvidence(
  record: KycRecord,
  context: { userId: string | null; step: string; person: KycPerson | null },
  options: ExportEvidenceOptions,
): Promise<Blob> {
  const sent = record.sent ?? [];
  const files = sent.map((file) => ({ name: file.name, blob: file.blob, createdAt: file.sentAt }));
  if (files.length === 0) throw evidenceUnavailable();
  const sentenceOf = (step: string) => sent.find((file) => file.step === step)?.sentence;
  const statement = sentenceOf('admittance');
  return buildEvidencePackage(
    {
      element: 'emzano-kyc',
      userId: record.userId ?? context.userId,
      files,
      details: {
        step: context.step,
        completedAt: record.completedAt ?? null,
        sentence: sentenceOf('video') ?? null,
        ...(statement === undefined ? {} : { statement }),
        person: context.person,
      },
    },
    options,
  );
}
