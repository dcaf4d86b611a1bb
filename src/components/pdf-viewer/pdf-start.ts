/**
 * What opening a document waits on longest, started the moment a document is set: pdf.js itself
 * (loaded once) and a worker of its own (its boot is most of the time to the first page). The
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

/** pdf.js itself, loaded once. Each document gets its own worker (see `startWorker`). */
export function loadPdfJs(): Promise<PdfJs> {
  // The script-tag bundle loads pdf.js from the file beside it, so it is never inlined.
  pdfjs ??=
    typeof __EMZANO_PDFJS__ === 'string' ? import(/* @vite-ignore */ new URL(__EMZANO_PDFJS__, MODULE_URL).href) : import('pdfjs-dist');
  return pdfjs;
}

/**
 * A worker for one document. We start it ourselves, so its URL can pass Trusted Types on pages
 * that require them, and stop it when the document is closed.
 */
export function startWorker(workerSrc: string): Worker {
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

/** pdf.js on its way and a worker started for one document. */
export interface PdfStart {
  pdfjs: Promise<PdfJs>;
  port: Worker;
}

/** Starts both now; the loader takes them over (and stops the worker if the document never opens). */
export function startPdf(workerSrc: string): PdfStart {
  return { pdfjs: loadPdfJs(), port: startWorker(workerSrc || defaultWorkerSrc()) };
}
