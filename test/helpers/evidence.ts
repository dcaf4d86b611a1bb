/** Opening an evidence zip the way an archive would, and checking every hash its manifest claims. */
import { expect } from '@open-wc/testing';
import { BlobReader, BlobWriter, configure, ZipReader } from '@zip.js/zip.js/lib/zip-core-native.js';
import { sha256Hex } from '../../src/core/sha256.js';
import type { EvidenceManifest } from '../../src/evidence/evidence-manifest.js';

configure({ useWebWorkers: false });

export interface OpenedEvidence {
  manifest: EvidenceManifest;
  files: Map<string, Blob>;
  encrypted: boolean[];
}

export async function openEvidence(zip: Blob, password?: string): Promise<OpenedEvidence> {
  const reader = new ZipReader(new BlobReader(zip), password ? { password } : {});
  const entries = await reader.getEntries();
  const files = new Map<string, Blob>();
  for (const entry of entries) {
    if (entry.directory) continue;
    files.set(entry.filename, await entry.getData(new BlobWriter()));
  }
  await reader.close();
  const manifestFile = files.get('manifest.json');
  expect(manifestFile, 'manifest.json in the zip').to.not.equal(undefined);
  const manifest = JSON.parse(await manifestFile!.text()) as EvidenceManifest;
  files.delete('manifest.json');
  return { manifest, files, encrypted: entries.map((entry) => entry.encrypted) };
}

/** Every file the manifest lists is in the zip with that size and SHA-256, and nothing else is. */
export async function expectHashesVerify({ manifest, files }: OpenedEvidence): Promise<void> {
  expect([...files.keys()].sort()).to.deep.equal(manifest.files.map((file) => file.name).sort());
  for (const entry of manifest.files) {
    const blob = files.get(entry.name)!;
    expect(blob.size, `${entry.name} size`).to.equal(entry.size);
    expect(await sha256Hex(blob), `${entry.name} SHA-256`).to.equal(entry.sha256);
    expect(Number.isNaN(Date.parse(entry.createdAt)), `${entry.name} time`).to.equal(false);
  }
}
