import { defineConfig } from 'vite';
import { emzanoDemo } from './demo/vite-plugin.js';

// The demo (`npm start`). The library build is scripts/build.mjs.
export default defineConfig({
  plugins: [emzanoDemo()],
  server: { port: Number(process.env['PORT'] ?? 5173), host: process.env['HOST'] ?? 'localhost' },
  // `vite build` builds both pages (served by `vite preview` with the same emulators).
  build: { rollupOptions: { input: { main: 'index.html', phone: 'phone.html' } } },
  // Pre-bundle every dependency up front: otherwise Vite discovers some on first load and reloads
  // the page, losing what the person had started.
  optimizeDeps: {
    // Only the demo page is scanned: examples/ import the built package (`emzano-elements/react`),
    // which a fresh clone has not built yet, and Vite would report them as missing dependencies.
    entries: ['index.html', 'phone.html'],
    include: [
      'lit',
      'lit/directives/live.js',
      'lit/directives/repeat.js',
      '@zip.js/zip.js/lib/zip-core-native.js',
      'signature_pad',
      'jalaali-js',
      'idb-keyval',
      'pdfjs-dist',
      'uqr',
    ],
  },
});
