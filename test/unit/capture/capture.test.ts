import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cameraErrorCode, openCamera } from '../../../src/capture/camera.js';
import type { EmzanoError } from '../../../src/core/errors.js';
import { chooseRecordingFormat, fileType } from '../../../src/capture/recording-format.js';

describe('chooseRecordingFormat', () => {
  it('prefers MP4 when the browser can record it', () => {
    const format = chooseRecordingFormat((type) => type.startsWith('video/mp4;codecs=avc1'));
    assert.deepEqual(format, { mimeType: 'video/mp4;codecs=avc1.42E01E,mp4a.40.2', container: 'mp4', fileName: 'video.mp4' });
    assert.equal(fileType(format!), 'video/mp4');
  });
  it('falls back to WebM, and to nothing', () => {
    assert.deepEqual(
      chooseRecordingFormat((type) => type === 'video/webm;codecs=vp8,opus'),
      { mimeType: 'video/webm;codecs=vp8,opus', container: 'webm', fileName: 'video.webm' },
    );
    assert.equal(
      chooseRecordingFormat(() => false),
      undefined,
    );
  });
  it('asks for WebM first for a provider that takes WebM, and falls back to MP4', () => {
    assert.equal(chooseRecordingFormat(() => true, 'webm')?.mimeType, 'video/webm;codecs=vp9,opus');
    assert.equal(chooseRecordingFormat((type) => type.startsWith('video/mp4'), 'webm')?.container, 'mp4');
  });
});

describe('cameraErrorCode', () => {
  const named = (name: string) => new DOMException('x', name);
  it('turns getUserMedia failures into codes with their own guidance', () => {
    assert.equal(cameraErrorCode(named('NotAllowedError')), 'camera-denied');
    assert.equal(cameraErrorCode(named('SecurityError')), 'camera-denied');
    assert.equal(cameraErrorCode(named('NotFoundError')), 'camera-not-found');
    assert.equal(cameraErrorCode(named('OverconstrainedError')), 'camera-not-found');
    assert.equal(cameraErrorCode(named('NotReadableError')), 'camera-busy');
    assert.equal(cameraErrorCode(new Error('other')), 'unknown');
  });
});

describe('openCamera', () => {
  it('refuses on a page that is not a secure context (http), with its own guidance', async () => {
    // Node has no isSecureContext: like an http page, nothing may ask for the camera.
    await assert.rejects(openCamera(), (error: EmzanoError) => error.code === 'camera-insecure-context');
  });
});
