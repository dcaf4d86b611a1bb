import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { buildManifest } from '../../../src/evidence/evidence-manifest.js';

describe('evidence manifest', () => {
  it('lists each file with its type, size, time and SHA-256', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7 signed');
    const manifest = await buildManifest({
      element: 'emzano-sign-pdf',
      userId: 'u-1',
      files: [{ name: 'contract-signed.pdf', blob: new Blob([bytes], { type: 'application/pdf' }), createdAt: '2026-12-01T10:00:00.000Z' }],
      details: { field: { page: 1, x: 10, y: 20, width: 100, height: 40 } },
      now: new Date('2026-12-01T10:05:00Z'),
    });
    assert.deepEqual(manifest, {
      format: 'emzano-evidence/1',
      element: 'emzano-sign-pdf',
      exportedAt: '2026-12-01T10:05:00.000Z',
      userId: 'u-1',
      files: [
        {
          name: 'contract-signed.pdf',
          type: 'application/pdf',
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          createdAt: '2026-12-01T10:00:00.000Z',
        },
      ],
      details: { field: { page: 1, x: 10, y: 20, width: 100, height: 40 } },
    });
  });

  it('refuses two files of one name, or a file called manifest.json', async () => {
    const file = { name: 'a.png', blob: new Blob(['x']), createdAt: '2026-12-01T10:00:00.000Z' };
    await assert.rejects(buildManifest({ element: 'emzano-kyc', userId: null, files: [file, file], details: {} }), /Duplicate/);
    await assert.rejects(
      buildManifest({ element: 'emzano-kyc', userId: null, files: [{ ...file, name: 'manifest.json' }], details: {} }),
      /Duplicate/,
    );
  });
});
