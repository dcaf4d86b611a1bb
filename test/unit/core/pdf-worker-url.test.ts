/** The Trusted Types policy's rule: pdf.js's workers, as shipped or as a bundler names them, and nothing else. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPdfWorkerScript } from '../../../src/core/pdf-worker-url.js';

describe('pdf.js worker scripts the policy vouches for', () => {
  it('takes pdf.js’s own names and a bundler’s hashed copies', () => {
    for (const path of [
      '/node_modules/pdfjs-dist/build/pdf.worker.min.mjs',
      '/emzano-elements/cdn/pdf.renderer.min.mjs',
      '/build/pdf.worker.mjs',
      '/assets/pdf.worker.min-CIqJB0yW.mjs', // Vite's `?url`
      '/static/pdf.renderer.min.3f9a1c2b.mjs', // webpack's [name].[contenthash]
      '/js/pdf.worker.js',
    ])
      assert.equal(isPdfWorkerScript(path), true, path);
  });

  it('refuses any other script, however it is named', () => {
    for (const path of [
      '/assets/evil.mjs',
      '/assets/pdf.worker.min.mjs/evil.js',
      '/assets/pdf.worker.min-x.mjs', // too short to be a content hash
      '/assets/not-pdf.worker.min.mjs',
      '/assets/pdf.workers.min.mjs',
      '/assets/pdf.worker.min.mjs.map',
      '/assets/pdf.worker.min-CIqJB0yW.mjs.txt',
      '/assets/pdf.worker-not-a-hash-at-all.mjs', // a name, not a hash
      '/assets/pdf.worker.evil_payload.mjs',
      '/static/pdf.renderer.min.3F9A1C2B.mjs', // a hex hash is lower case
    ])
      assert.equal(isPdfWorkerScript(path), false, path);
  });
});
