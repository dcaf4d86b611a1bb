/**
 * Sizes of what each browser entry costs a page, measured on the files the package ships (dist/,
 * built by `npm run build`): each entry as an app's bundler would ship it, every dependency
 * included (lit, signature_pad, idb-keyval, jalaali-js, both languages), minified, split where
 * the code splits. "Initial" is the entry chunk and everything it imports statically; "lazy" are
 * the chunks behind dynamic imports (pdf.js, zip.js), loaded only when used. The script-tag
 * bundles in dist/cdn are measured as they are. Used by the size budgets
 * (test/build/budgets.test.ts) and by `npm run bench`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;

/** Each element's entry as the package ships it (its `exports`). */
export const ENTRIES = {
  '<emzano-kyc>': 'dist/kyc.js',
  '<emzano-sign-pdf>': 'dist/sign-pdf.js',
  '<emzano-signature-pad>': 'dist/signature-pad.js',
  '<emzano-document-status>': 'dist/document-status.js',
  '<emzano-certificate>': 'dist/certificate.js',
  '<emzano-remote-verification>': 'dist/remote-verification.js',
  'all elements': 'dist/all.js',
};

/**
 * Raw, gzip (level 9) and brotli (quality 11) byte counts of some code. Brotli at its best is slow
 * (seconds for pdf.js's worker), so `{ brotli: false }` leaves it out (0) where only gzip is judged.
 */
export function sizesOf(code, { brotli = true } = {}) {
  const bytes = typeof code === 'string' ? Buffer.from(code) : code;
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotli ? brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length : 0,
  };
}

const sum = (parts) =>
  parts.reduce((total, part) => ({ raw: total.raw + part.raw, gzip: total.gzip + part.gzip, brotli: total.brotli + part.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });

/**
 * What one shipped entry costs an app that imports it: what loads at first and what loads later,
 * with the modules (the package's dist/ files and its dependencies') that make up each chunk.
 */
export async function measureEntry(entry, options = {}) {
  const result = await build({
    root,
    configFile: false,
    publicDir: false,
    logLevel: 'silent',
    resolve: { conditions: ['production'] },
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      lib: { entry, formats: ['es'], fileName: 'entry' },
      rollupOptions: { output: { minify: true } },
    },
  });
  const output = (Array.isArray(result) ? result[0] : result).output.filter((item) => item.type === 'chunk');
  const byName = new Map(output.map((chunk) => [chunk.fileName, chunk]));
  const initial = new Set();
  const visit = (name) => {
    if (initial.has(name)) return;
    initial.add(name);
    for (const imported of byName.get(name)?.imports ?? []) visit(imported);
  };
  for (const chunk of output) if (chunk.isEntry) visit(chunk.fileName);
  const lazy = output
    .filter((chunk) => !initial.has(chunk.fileName))
    .map((chunk) => ({ name: lazyName(chunk), modules: Object.keys(chunk.modules), ...sizesOf(chunk.code, options) }));
  const initialChunks = output.filter((chunk) => initial.has(chunk.fileName));
  return {
    initial: sum(initialChunks.map((chunk) => sizesOf(chunk.code, options))),
    initialModules: initialChunks.flatMap((chunk) => Object.keys(chunk.modules)),
    lazy,
  };
}

/** A readable name for a lazy chunk: the package most of it comes from. */
function lazyName(chunk) {
  const modules = Object.keys(chunk.modules).join('\n');
  if (modules.includes('pdfjs-dist')) return 'pdf.js';
  if (modules.includes('@zip.js')) return 'zip.js';
  return chunk.name;
}

/**
 * The script-tag bundles and the files loaded beside them, as built in dist/cdn. The ES bundle is
 * counted with every file it imports statically (what a page loads before any element is used);
 * its lazy parts (chunks behind dynamic imports) are listed together.
 */
export function measureBuiltFiles(options = {}) {
  const cdn = new URL('../dist/cdn/', import.meta.url);
  const read = (name) => readFileSync(new URL(name, cdn));
  const upFront = staticClosure('emzano-elements.js', (name) => read(name).toString('utf8'));
  const lazyChunks = readdirSync(cdn).filter((name) => /-[\w-]{8}\.js$/.test(name) && !upFront.has(name));
  const total = (names) => sum([...names].map((name) => sizesOf(read(name), options)));
  return {
    'dist/cdn/emzano-elements.js (all elements: the file and what it imports up front)': total(upFront),
    'dist/cdn/emzano-elements.iife.js (classic script: loads the above)': sizesOf(read('emzano-elements.iife.js'), options),
    [`dist/cdn/*-[hash].js (lazy: ${lazyChunks.length} parts loaded on first use, e.g. KYC steps, send mode)`]: total(lazyChunks),
    'dist/cdn/pdf.min.mjs (lazy: pdf.js)': sizesOf(read('pdf.min.mjs'), options),
    'dist/cdn/pdf.worker.min.mjs (lazy: pdf.js worker)': sizesOf(read('pdf.worker.min.mjs'), options),
    'dist/cdn/zip.min.mjs (lazy: zip.js)': sizesOf(read('zip.min.mjs'), options),
    "dist/cdn/emzano-messages.mjs (lazy: Emzano's numbered error messages)": sizesOf(read('emzano-messages.mjs'), options),
  };
}

/** `entry` and every file it imports statically, transitively (dynamic `import()` not followed). */
export function staticClosure(entry, readCode) {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    // Minified static imports: `import{a as b}from"./x.js"` or `import"./x.js"`; never `import(`.
    for (const [, target] of readCode(name).matchAll(/\bimport\s*(?:[\w${},*\s]+?from\s*)?["']\.\/([^"']+)["']/g)) visit(target);
  };
  visit(entry);
  return seen;
}
