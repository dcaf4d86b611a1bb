import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonWithFile, SLICE_BYTES } from '../../../src/api/json-file-body.js';

describe('jsonWithFile', () => {
  it('puts the file in fileData as base64, slice by slice, and the rest as JSON', async () => {
    const bytes = new Uint8Array(SLICE_BYTES * 2 + 5).map((_, index) => (index * 7919) % 256);
    const body = await jsonWithFile({ tokenValue: 'a"b', faceThreshold: -1 }, { blob: new Blob([bytes]), fileName: 'ProbVideo.webm' });
    assert.equal(body.type, 'application/json');
    const parsed = JSON.parse(await body.text()) as { tokenValue: string; faceThreshold: number; fileData: Record<string, string> };
    assert.equal(parsed.tokenValue, 'a"b');
    assert.equal(parsed.faceThreshold, -1);
    assert.deepEqual(Object.keys(parsed.fileData), ['name', 'fileName', 'content']);
    assert.equal(parsed.fileData['name'], 'FileData');
    assert.equal(parsed.fileData['fileName'], 'ProbVideo.webm');
    assert.deepEqual(new Uint8Array(Buffer.from(parsed.fileData['content']!, 'base64')), bytes);
  });
  it('stops between slices when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(jsonWithFile({}, { blob: new Blob([new Uint8Array(10)]), fileName: 'x.png' }, controller.signal));
  });
});
