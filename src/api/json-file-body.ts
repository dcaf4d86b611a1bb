/**
 * A JSON request body that carries a file as base64 inside it (Dipar's `fileData.content`),
 * assembled as a Blob of parts: the file is read and encoded a slice at a time, each slice a short
 * task, so a long video never holds the main thread, and the body is never one huge string.
 * The upload (XMLHttpRequest) sends the Blob as it is.
 */
import { bytesToBase64 } from '../core/base64.js';

/** Bytes encoded per slice: a multiple of 3, so slices join into one valid base64 text (≈ 5 ms each). */
export const SLICE_BYTES = 3 * 256 * 1024;

/** Stands where the base64 goes while the rest of the body is serialised. */
const MARK = '\u0000file-content\u0000';

/**
 * `fields` as JSON, with `fileData: { name: "FileData", fileName, content: <file as base64> }`
 * added. `signal` stops the encoding between slices.
 */
export async function jsonWithFile(
  fields: Record<string, unknown>,
  file: { blob: Blob; fileName: string; base64?: Promise<Blob> | undefined },
  signal?: AbortSignal,
): Promise<Blob> {
  const text = JSON.stringify({ ...fields, fileData: { name: 'FileData', fileName: file.fileName, content: MARK } });
  const marker = JSON.stringify(MARK).slice(1, -1);
  const at = text.indexOf(marker);
  const parts: BlobPart[] = [text.slice(0, at)];
  // Encoded already (while it was recorded): the body is made of references, nothing copied.
  const encoded = await file.base64?.catch(() => undefined);
  if (encoded) parts.push(encoded);
  else
    for (let offset = 0; offset < file.blob.size; offset += SLICE_BYTES) {
      signal?.throwIfAborted();
      // Reading the slice ends the task: other work (and the next frame) runs between slices.
      const bytes = new Uint8Array(await file.blob.slice(offset, offset + SLICE_BYTES).arrayBuffer());
      parts.push(bytesToBase64(bytes));
    }
  parts.push(text.slice(at + marker.length));
  return new Blob(parts, { type: 'application/json' });
}
