/**
 * Serves or builds the framework examples against this package's built `dist/` (run `npm run
 * build` first): `npx vite examples`, then open /react/, /vue/ or /angular/.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    alias: [
      // What `npm install emzano-elements` gives an app: the package's exports.
      { find: /^emzano-elements\/(kyc|sign-pdf|signature-pad|all|react)$/, replacement: `${dist}$1.js` },
      { find: /^emzano-elements$/, replacement: `${dist}index.js` },
      // The in-page Vue template is compiled in the browser, which needs Vue's full build.
      { find: /^vue$/, replacement: 'vue/dist/vue.esm-bundler.js' },
    ],
  },
  build: {
    rollupOptions: {
      input: {
        react: fileURLToPath(new URL('react/index.html', import.meta.url)),
        vue: fileURLToPath(new URL('vue/index.html', import.meta.url)),
        angular: fileURLToPath(new URL('angular/index.html', import.meta.url)),
      },
    },
  },
});
