/**
 * `<emzano-kyc>`'s evidence package, loaded with the first `exportEvidence()` call: the selfie
 * video and the signature image sent to Emzano, and the manifest with the user id, the sentence
 * read and the registry details confirmed.
 */
import type { KycPerson } from '../events/kyc-events.js';
import { buildEvidencePackage, evidenceUnavailable, type ExportEvidenceOptions } from './evidence-package.js';

/** What one KYC attempt sent, kept by the element (in memory) for the evidence package. */
export interface KycRecord {
  video?: { blob: Blob; fileName: string; sentence: string; sentAt: string };
  signature?: { blob: Blob; sentAt: string };
  userId?: string;
  completedAt?: string;
}

/** The zip for `record`; rejects with `evidence-unavailable` before anything was sent. */
export async function kycEvidence(
  record: KycRecord,
  context: { userId: string | null; step: string; person: KycPerson | null },
  options: ExportEvidenceOptions,
): Promise<Blob> {
  const { video, signature } = record;
  const files = [];
  if (video) files.push({ name: video.fileName, blob: video.blob, createdAt: video.sentAt });
  if (signature) files.push({ name: 'signature.png', blob: signature.blob, createdAt: signature.sentAt });
  if (files.length === 0) throw evidenceUnavailable();
  return buildEvidencePackage(
    {
      element: 'emzano-kyc',
      userId: record.userId ?? context.userId,
      files,
      details: {
        step: context.step,
        completedAt: record.completedAt ?? null,
        sentence: video?.sentence ?? null,
        person: context.person,
      },
    },
    options,
  );
}
