/// <reference types="vite/client" />
// The demo is a Vite app: `?url` imports (pdf.js's worker) work in `npm start` and in its build.
