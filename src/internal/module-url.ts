/**
 * The URL of the file running this code, to find the files the build puts beside it (pdf.js, its
 * worker, zip.js): `import.meta.url` in modules; in the classic-script bundle (where
 * `import.meta` does not exist) the script's own src, read while it first runs.
 */
export const MODULE_URL: string =
  typeof document !== 'undefined' && document.currentScript instanceof HTMLScriptElement && document.currentScript.src
    ? document.currentScript.src
    : import.meta.url;
