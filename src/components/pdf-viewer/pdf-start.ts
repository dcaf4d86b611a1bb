/**
 * What opening a document waits on longest, started the moment a document is set: pdf.js itself
 * (loaded once) and a worker (its boot is most of the time to the first page). A worker whose
 * document closed is kept a while and handed to the next document, which then starts warm. The
 * rest of the loader comes with the viewer's parts; this little stays in the element's own code.
 */
import { MODULE_URL } from '../../internal/module-url.js';

type PdfJs = typeof import('pdfjs-dist');

/**
 * Set by the build (scripts/build.mjs), absent in source: where the built files keep pdf.js's
 * worker, and, for the script-tag bundle, pdf.js itself, relative to the file running this.
 */
declare const __EMZANO_PDF_WORKER__: string | undefined;
declare const __EMZANO_PDFJS__: string | undefined;

/** Unbuilt (tests, the demo's dev server): pdf.js's own copy in node_modules. */
const SOURCE_WORKER_PATH = '../../../node_modules/pdfjs-dist/build/pdf.worker.min.mjs';

/** The worker shipped beside the built files, or pdf.js's own copy when running from source. */
export function defaultWorkerSrc(): string {
  const path = typeof __EMZANO_PDF_WORKER__ === 'string' ? __EMZANO_PDF_WORKER__ : SOURCE_WORKER_PATH;
  return new URL(path, MODULE_URL).href;
}

let pdfjs: Promise<PdfJs> | undefined;

/** pdf.js itself, loaded once. */
export function loadPdfJs(): Promise<PdfJs> {
  // The script-tag bundle loads pdf.js from the file beside it, so it is never inlined.
  pdfjs ??=
    typeof __EMZANO_PDFJS__ === 'string' ? import(/* @vite-ignore */ new URL(__EMZANO_PDFJS__, MODULE_URL).href) : import('pdfjs-dist');
  return pdfjs;
}

/**
 * A new pdf.js worker. We start it ourselves, so its URL can pass Trusted Types on pages that
 * require them, and stop it ourselves (see `keepWarm`).
 */
function startWorker(workerSrc: string): Worker {
  return new Worker(trustedScriptUrl(workerSrc) as unknown as string, { type: 'module' });
}

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(value: string): string }): { createScriptURL(value: string): unknown };
}

let policy: { createScriptURL(value: string): unknown } | undefined;

/**
 * Pages with `require-trusted-types-for 'script'` only accept script URLs made by a policy. Ours,
 * named `emzano-elements`, vouches for exactly one kind of URL: pdf.js's worker.
 */
function trustedScriptUrl(url: string): unknown {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return url;
  policy ??= factory.createPolicy('emzano-elements', {
    createScriptURL(value) {
      if (!/\/pdf\.worker(\.min)?\.m?js(\?.*)?$/.test(new URL(value, document.baseURI).pathname)) {
        throw new TypeError(`emzano-elements: ${value} is not a pdf.js worker`);
      }
      return value;
    },
  });
  return policy.createScriptURL(url);
}

/** pdf.js on its way and a worker for one document. */
export interface PdfStart {
  pdfjs: Promise<PdfJs>;
  /** The worker's script, resolved: a kept worker is only handed to a document asking for the same. */
  workerSrc: string;
  port: Worker;
  /** pdf.js's handle on `port`, made by the loader once and kept with the port (pdf.js allows one per port). */
  pdfWorker?: InstanceType<PdfJs['PDFWorker']>;
}

/**
 * How long a worker is kept after its document closes. Within one element the next document
 * takes it at once (a host signing several documents in a row saves the worker's boot, about
 * 100 ms, on each); this is for an element removed and another added, as single-page apps do.
 */
const KEEP_WARM_MS = 30_000;

let kept: { start: PdfStart; timer: ReturnType<typeof setTimeout> } | undefined;

/** Starts both now, taking the kept worker when there is one; the loader takes them over. */
export function startPdf(workerSrc: string): PdfStart {
  const resolved = workerSrc || defaultWorkerSrc();
  const pdfjs = loadPdfJs();
  if (kept?.start.workerSrc === resolved) {
    const { start, timer } = kept;
    kept = undefined;
    clearTimeout(timer);
    return start;
  }
  return { pdfjs, workerSrc: resolved, port: startWorker(resolved) };
}

/**
 * A worker whose document closed: kept for the next document (one at a time; pdf.js serves
 * several documents from one worker), stopped after `KEEP_WARM_MS` unused.
 */
export function keepWarm(start: PdfStart): void {
  if (kept?.start === start) return;
  if (kept) stopWorker(kept.start);
  kept = { start, timer: setTimeout(() => kept?.start === start && ((kept = undefined), stopWorker(start)), KEEP_WARM_MS) };
}

/** A worker that failed or is not wanted: stopped now. */
export function stopWorker(start: PdfStart): void {
  start.pdfWorker?.destroy();
  start.port.terminate();
}
