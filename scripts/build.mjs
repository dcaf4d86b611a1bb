/**
 * Builds the package into dist/:
 *   dist/{index,kyc,sign-pdf,signature-pad,all,react}.js   ES modules for bundlers; lit & co. stay imports
 *   dist/cdn/emzano-elements.js             everything in one ES module, for <script type="module">
 *   dist/cdn/emzano-elements.iife.js        everything in one classic script, for <script>
 *   dist/types/                             .d.ts for the browser entries
 *   dist/node/                              the server kit (Node / edge runtimes), with .d.ts
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { build } from 'vite';
import { minifyTemplatesPlugin } from './minify-templates.mjs';

const root = new URL('..', import.meta.url).pathname;
const entries = {
  index: 'src/index.ts',
  kyc: 'src/emzano-kyc.ts',
  'sign-pdf': 'src/emzano-sign-pdf.ts',
  'signature-pad': 'src/emzano-signature-pad.ts',
  all: 'src/all.ts',
  'document-status': 'src/emzano-document-status.ts',
  react: 'src/react.ts',
};
const isDependency = (id) =>
  /^(lit|@lit|lit-html|lit-element|signature_pad|jalaali-js|idb-keyval|pdfjs-dist|@zip\.js\/zip\.js|react)(\/|$)/.test(id);
const PDFJS = 'node_modules/pdfjs-dist/build';

const common = {
  root,
  plugins: [minifyTemplatesPlugin()],
  configFile: false,
  publicDir: false,
  logLevel: 'warn',
  // Production Lit, no dev-mode warnings in what we ship.
  resolve: { conditions: ['production'] },
  define: { 'process.env.NODE_ENV': '"production"' },
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

// 1. One ES module per entry; shared code goes to chunks; dependencies (pdf.js too) stay bare
// imports. The pdf.js worker is copied beside the code that looks for it.
await build({
  ...common,
  define: { ...common.define, __EMZANO_PDF_WORKER__: JSON.stringify('./pdf.worker.min.mjs') },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: { entry: entries, formats: ['es'] },
    rollupOptions: {
      external: isDependency,
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
    },
  },
});

// 2. and 3. Self-contained single files (dependencies included) for a plain script tag.
// pdf.js and its worker are files beside the bundle, loaded when a document is first shown.
for (const format of ['es', 'iife']) {
  await build({
    ...common,
    define: {
      ...common.define,
      __EMZANO_PDF_WORKER__: JSON.stringify('./pdf.worker.min.mjs'),
      __EMZANO_PDFJS__: JSON.stringify('./pdf.min.mjs'),
      __EMZANO_ZIPJS__: JSON.stringify('./zip.min.mjs'),
      __EMZANO_MESSAGES__: JSON.stringify('./emzano-messages.mjs'),
      // A classic script has no import.meta; the loader reads document.currentScript instead.
      ...(format === 'iife' ? { 'import.meta.url': 'document.baseURI' } : {}),
    },
    build: {
      outDir: 'dist/cdn',
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      lib: {
        entry: 'src/all.ts',
        name: 'EmzanoElements',
        formats: [format],
        fileName: () => (format === 'es' ? 'emzano-elements.js' : 'emzano-elements.iife.js'),
      },
      // Vite leaves white space in ES library output; these files are final, so minify fully.
      // Code the elements load on demand stays inside the one file; only pdf.js, zip.js and
      // Emzano's numbered error messages are files of their own beside it.
      rollupOptions: { output: { minify: true, inlineDynamicImports: true } },
    },
  });
}

/** One ES file beside the single-file bundles, which load it on first use. */
const buildBeside = (entry, fileName) =>
  build({
    ...common,
    build: {
      outDir: 'dist/cdn',
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      lib: { entry, formats: ['es'], fileName: () => fileName },
      rollupOptions: { output: { minify: true } },
    },
  });
// Emzano's numbered error messages, loaded with the first such error; zip.js, with the first
// evidence export.
await buildBeside('src/core/emzano-messages.ts', 'emzano-messages.mjs');
await buildBeside('node_modules/@zip.js/zip.js/lib/zip-core-native.js', 'zip.min.mjs');

for (const dir of ['dist', 'dist/chunks', 'dist/cdn']) {
  mkdirSync(new URL(`../${dir}`, import.meta.url), { recursive: true });
  copyFileSync(new URL(`../${PDFJS}/pdf.worker.min.mjs`, import.meta.url), new URL(`../${dir}/pdf.worker.min.mjs`, import.meta.url));
}
copyFileSync(new URL(`../${PDFJS}/pdf.min.mjs`, import.meta.url), new URL('../dist/cdn/pdf.min.mjs', import.meta.url));

// 4. Types for the browser entries; 5. the server kit, compiled for Node with its types.
const tsc = (project) =>
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], { cwd: root, stdio: 'inherit' });
tsc('tsconfig.build.json');
tsc('tsconfig.server.json');
console.log('build: dist/ ready');
