/**
 * Which script URLs the elements' Trusted Types policy vouches for: pdf.js's document and renderer
 * workers, as pdf.js names them (`pdf.worker.min.mjs`) or as a bundler copies them with a content
 * hash (Vite's eight characters, `pdf.worker.min-CIqJB0yW.mjs`; webpack's hex `[contenthash]`,
 * `pdf.worker.min.3f9a1c2b.mjs`), and nothing else, so the policy cannot be used to load any other
 * script. (A bundler that renames the file to its hash alone needs the host's own policy.)
 */
const PDF_WORKER_SCRIPT = /\/pdf\.(worker|renderer)(\.min)?(-[A-Za-z0-9_-]{8}|\.[0-9a-f]{8,32})?\.m?js$/;

/** Whether `pathname` (a URL's path, without query) names one of pdf.js's worker scripts. */
export function isPdfWorkerScript(pathname: string): boolean {
  return PDF_WORKER_SCRIPT.test(pathname);
}
