import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonWithFile, SLICE_BYTES } from '../../../src/api/json-file-body.js';
import { Base64Recording } from '../../../src/capture/base64-recording.js';

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

describe('Base64Recording', () => {
  it('encodes chunks as they come, carrying the bytes that do not make a whole group, into one valid base64 text', async () => {
    const chunks = [7, 1, 0, 2, 3000, 5, 1024 * 17 + 1].map((size, index) => new Uint8Array(size).map((_, i) => (i * 31 + index) % 256));
    const encoder = new Base64Recording();
    for (const chunk of chunks) encoder.add(new Blob([chunk]));
    const text = await (await encoder.finish()).text();
    assert.equal(text, Buffer.concat(chunks).toString('base64'));
  });
  it('is what the JSON body carries when it is given, instead of encoding the file again', async () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    const encoder = new Base64Recording();
    encoder.add(new Blob([bytes]));
    const body = await jsonWithFile({}, { blob: new Blob([new Uint8Array(3)]), fileName: 'v.webm', base64: encoder.finish() });
    assert.equal(
      (JSON.parse(await body.text()) as { fileData: { content: string } }).fileData.content,
      Buffer.from(bytes).toString('base64'),
    );
  });
});
