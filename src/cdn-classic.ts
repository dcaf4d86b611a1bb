/**
 * `dist/cdn/emzano-elements.iife.js`, for pages that include the elements with a classic
 * `<script src>`: it loads `emzano-elements.js` from beside itself, so both kinds of script tag run
 * the same code, split the same way (what an element needs later loads when first used). Every
 * browser with custom elements lets a classic script `import()` a module. Two copies of this tag
 * share one module.
 *
 * `window.EmzanoElements` is a promise of that module's exports (the element classes, events and
 * `EmzanoError`); the elements are defined when it resolves.
 */
import type * as EmzanoElementsModule from './all.js';

declare global {
  interface Window {
    EmzanoElements?: Promise<typeof EmzanoElementsModule>;
  }
}

// Only in a browser: server-side rendering may evaluate the module with no document.
if (typeof document !== 'undefined') {
  const script = document.currentScript;
  const base = script instanceof HTMLScriptElement && script.src ? script.src : document.baseURI;
  window.EmzanoElements ??= import(/* @vite-ignore */ new URL('./emzano-elements.js', base).href) as Promise<typeof EmzanoElementsModule>;
}
