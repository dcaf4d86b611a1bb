/**
 * The manifest of an evidence package: what each file is, when it was made and its SHA-256, so
 * an archive can later prove that nothing in the zip was changed. Pure: no zip, no DOM.
 */
import { sha256Hex } from '../core/sha256.js';

/** One file going into the package. */
export interface EvidenceFile {
  /** Name inside the zip, e.g. `video.webm`. */
  name: string;
  blob: Blob;
  /** When the thing was recorded, drawn or signed (ISO 8601). */
  createdAt: string;
}

export interface EvidenceFileEntry {
  name: string;
  type: string;
  size: number;
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: string;
  createdAt: string;
}

export interface EvidenceManifest {
  /** Version of this manifest's shape. */
  format: 'emzano-evidence/1';
  /** The element that made the package. */
  element: 'emzano-kyc' | 'emzano-sign-pdf';
  /** When the package was built (ISO 8601). */
  exportedAt: string;
  /** Emzano's user id for the person, when known. */
  userId: string | null;
  files: EvidenceFileEntry[];
  /** What the element adds: the field placed, the person's details, the sentence read, … */
  details: Record<string, unknown>;
}

export const MANIFEST_NAME = 'manifest.json';

export async function buildManifest(input: {
  element: EvidenceManifest['element'];
  userId: string | null;
  files: EvidenceFile[];
  details: Record<string, unknown>;
  now?: Date;
}): Promise<EvidenceManifest> {
  const names = new Set<string>();
  for (const { name } of input.files) {
    // A second file of the same name would hide the first when unzipped.
    if (names.has(name) || name === MANIFEST_NAME) throw new Error(`Duplicate evidence file name: ${name}`);
    names.add(name);
  }
  const files = await Promise.all(
    input.files.map(async ({ name, blob, createdAt }) => ({
      name,
      type: blob.type || 'application/octet-stream',
      size: blob.size,
      sha256: await sha256Hex(blob),
      createdAt,
    })),
  );
  return {
    format: 'emzano-evidence/1',
    element: input.element,
    exportedAt: (input.now ?? new Date()).toISOString(),
    userId: input.userId,
    files,
    details: input.details,
  };
}
