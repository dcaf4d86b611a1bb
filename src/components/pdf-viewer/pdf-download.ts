/**
 * A document's bytes, read as they arrive. A URL whose length the server states is streamed:
 * pdf.js is given each chunk as it lands (its worker takes the file in while the rest downloads,
 * and the whole file is never copied across at the end), and the chunks are kept for signing.
 * Files, buffers and URLs of unknown length are read whole.
 */
import { EmzanoError } from '../../core/errors.js';
import type { PdfSource } from './pdf-loader.js';

/** Enough of the file for the header check (`%PDF-` within the first KiB). */
const HEAD_BYTES = 1024;

export interface Download {
  /** The first bytes (at least 1 KiB, or the whole file): what the header check reads. */
  head: Uint8Array;
  /** The whole file, once it is all here. Rejects with a clear error when the download fails. */
  bytes: Promise<Uint8Array<ArrayBuffer>>;
  /**
   * Present when the file streams: its declared length, and `feed`, which hands every byte
   * received (from the first) to `onChunk` as it arrives and then calls `onDone`. Bytes beyond
   * the declared length (a compressed body whose encoding the page could not see) are not fed:
   * `bytes` then resolves longer than `length`, and the caller opens the whole file instead.
   */
  stream?: {
    length: number;
    feed(onChunk: (chunk: Uint8Array) => void, onDone: () => void): void;
    /** Bytes `begin` to `end`, once they are here (pdf.js asks for a range it needs sooner). */
    range(begin: number, end: number): Promise<Uint8Array>;
  };
}

interface Options {
  maxSize: number;
  signal?: AbortSignal;
}

export async function startDownload(source: PdfSource, options: Options): Promise<Download> {
  if (typeof source !== 'string') return whole(await readLocal(source, options), options);
  let response: Response;
  try {
    response = await fetch(source, { signal: options.signal });
  } catch (error) {
    throw new EmzanoError(options.signal?.aborted ? 'aborted' : 'pdf-load-failed', { cause: error });
  }
  if (!response.ok) throw new EmzanoError('pdf-load-failed', { status: response.status });
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > options.maxSize) throw new EmzanoError('pdf-too-large');
  const encoding = response.headers.get('content-encoding') ?? 'identity';
  if (!response.body || !Number.isSafeInteger(declared) || declared <= 0 || encoding !== 'identity') {
    return whole(await readWhole(response, options), options);
  }
  return streamed(response.body.getReader(), declared, options);
}

function whole(bytes: Uint8Array<ArrayBuffer>, options: Options): Download {
  if (bytes.length > options.maxSize) throw new EmzanoError('pdf-too-large');
  return { head: bytes.subarray(0, HEAD_BYTES), bytes: Promise.resolve(bytes) };
}

async function readLocal(source: Blob | ArrayBuffer | Uint8Array, options: Options): Promise<Uint8Array<ArrayBuffer>> {
  if (source instanceof Uint8Array) return new Uint8Array(source);
  if (source instanceof ArrayBuffer) return new Uint8Array(source.slice(0));
  if (source.size > options.maxSize) throw new EmzanoError('pdf-too-large');
  return new Uint8Array(await source.arrayBuffer());
}

async function readWhole(response: Response, options: Options): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new EmzanoError(options.signal?.aborted ? 'aborted' : 'pdf-load-failed', { cause: error });
  }
}

/**
 * Reads `reader` into one buffer of the declared length (growing it if the server sends more),
 * starting now; resolves once the head is here.
 */
export async function streamed(reader: ReadableStreamDefaultReader<Uint8Array>, length: number, options: Options): Promise<Download> {
  let buffer = new Uint8Array(length);
  let received = 0;
  let finished = false;
  let failure: EmzanoError | undefined;
  /** Who waits for more bytes (the head, `upTo`, `feed`): woken after each chunk and at the end. */
  const waiting = new Set<() => void>();
  const wake = () => {
    for (const waiter of [...waiting]) waiter();
  };
  const until = (ready: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (failure) reject(failure);
        else if (ready() || finished) resolve();
        else return;
        waiting.delete(check);
      };
      waiting.add(check);
      check();
    });

  const bytes = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (received + value.length > options.maxSize) {
          void reader.cancel();
          throw new EmzanoError('pdf-too-large');
        }
        if (received + value.length > buffer.length) {
          const grown = new Uint8Array(Math.max(buffer.length * 2, received + value.length));
          grown.set(buffer.subarray(0, received));
          buffer = grown;
        }
        buffer.set(value, received);
        received += value.length;
        wake();
      }
    } catch (error) {
      failure =
        error instanceof EmzanoError ? error : new EmzanoError(options.signal?.aborted ? 'aborted' : 'pdf-load-failed', { cause: error });
      wake();
      throw failure;
    }
    finished = true;
    wake();
    // A body shorter than declared is a download cut short.
    if (received < length) throw (failure = new EmzanoError('pdf-load-failed', { detail: `${received} of ${length} bytes` }));
    return received === buffer.length ? buffer : buffer.slice(0, received);
  })();
  // The caller awaits `bytes` in its own time; a failure before then is reported there.
  bytes.catch(() => undefined);

  await until(() => received >= HEAD_BYTES);
  return {
    head: buffer.subarray(0, Math.min(received, HEAD_BYTES)),
    bytes,
    stream: {
      length,
      feed(onChunk, onDone) {
        let fed = 0;
        const pump = () => {
          const upTo = Math.min(received, length);
          // A copy: pdf.js takes the chunk's buffer for its worker.
          if (upTo > fed) onChunk(buffer.slice(fed, upTo));
          fed = upTo;
          if (finished && received === length) {
            waiting.delete(pump);
            onDone();
          } else if (failure || finished) waiting.delete(pump);
        };
        waiting.add(pump);
        pump();
      },
      async range(begin, end) {
        await until(() => received >= end);
        if (received < end) throw failure ?? new EmzanoError('pdf-load-failed');
        return buffer.slice(begin, end);
      },
    },
  };
}
