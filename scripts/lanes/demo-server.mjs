/**
 * The demo (`npm start`'s page, emulators and server kit) as the end-to-end tests use it: built
 * once and served by `vite preview` for a whole run (scripts/test.mjs), or Vite's dev server when
 * one test file runs on its own. Scopes are on (EMZANO_DEMO_SCOPES, see demo/vite-plugin.ts): each
 * test file's browser contexts carry a cookie naming a demo host of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The cookie that names a browser's scope on the shared server (demo/vite-plugin.ts reads it). */
export const DEMO_SCOPE_COOKIE = 'emzano-demo-scope';

/** The scope a request's `Cookie` header names, if any. */
export function demoScopeOf(cookieHeader) {
  return new RegExp(`(?:^|;\\s*)${DEMO_SCOPE_COOKIE}=([A-Za-z0-9_-]{1,64})`).exec(cookieHeader ?? '')?.[1];
}

/** `built`: build the demo first and serve the build (fast pages); otherwise the dev server. */
export async function startDemoServer({ built = false } = {}) {
  process.env.EMZANO_DEMO_SCOPES = '1';
  const { build, createServer, preview } = await import('vite');
  if (!built) {
    const server = await createServer({ configFile: 'vite.config.ts', server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
    await server.listen();
    return { url: server.resolvedUrls.local[0], close: () => server.close() };
  }
  const outDir = mkdtempSync(join(tmpdir(), 'emzano-demo-build-'));
  await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    configFile: 'vite.config.ts',
    logLevel: 'error',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1' },
  });
  return {
    url: server.resolvedUrls.local[0],
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
