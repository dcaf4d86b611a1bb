/**
 * Reads a document, checks it and opens it with pdf.js (started by pdf-start.ts), turning every
 * way a file can be unusable into a code the person gets a clear message for. Loaded with the
 * viewer's other parts, never with the element.
 */
import { addClientErrors } from '../../core/error-catalog.js';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { EmzanoError } from '../../core/errors.js';
import { startDownload, type Download } from './pdf-download.js';
import { keepWarm, startRenderer, stopWorker, type PdfStart } from './pdf-start.js';

addClientErrors({
  'pdf-not-pdf': {
    retryable: false,
    fa: 'این فایل PDF نیست. یک فایل PDF انتخاب کنید.',
    en: 'This file is not a PDF. Please choose a PDF file.',
  },
  'pdf-damaged': {
    retryable: false,
    fa: 'این فایل PDF آسیب دیده است و باز نمی‌شود.',
    en: 'This PDF is damaged and cannot be opened.',
  },
  'pdf-encrypted': {
    retryable: false,
    fa: 'این PDF رمزگذاری شده است. نسخهٔ بدون رمز آن را بارگذاری کنید.',
    en: 'This PDF is password-protected. Please load a copy without a password.',
  },
  'pdf-no-pages': {
    retryable: false,
    fa: 'این PDF هیچ صفحه‌ای ندارد.',
    en: 'This PDF has no pages.',
  },
  'pdf-too-large': {
    retryable: false,
    fa: 'این فایل بزرگ‌تر از حد مجاز است.',
    en: 'This file is larger than allowed.',
  },
  'pdf-load-failed': {
    retryable: true,
    fa: 'سند دریافت نشد. اتصال را بررسی کنید و دوباره تلاش کنید.',
    en: 'The document could not be downloaded. Check your connection and try again.',
  },
});

export type PdfSource = Blob | ArrayBuffer | Uint8Array | string;

export interface OpenOptions {
  maxSize: number;
  signal?: AbortSignal;
  /** pdf.js and the worker, started by the caller before it awaited anything (see pdf-start.ts). */
  started: PdfStart;
}

export interface OpenedPdf {
  /** pdf.js's document (another one after `drawOffMainThread`). */
  readonly document: PDFDocumentProxy;
  /** The file's bytes: what is sent to Emzano for signing. */
  bytes: Uint8Array<ArrayBuffer>;
  /**
   * When this document draws on the main thread but should not (it was the first on its workers,
   * opened before the renderer worker started): starts the renderer and opens the same bytes
   * again to draw there, calls `moved` with that document (the pages take it over), then closes
   * the first. Resolves false when nothing moved (already off the main thread, drawing there by
   * the host's choice, or closed meanwhile). A renderer that fails to start leaves pdf.js drawing
   * on the main thread, as before.
   */
  drawOffMainThread(moved: (document: PDFDocumentProxy) => void): Promise<boolean>;
  /** Releases the document; its worker is kept for the next document a while (see pdf-start.ts). */
  close(): Promise<void>;
}

