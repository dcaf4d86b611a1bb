/**
 * `npm start`: one Vite dev server that serves the demo page, the Emzano emulator and the
 * reference token handler, so the whole flow runs with no account and no network.
 * With EMZANO_API_KEY set (and optionally EMZANO_BASE_URL), the token handler talks to the real
 * Emzano instead and the page points the element at it.
 */
import type { Connect, Plugin } from 'vite';
import { createTokenHandler } from '../src/server/index.js';
import { toNodeListener } from '../src/server/node.js';
import { EmzanoEmulator } from './emulator/emulator.js';
import { CLM_CREDENTIALS } from './emulator/clm.js';
import { createClmHandler } from '../src/server/index.js';

export const TOKEN_PATH = '/api/emzano/token';
export const CLM_PATH = '/api/emzano/clm';

export function emzanoDemo(env: Record<string, string | undefined> = process.env): Plugin {
  const realKey = env['EMZANO_API_KEY'];
  const emulator = new EmzanoEmulator();
  const tokenHandler = realKey
    ? createTokenHandler({ apiKey: realKey, baseUrl: env['EMZANO_BASE_URL'] ?? 'https://api.emzano.com' })
    : createTokenHandler({
        apiKey: emulator.apiKey,
        baseUrl: 'http://emulator.invalid',
        // Demo only: anyone may get a token for an emulator user (the signing demo's user). A
        // real host checks that the visitor is that user.
        authorize: () => true,
        // In-process: the handler's calls go straight to the emulator, no socket needed.
        fetch: (input, init) => emulator.handle(new Request(input, init)),
      });
  const tokenListener = toNodeListener(tokenHandler);
  // The host's CLM endpoint (emulator mode): the allow-listed proxy, talking to the emulator in-process.
  const clmListener = realKey
    ? undefined
    : toNodeListener(
        createClmHandler({
          ...CLM_CREDENTIALS,
          baseUrl: 'http://emulator.invalid',
          authorize: () => true, // Demo only: a real host checks that the visitor may send contracts.
          fetch: (input, init) => emulator.handle(new Request(input, init)),
        }),
      );
  const emulatorListener = toNodeListener(emulator.handle);

  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path === TOKEN_PATH) return void tokenListener(req, res, next);
    if (clmListener && path.startsWith(`${CLM_PATH}/`)) return void clmListener(req, res, next);
    if (path === '/__demo/config.json') {
      res.setHeader('Content-Type', 'application/json');
      // Emulator mode: the element calls this same origin, where the emulator is mounted.
      res.end(
        JSON.stringify({
          mode: realKey ? 'emzano' : 'emulator',
          apiBase: realKey ? (env['EMZANO_BASE_URL'] ?? 'https://api.emzano.com') : '',
          tokenEndpoint: TOKEN_PATH,
        }),
      );
      return;
    }
    if (!realKey && (path.startsWith('/api/v1/external/') || path.startsWith('/__emulator/'))) return void emulatorListener(req, res, next);
    next();
  };

  return {
    name: 'emzano-demo',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
}
