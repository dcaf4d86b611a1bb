/**
 * The streamed download behind `<emzano-sign-pdf src>`: what it hands pdf.js, when, and what it
 * does with a body longer or shorter than the server declared, or over the size limit.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { streamed } from '../../../src/components/pdf-viewer/pdf-download.js';
import { EmzanoError } from '../../../src/core/errors.js';

/** A body whose chunks the test sends one at a time (`next`), the first at once; the stream closes after the last. */
function body(chunks: Uint8Array[]) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({ start: (control) => void (controller = control) });
  let index = 0;
  const next = () => {
    const chunk = chunks[index++];
    if (chunk) controller.enqueue(chunk);
    else controller.close();
  };
  next();
  return { reader: stream.getReader(), next };
}

const bytes = (length: number, start = 0) => Uint8Array.from({ length }, (_, index) => (start + index) % 251);
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('pdf-download: a document streamed to pdf.js', () => {
  it('has the head at once, feeds every byte in order as it arrives, and ends with the whole file', async () => {
    const file = bytes(3000);
    const { reader, next } = body([file.subarray(0, 1500), file.subarray(1500, 2500), file.subarray(2500)]);
    const download = await streamed(reader, 3000, { maxSize: 10_000 });
    assert.equal(download.head.length, 1024);
    const fed: number[] = [];
    let done = false;
    download.stream!.feed(
      (chunk) => fed.push(chunk.length),
      () => (done = true),
    );
    assert.deepEqual(fed, [1500], 'what was here before the rest');
    const later = download.stream!.range(2000, 2600);
    next();
    await settle();
    assert.deepEqual(fed, [1500, 1000]);
    assert.equal(done, false);
    next();
    await settle();
    next();
    assert.deepEqual(await download.bytes, file);
    assert.deepEqual(fed, [1500, 1000, 500]);
    assert.equal(done, true);
    assert.deepEqual(await later, file.subarray(2000, 2600), 'a range asked for early is answered when here');
  });

  it('feeds only the declared length of a longer body, and keeps the whole file for the caller to open', async () => {
    const file = bytes(2000);
    const { reader, next } = body([file.subarray(0, 1200), file.subarray(1200)]);
    const download = await streamed(reader, 1500, { maxSize: 10_000 });
    let fed = 0;
    let done = false;
    download.stream!.feed(
      (chunk) => (fed += chunk.length),
      () => (done = true),
    );
    next();
    await settle();
    next();
    assert.deepEqual(await download.bytes, file);
    assert.equal(fed, 1500);
    assert.equal(done, false, 'pdf.js is not told the file is complete');
  });

  it('calls a body shorter than declared a failed download', async () => {
    const { reader, next } = body([bytes(1100)]);
    const download = await streamed(reader, 1500, { maxSize: 10_000 });
    let done = false;
    download.stream!.feed(
      () => undefined,
      () => (done = true),
    );
    next();
    await assert.rejects(download.bytes, (error: EmzanoError) => error.code === 'pdf-load-failed');
    await assert.rejects(download.stream!.range(0, 1400), (error: EmzanoError) => error.code === 'pdf-load-failed');
    assert.equal(done, false);
  });

  it('stops a body that grows past the size limit', async () => {
    const { reader, next } = body([bytes(1100), bytes(1000)]);
    const download = await streamed(reader, 1100, { maxSize: 2000 });
    next();
    await assert.rejects(download.bytes, (error: EmzanoError) => error.code === 'pdf-too-large');
  });
});
