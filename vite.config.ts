import { defineConfig } from 'vite';
import { emzanoDemo } from './demo/vite-plugin.js';

// The demo (`npm start`). The library build is scripts/build.mjs.
export default defineConfig({
  plugins: [emzanoDemo()],
  server: { port: Number(process.env['PORT'] ?? 5173), host: process.env['HOST'] ?? 'localhost' },
});
