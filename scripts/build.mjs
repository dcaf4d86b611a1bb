/**
 * Builds the package into dist/:
 *   dist/{index,kyc,sign-pdf,signature-pad,document-status,certificate,remote-verification,all,react}.js   ES modules for bundlers; lit & co. stay imports;
 *                                           every source module a file of its own below dist/ (so an app's
 *                                           bundler splits and shakes them as it would our source)
 *   dist/cdn/emzano-elements.js             every element, dependencies included, for <script type="module">;
 *                                           what loads on demand is in files beside it
 *   dist/cdn/emzano-elements.iife.js        the same for a classic <script>: a loader of the above
 *   dist/types/                             .d.ts for the browser entries
 *   dist/node/                              the server kit (Node / edge runtimes), with .d.ts
 *   dist/node/sandbox/cli.js                the sandbox's emulators (`emzano-elements sandbox`)
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
  certificate: 'src/emzano-certificate.ts',
  'remote-verification': 'src/emzano-remote-verification.ts',
  react: 'src/react.ts',
};
const isDependency = (id) =>
  /^(lit|@lit|lit-html|lit-element|signature_pad|jalaali-js|idb-keyval|pdfjs-dist|@zip\.js\/zip\.js|pkijs|asn1js|uqr|react)(\/|$)/.test(id);
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

// 1. One ES module per entry, and every module it reaches kept a file of its own (not merged into
// shared chunks: an app's bundler could not split a chunk again, and would load code with the
// first element that only a lazy part needs; BENCHMARKS.md measures the app's bundle of these).
// Dependencies (pdf.js too) stay bare imports. pdf.js's workers sit at dist/'s root, found from
// dist/internal/module-url.js.
await build({
  ...common,
  define: {
    ...common.define,
    __EMZANO_PDF_WORKER__: JSON.stringify('../pdf.worker.min.mjs'),
    __EMZANO_PDF_RENDERER__: JSON.stringify('../pdf.renderer.min.mjs'),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: { entry: entries, formats: ['es'] },
    rollupOptions: {
      external: isDependency,
      output: { entryFileNames: '[name].js', minify: true, preserveModules: true, preserveModulesRoot: 'src' },
    },
  },
});

/** Every file in dist/cdn is final: fully minified, written beside the others. */
const cdnOutput = { outDir: 'dist/cdn', emptyOutDir: false, target: 'es2022', minify: true };

// 2. One self-contained ES module for a plain script tag (dependencies included). What the
// elements load on demand (KYC steps, camera, send mode, evidence...) are files beside it, as are
// pdf.js, its worker, zip.js and Emzano's numbered error messages.
await build({
  ...common,
  define: {
    ...common.define,
    __EMZANO_PDF_WORKER__: JSON.stringify('./pdf.worker.min.mjs'),
    __EMZANO_PDF_RENDERER__: JSON.stringify('./pdf.renderer.min.mjs'),
    __EMZANO_PDFJS__: JSON.stringify('./pdf.min.mjs'),
    __EMZANO_ZIPJS__: JSON.stringify('./zip.min.mjs'),
    __EMZANO_MESSAGES__: JSON.stringify('./emzano-messages.mjs'),
  },
  build: {
    ...cdnOutput,
    sourcemap: true,
    lib: { entry: 'src/all.ts', formats: ['es'], fileName: () => 'emzano-elements.js' },
    // Vite leaves white space in ES library output; these files are final, so minify fully.
    // Chunks sit beside the entry, so the files found relative to the running code are too.
    // The entry may export more than src/all.ts does, so code it shares with the lazy parts
    // stays in it rather than in many small files loaded up front beside it.
    rollupOptions: { preserveEntrySignatures: 'allow-extension', output: { minify: true, chunkFileNames: '[name]-[hash].js' } },
  },
});

// 3. The classic-script file: a loader of the ES module beside it (src/cdn-classic.ts).
await build({
  ...common,
  build: {
    ...cdnOutput,
    lib: { entry: 'src/cdn-classic.ts', formats: ['iife'], name: 'EmzanoElementsLoader', fileName: () => 'emzano-elements.iife.js' },
  },
});

/** One ES file beside the script-tag bundle, which loads it on first use. */
const buildBeside = (entry, fileName) =>
  build({
    ...common,
    build: {
      ...cdnOutput,
      lib: { entry, formats: ['es'], fileName: () => fileName },
      rollupOptions: { output: { minify: true } },
    },
  });
// Emzano's numbered error messages, loaded with the first such error; zip.js, with the first
// evidence export.
await buildBeside('src/core/emzano-messages.ts', 'emzano-messages.mjs');
await buildBeside('node_modules/@zip.js/zip.js/lib/zip-core-native.js', 'zip.min.mjs');

for (const dir of ['dist', 'dist/cdn']) {
  mkdirSync(new URL(`../${dir}`, import.meta.url), { recursive: true });
  for (const file of ['pdf.worker.min.mjs', 'pdf.renderer.min.mjs']) {
    copyFileSync(new URL(`../${PDFJS}/${file}`, import.meta.url), new URL(`../${dir}/${file}`, import.meta.url));
  }
}
copyFileSync(new URL(`../${PDFJS}/pdf.min.mjs`, import.meta.url), new URL('../dist/cdn/pdf.min.mjs', import.meta.url));

// 4. Types for the browser entries; 5. the server kit, compiled for Node with its types.
const tsc = (project) =>
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], { cwd: root, stdio: 'inherit' });
tsc('tsconfig.build.json');
tsc('tsconfig.server.json');

// 6. The sandbox (`npx emzano-elements sandbox`): the emulators as one Node module beside the
// kit, its npm dependencies left as imports (the kit's own, and the optional @cantoo/pdf-lib).
await build({
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  build: {
    ssr: 'demo/sandbox/cli.ts',
    outDir: 'dist/node/sandbox',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'cli.js' } },
  },
});
console.log('build: dist/ ready');
