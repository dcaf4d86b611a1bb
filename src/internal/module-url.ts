/**
 * The URL of the file running this code, to find the files the build puts beside it (pdf.js, its
 * worker, zip.js, Emzano's numbered messages). Every build is an ES module; the classic-script
 * file only loads the ES one (src/cdn-classic.ts).
 */
export const MODULE_URL: string = import.meta.url;
