/**
 * `<emzano-sign-pdf>`'s evidence package, loaded with the first `exportEvidence()` call: the
 * signed PDF, the signature image when one was drawn in the element, and the manifest with the
 * original document's SHA-256, the user id and the field.
 */
import { sha256Hex } from '../core/sha256.js';
import type { PdfField } from '../core/pdf-geometry.js';
import { buildEvidencePackage, evidenceUnavailable, type ExportEvidenceOptions } from './evidence-package.js';

/** One signing's results, kept by the element for the evidence package. */
export interface SigningRecord {
  pdf: Blob;
  original: Blob;
  field: PdfField;
  userId: string;
  signedAt: string;
  signature: { image: Blob; addedAt: string } | undefined;
}

/** The zip for `signing`; rejects with `evidence-unavailable` before anything was signed. */
export async function signingEvidence(signing: SigningRecord | undefined, fileName: string, options: ExportEvidenceOptions): Promise<Blob> {
  if (!signing) throw evidenceUnavailable();
  const base = fileName.replace(/\.pdf$/i, '') || 'document';
  const files = [{ name: `${base}-signed.pdf`, blob: signing.pdf, createdAt: signing.signedAt }];
  if (signing.signature) files.push({ name: 'signature.png', blob: signing.signature.image, createdAt: signing.signature.addedAt });
  return buildEvidencePackage(
    {
      element: 'emzano-sign-pdf',
      userId: signing.userId,
      files,
      details: {
        fileName,
        originalSha256: await sha256Hex(signing.original),
        signedAt: signing.signedAt,
        field: signing.field,
      },
    },
    options,
  );
}
