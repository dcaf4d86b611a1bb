/**
 * What opening a document waits on longest, started the moment a document is set: pdf.js itself
 * (loaded once) and its worker (whose boot is most of the time to the first page). Pages are drawn
 * in pdf.js's renderer worker, so scrolling never waits on drawing; that worker starts once the
 * first document's first page is painted, because booting it beside the document worker slows
 * that page (see pdf-loader.ts). Workers whose document closed are kept a while and handed to the
 * next document, which then starts warm. The rest of the loader comes with the viewer's parts.
 */
import { isPdfWorkerScript } from '../../core/pdf-worker-url.js';
import { MODULE_URL } from '../../internal/module-url.js';

type PdfJs = typeof import('pdfjs-dist');

/**
 * Set by the build (scripts/build.mjs), absent in source: where the built files keep pdf.js's
 * workers, and, for the script-tag bundle, pdf.js itself, relative to the file running this.
 */
declare const __EMZANO_PDF_WORKER__: string | undefined;
declare const __EMZANO_PDF_RENDERER__: string | undefined;
declare const __EMZANO_PDFJS__: string | undefined;

/** Unbuilt (tests, the demo's dev server): pdf.js's own copies in node_modules. */
const SOURCE_BUILD = '../../../node_modules/pdfjs-dist/build/';

/** The worker shipped beside the built files, or pdf.js's own copy when running from source. */
export function defaultWorkerSrc(): string {
  return new URL(typeof __EMZANO_PDF_WORKER__ === 'string' ? __EMZANO_PDF_WORKER__ : `${SOURCE_BUILD}pdf.worker.min.mjs`, MODULE_URL).href;
}

function defaultRendererSrc(): string {
  return new URL(typeof __EMZANO_PDF_RENDERER__ === 'string' ? __EMZANO_PDF_RENDERER__ : `${SOURCE_BUILD}pdf.renderer.min.mjs`, MODULE_URL)
    .href;
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
      if (!isPdfWorkerScript(new URL(value, document.baseURI).pathname)) {
        throw new TypeError(`emzano-elements: ${value} is not a pdf.js worker`);
      }
      return value;
    },
  });
  return policy.createScriptURL(url);
}

/** pdf.js on its way and the workers for one document. */
export interface PdfStart {
  pdfjs: Promise<PdfJs>;
  /** The workers' scripts, resolved: kept workers are only handed to a document asking for the same. */
  scripts: string;
  port: Worker;
  /** pdf.js's handle on `port`, made by the loader once and kept with the port (pdf.js allows one per port). */
  pdfWorker?: InstanceType<PdfJs['PDFWorker']>;
  /** The renderer worker's script; empty when pages are drawn on the main thread. */
  rendererScript: string;
  /** The renderer worker, once started (`startRenderer`). */
  renderer?: Worker;
  /** The last document on these workers being torn down: pdf.js frees the renderer's port when it is. */
  closing?: Promise<void>;
}

/**
 * How long a worker is kept after its document closes. Within one element the next document
 * takes it at once (a host signing several documents in a row saves the worker's boot, about
 * 100 ms, on each); this is for an element removed and another added, as single-page apps do.
 */
const KEEP_WARM_MS = 30_000;

let kept: { start: PdfStart; timer: ReturnType<typeof setTimeout> } | undefined;

/**
 * Starts pdf.js and its worker now, taking the kept workers when there are; the loader takes them over.
 * `rendererSrc` `off` draws on the main thread; empty means the renderer shipped beside this
 * module, unless the host moved the worker (`workerSrc`, a bundler's URL), which says where
 * the renderer went too, or pages are drawn on the main thread.
 */
export function startPdf(workerSrc: string, rendererSrc: string): PdfStart {
  const worker = workerSrc || defaultWorkerSrc();
  const renderer = rendererSrc === 'off' ? '' : rendererSrc || (workerSrc ? '' : defaultRendererSrc());
  const scripts = `${worker} ${renderer}`;
  const pdfjs = loadPdfJs();
  if (kept?.start.scripts === scripts) {
    const { start, timer } = kept;
    kept = undefined;
    clearTimeout(timer);
    return start;
  }
  return { pdfjs, scripts, port: startWorker(worker), rendererScript: renderer };
}

/** The renderer worker of `start`, started now if it was not yet; undefined when pages are drawn on the main thread. */
export function startRenderer(start: PdfStart): Worker | undefined {
  if (start.rendererScript) start.renderer ??= startWorker(start.rendererScript);
  return start.renderer;
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

/** The kept workers, if any, stopped now: the next document starts as the first on a page does. */
export function stopKeptWorkers(): void {
  if (!kept) return;
  clearTimeout(kept.timer);
  stopWorker(kept.start);
  kept = undefined;
}

/** Workers that failed or are not wanted: stopped now. */
export function stopWorker(start: PdfStart): void {
  start.pdfWorker?.destroy();
  start.port.terminate();
  start.renderer?.terminate();
}
