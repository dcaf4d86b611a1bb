import { addClientErrors } from '../core/error-catalog.js';
import { EmzanoError } from '../core/errors.js';
import { loadZipJs } from './zip-loader.js';
import { buildManifest, MANIFEST_NAME, type EvidenceFile, type EvidenceManifest } from './evidence-manifest.js';

addClientErrors({
  'evidence-unavailable': {
    retryable: false,
    fa: 'هنوز مدرکی برای بسته‌بندی نیست: بسته پس از پایان کار ساخته می‌شود.',
    en: 'There is nothing to package yet: the evidence is available once the work is finished.',
  },
});

/** What `exportEvidence()` rejects with before there is anything to pack. */
export function evidenceUnavailable(): EmzanoError {
  return new EmzanoError('evidence-unavailable');
}

export interface ExportEvidenceOptions {
  /** When given, every entry is encrypted with AES-256 (WinZip AE-2), readable by 7-Zip and most archivers. */
  password?: string;
}

/** Already-compressed media gain nothing from deflate; storing them keeps the export fast. */
const STORE_AS_IS = /^(video|audio|image)\//;

/**
 * Builds the evidence zip: the files, then `manifest.json` with each file's SHA-256.
 */
export async function buildEvidencePackage(
  input: { element: EvidenceManifest['element']; userId: string | null; files: EvidenceFile[]; details: Record<string, unknown> },
  options: ExportEvidenceOptions = {},
): Promise<Blob> {
  const manifest = await buildManifest(input);
  const { ZipWriter, BlobWriter, BlobReader, TextReader } = await loadZipJs();
  const password = options.password || undefined;
  const zip = new ZipWriter(new BlobWriter('application/zip'), {
    ...(password ? { password, encryptionStrength: 3 as const } : {}),
  });
  for (const file of input.files) {
    await zip.add(file.name, new BlobReader(file.blob), {
      lastModDate: new Date(file.createdAt),
      level: STORE_AS_IS.test(file.blob.type) ? 0 : 6,
    });
  }
  await zip.add(MANIFEST_NAME, new TextReader(JSON.stringify(manifest, null, 2)), { lastModDate: new Date(manifest.exportedAt) });
  return zip.close();
}
