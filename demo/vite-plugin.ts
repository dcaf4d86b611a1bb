/**
 * `npm start`: one Vite dev server that serves the demo page, the Emzano emulator and the
 * reference token handler, so the whole flow runs with no account and no network.
 * With EMZANO_API_KEY set (and optionally EMZANO_BASE_URL), the token handler talks to the real
 * Emzano instead and the page points the element at it.
 */
import type { Connect, Plugin } from 'vite';
import { authorizeAnyone, createTokenHandler } from '../src/server/index.js';
import { toNodeListener } from '../src/server/node.js';
import { EmzanoEmulator } from './emulator/emulator.js';
import { CLM_CREDENTIALS } from './emulator/clm.js';
import { clmCallbackUrl, createClmCallbackHandler, createClmHandler, type ClmDocumentStateEvent } from '../src/server/index.js';

export const TOKEN_PATH = '/api/emzano/token';
export const CLM_PATH = '/api/emzano/clm';
export const CLM_CALLBACK_PATH = '/api/emzano/clm-callback';
/** Demo only: a real host keeps its callback secret in its own configuration. */
const CLM_CALLBACK_SECRET = 'demo-callback-secret-0123456789';

export function emzanoDemo(env: Record<string, string | undefined> = process.env): Plugin {
  const realKey = env['EMZANO_API_KEY'];
  // The host's callback receiver: CLM POSTs a document's final state here, with the secret.
  const callbacks: Array<ClmDocumentStateEvent> = [];
  const callbackHandler = createClmCallbackHandler({
    ...CLM_CREDENTIALS,
    baseUrl: 'http://emulator.invalid',
    // The state is read again from CLM before it counts: here, the emulator in-process.
    fetch: (input, init) => emulator.handle(new Request(input, init)),
    secret: CLM_CALLBACK_SECRET,
    onDocumentState: (event) => void callbacks.push(event),
  });
  // In-process, like the other handlers: the emulator's callbacks reach the receiver directly.
  const emulator = new EmzanoEmulator({ callbackFetch: (input, init) => callbackHandler(new Request(input, init)) });
  // Demo only: every visitor is one and the same user ("development"). A real host answers with
  // its own signed-in user, e.g. ({ subject: session.userId }), and refuses visitors who are not.
  const authorize = authorizeAnyone();
  const tokenHandler = realKey
    ? createTokenHandler({ apiKey: realKey, baseUrl: env['EMZANO_BASE_URL'] ?? 'https://api.emzano.com', authorize })
    : createTokenHandler({
        apiKey: emulator.apiKey,
        baseUrl: 'http://emulator.invalid',
        authorize,
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
          authorize, // Demo only (one user for everyone): a real host answers with the visitor who sends.
          fetch: (input, init) => emulator.handle(new Request(input, init)),
          // Written on the server, so the secret never reaches the browser.
          callbackUrl: clmCallbackUrl(`http://demo.invalid${CLM_CALLBACK_PATH}`, CLM_CALLBACK_SECRET),
        }),
      );
  const emulatorListener = toNodeListener(emulator.handle);
  const callbackListener = toNodeListener(callbackHandler);

  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path === TOKEN_PATH) return void tokenListener(req, res, next);
    if (clmListener && path.startsWith(`${CLM_PATH}/`)) return void clmListener(req, res, next);
    if (path === CLM_CALLBACK_PATH) return void callbackListener(req, res, next);
    if (path === '/__demo/clm-callbacks') {
      // What the host's callback receiver was told, for the demo's event log.
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(callbacks));
      return;
    }
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