/** Reads the source, checks it, and opens it with pdf.js. */
export async function openPdf(source: PdfSource, options: OpenOptions): Promise<OpenedPdf> {
  // pdf.js and its worker load while the file is read, as pdf.js itself does.
  const { started } = options;
  let download: Download;
  let pdfjs: Awaited<PdfStart['pdfjs']>;
  try {
    download = await startDownload(source, options);
    if (!startsWithPdfHeader(download.head)) throw new EmzanoError('pdf-not-pdf');
    pdfjs = await started.pdfjs;
  } catch (error) {
    keepWarm(started);
    throw error;
  }
  const { getDocument, PDFWorker, GlobalWorkerOptions } = pdfjs;
  const worker = (started.pdfWorker ??= new PDFWorker({ port: started.port as unknown as null }));
  // The document before on these workers must be gone: pdf.js lends the renderer to one at a time.
  await started.closing;
  /**
   * The renderer worker is used once it is running. The first document on new workers does not
   * wait for it: booting it beside the document worker slowed the first page by about a tenth
   * on a two-core machine (BENCHMARKS.md), so that page is drawn here and the renderer starts after.
   */
  const load = (renderer: Worker | undefined, data: Uint8Array<ArrayBuffer> | undefined) => {
    // Read by getDocument below, in the same task: the renderer this document draws with.
    GlobalWorkerOptions.rendererPorts = renderer ? [renderer] : [];
    // isEvalSupported is gone from pdf.js 6's types but kept for an older pdf.js a host may pin (decisions.md).
    const parameters: Parameters<typeof getDocument>[0] & { isEvalSupported: false } = {
      // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
      ...(data ? { data: data.slice() } : { range: streamTo(pdfjs, download) }),
      worker,
      isEvalSupported: false,
      stopAtErrors: true,
      disableWorkerRendering: !renderer,
    };
    return getDocument(parameters);
  };
  // A streamed file goes to pdf.js as it arrives; the rest is handed over whole.
  let task = download.stream ? load(started.renderer, undefined) : load(started.renderer, await download.bytes);
  options.signal?.addEventListener('abort', () => void task.destroy(), { once: true });
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    // The whole file before the document: signing needs every byte, and a file pdf.js opened
    // from its first part would not be the file the person signs if the rest failed.
    bytes = await download.bytes;
  } catch (error) {
    await task.destroy();
    keepWarm(started);
    throw error;
  }
  if (download.stream && bytes.length !== download.stream.length) {
    // More than the server declared (a compressed body whose encoding the page could not see):
    // what pdf.js was fed stopped at the declared length, so it is given the whole file instead.
    await task.destroy();
    task = load(started.renderer, bytes);
  }
  let document: PDFDocumentProxy;
  try {
    document = await task.promise;
  } catch (error) {
    // A document pdf.js could not open may say nothing of the worker, but a worker is cheap to
    // replace next to one left in a state nobody tested: it is stopped.
    stopWorker(started);
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') throw new EmzanoError('pdf-encrypted', { cause: error });
    if (options.signal?.aborted) throw new EmzanoError('aborted', { cause: error });
    throw new EmzanoError('pdf-damaged', { cause: error, detail: error instanceof Error ? error.message : undefined });
  }
  if (document.numPages < 1) {
    started.closing = task.destroy();
    keepWarm(started);
    await started.closing;
    throw new EmzanoError('pdf-no-pages');
  }
  let drawsOffMainThread = !!started.renderer;
  let reopening: ReturnType<typeof load> | undefined;
  let closed = false;
  return {
    get document() {
      return document;
    },
    bytes,
    drawOffMainThread: async (moved) => {
      if (drawsOffMainThread || reopening || closed) return false;
      const renderer = startRenderer(started);
      if (!renderer) return false;
      const next = (reopening = load(renderer, bytes));
      try {
        const reopened = await next.promise;
        if (closed) return false;
        const first = task;
        [task, document, drawsOffMainThread] = [next, reopened, true];
        moved(reopened);
        void first.destroy();
        return true;
      } catch {
        // Closed meanwhile (or the worker failed, which closing follows): nothing moved.
        if (!closed) void next.destroy();
        return false;
      } finally {
        reopening = undefined;
      }
    },
    close: async () => {
      closed = true;
      // Handed on before the document is torn down: the next document may be opening already.
      started.closing = Promise.all([task.destroy(), reopening?.destroy()]).then(() => undefined);
      keepWarm(started);
      await started.closing;
    },
  };
}

/** pdf.js's range transport over a download: every byte fed as it arrives, any range it asks for sooner answered when here. */
function streamTo(
  pdfjs: Awaited<PdfStart['pdfjs']>,
  download: Download,
): InstanceType<Awaited<PdfStart['pdfjs']>['PDFDataRangeTransport']> {
  const stream = download.stream!;
  const transport = new pdfjs.PDFDataRangeTransport(stream.length, null);
  transport.requestDataRange = (begin: number, end: number) => {
    void stream.range(begin, end).then(
      (chunk) => {
        try {
          transport.onDataRange(begin, chunk);
        } catch {
          // pdf.js no longer wants it (the document closed, or the range came by the stream first).
        }
      },
      () => undefined, // the download failed: openPdf reports it
    );
  };
  stream.feed(
    (chunk) => transport.onDataProgressiveRead(chunk),
    () => transport.onDataProgressiveDone(),
  );
  return transport;
}

/** `%PDF-` within the first KiB, as readers allow some leading bytes. */
function startsWithPdfHeader(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}
