/**
 * `npm start`: one Vite dev server that serves the demo page, the Emzano emulator, the Dipar
 * broker's emulator, the CA's RA emulator, the video identity-verification emulator and the
 * server kit's handlers (token, Dipar, CLM, certificate, remote verification), so the whole flow (KYC through either provider, a certificate for a key made in
 * the browser, signing with it) runs with no account and no network.
 * With EMZANO_API_KEY set (and optionally EMZANO_BASE_URL), the token handler talks to the real
 * Emzano instead and the page points the element at it.
 *
 * With EMZANO_DEMO_SCOPES=1 (the end-to-end tests' shared server, never `npm start`), a browser
 * whose `emzano-demo-scope` cookie names a scope gets a demo host of its own (emulators, server
 * kit state, fault switches and clock), made when first asked for, so test files running at once
 * against one server never see each other's people, documents or faults. A scope's emulators run
 * on a clock the test may move on (`POST /__clock {advance: ms}`) instead of waiting.
 */
import { createStorage } from 'unstorage';
import { demoScopeOf } from '../scripts/lanes/demo-server.mjs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Connect, Plugin } from 'vite';
import { authorizeAnyone, createCertificateHandler, createHandoffHandler, createTokenHandler } from '../src/server/index.js';
import { toNodeListener } from '../src/server/node.js';
import { EmzanoEmulator } from './emulator/emulator.js';
import { CLM_CREDENTIALS } from './emulator/clm.js';
import { RaEmulator, testCustomer } from './emulator/ra/ra-emulator.js';
import { demoPerson } from './demo-identity.js';
import { DiparEmulator } from './emulator/dipar/dipar-emulator.js';
import { demoDiparHandler } from './emulator/dipar/dipar-host.js';
import { VideoIdEmulator } from './emulator/video-id/video-id-emulator.js';
import { clockControl, FastForwardClock, systemClock, type EmulatorClock } from './emulator/clock.js';
import { demoRemoteVerificationHandler } from './emulator/video-id/video-id-host.js';
import { clmCallbackUrl, createClmCallbackHandler, createClmHandler, type ClmDocumentStateEvent } from '../src/server/index.js';

export const TOKEN_PATH = '/api/emzano/token';
export const HANDOFF_PATH = '/api/emzano/handoff';
export const CLM_PATH = '/api/emzano/clm';
export const CLM_CALLBACK_PATH = '/api/emzano/clm-callback';
export const CERTIFICATE_PATH = '/api/emzano/certificate';
export const DIPAR_PATH = '/api/dipar';
export const REMOTE_VERIFICATION_PATH = '/api/remote-verification';
/** Demo only: a real host keeps its callback secret in its own configuration. */
const CLM_CALLBACK_SECRET = 'demo-callback-secret-0123456789';

/** Scopes kept at most; the least recently made goes first (a run of the tests makes a few dozen). */
const MAX_SCOPES = 64;
/** Where a scope's emulators answer, for the elements' calls that carry no cookie. */
const SCOPE_PREFIX = '/__scopes/';

export function emzanoDemo(env: Record<string, string | undefined> = process.env): Plugin {
  const shared = demoHost(env, systemClock, '');
  const scoped = env['EMZANO_DEMO_SCOPES'] === '1' && !env['EMZANO_API_KEY'] ? new Map<string, DemoMiddleware>() : undefined;
  const scopeHost = (scope: string) => {
    let host = scoped!.get(scope);
    if (!host) {
      host = demoHost(env, new FastForwardClock(), `${SCOPE_PREFIX}${scope}`);
      scoped!.set(scope, host);
      if (scoped!.size > MAX_SCOPES) scoped!.delete(scoped!.keys().next().value!);
    }
    return host;
  };
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    if (!scoped) return shared(req, res, next);
    // The elements call the emulators without cookies (Emzano never needs them): a scope's page
    // is told its emulators' base is below /__scopes/{scope}, which names the scope instead.
    const prefixed = new RegExp(`^${SCOPE_PREFIX}([A-Za-z0-9_-]{1,64})(/.*)$`).exec(req.url ?? '');
    if (prefixed) {
      // As if the emulators were mounted here (toNodeListener reads originalUrl, Express's mount path).
      req.url = prefixed[2]!;
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = prefixed[2]!;
      return scopeHost(prefixed[1]!)(req, res, next);
    }
    const scope = demoScopeOf(req.headers.cookie);
    return scope ? scopeHost(scope)(req, res, next) : shared(req, res, next);
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

type DemoMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * One demo host: the emulators and the server kit's handlers in front of them, on `clock`; the
 * page calls the emulators at `emulatorBase` ('' for this origin).
 */
function demoHost(env: Record<string, string | undefined>, clock: EmulatorClock, emulatorBase: string): DemoMiddleware {
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
  const emulator = new EmzanoEmulator({ clock, callbackFetch: (input, init) => callbackHandler(new Request(input, init)) });
  // Demo only: every visitor is one and the same user ("development"). A real host answers with
  // its own signed-in user, e.g. ({ subject: session.userId }), and refuses visitors who are not.
  const authorize = authorizeAnyone();
  // One store for the server kit: the certificate endpoint reads the token handler's bindings.
  const storage = createStorage();
  const emulatorFetch: typeof fetch = (input, init) => emulator.handle(new Request(input, init));
  const emzanoAccount = realKey
    ? { apiKey: realKey, baseUrl: env['EMZANO_BASE_URL'] ?? 'https://api.emzano.com', storage }
    : // In-process: the handler's calls go straight to the emulator, no socket needed.
      { apiKey: emulator.apiKey, baseUrl: 'http://emulator.invalid', storage, fetch: emulatorFetch };
  const tokenHandler = createTokenHandler({ ...emzanoAccount, authorize });
  // Continuing on a phone: its own endpoint, on the same store (it reads the token endpoint's bindings).
  const handoffListener = toNodeListener(createHandoffHandler({ ...emzanoAccount, authorize }));
  // Dipar's broker (emulator mode, in-process) behind the host's Dipar endpoint.
  const diparBroker = new DiparEmulator({ clock });
  const dipar = realKey
    ? undefined
    : demoDiparHandler({
        emulator: diparBroker,
        baseUrl: 'http://dipar.invalid',
        authorize, // Demo only (one user for everyone): a real host answers with its signed-in user.
        storage,
        fetch: (input, init) => diparBroker.handle(new Request(input, init)),
      });
  const diparListener = dipar && toNodeListener(dipar);
  const diparControls = toNodeListener(diparBroker.handle);
  // The CA's RA gateway (emulator mode): its test root → intermediate chain, trusted by DSS.
  const ra = new RaEmulator({ clock });
  emulator.trustIssuer(ra.issuer);
  const { customer, customerKey } = testCustomer();
  const certificateListener = realKey
    ? undefined
    : toNodeListener(
        createCertificateHandler({
          customerCode: customer.customerCode,
          licenseNumber: customer.licenseNumber,
          customerKey, // Demo only: a real host keeps its RA customer key in its own configuration.
          baseUrl: 'http://ra.invalid/api',
          fetch: (input, init) => ra.handle(new Request(input, init)),
          caName: '01',
          profileName: 'Remote-Sign',
          storage,
          authorize, // Demo only (one user for everyone): a real host answers with its signed-in user.
          person: demoPerson({ apiKey: emulator.apiKey, storage, fetch: emulatorFetch, ...(dipar ? { dipar } : {}) }),
        }),
      );
  const raListener = toNodeListener(ra.handle);
  // The video identity-verification service (emulator mode, in-process) behind the host's
  // remote-verification endpoint; its webhook reports reach the handler in-process too.
  const videoId = new VideoIdEmulator({ clock });
  const remoteListener = realKey
    ? undefined
    : toNodeListener(
        demoRemoteVerificationHandler({
          emulator: videoId,
          baseUrl: 'http://video-id.invalid',
          authorize, // Demo only (one user for everyone): a real host answers with its signed-in operator.
          storage,
          fetch: (input, init) => videoId.handle(new Request(input, init)),
        }),
      );
  const videoIdControls = toNodeListener(videoId.handle);
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

  // A test's scope (it runs on a clock the test moves on) has two more switches: `/__clock`, and
  // `POST /__demo/drop-streams`, which breaks every live stream open now, as a network that goes
  // away does (a browser's own offline switch leaves a stream already open untouched).
  const testScope = clock instanceof FastForwardClock;
  const clockListener = testScope ? toNodeListener(clockControl(clock, { between: () => videoId.deliveriesSettled() })) : undefined;
  const liveStreams = new Set<ServerResponse>();

  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (clockListener && path === '/__clock') return void clockListener(req, res, next);
    if (testScope && path === '/__demo/drop-streams' && req.method === 'POST') {
      const dropped = liveStreams.size;
      for (const stream of liveStreams) stream.socket?.destroy();
      liveStreams.clear();
      res.setHeader('Content-Type', 'application/json');
      return void res.end(JSON.stringify({ dropped }));
    }
    if (testScope && (req.headers.accept ?? '').includes('text/event-stream')) {
      liveStreams.add(res);
      res.on('close', () => liveStreams.delete(res));
    }
    if (path === TOKEN_PATH) return void tokenListener(req, res, next);
    if (path === HANDOFF_PATH) return void handoffListener(req, res, next);
    if (clmListener && path.startsWith(`${CLM_PATH}/`)) return void clmListener(req, res, next);
    if (path === CLM_CALLBACK_PATH) return void callbackListener(req, res, next);
    if (certificateListener && path === CERTIFICATE_PATH) return void certificateListener(req, res, next);
    if (diparListener && path.startsWith(`${DIPAR_PATH}/`)) return void diparListener(req, res, next);
    // The Dipar emulator's controls (reset, requests, profile, verdicts, faults, expire-tokens).
    if (!realKey && path.startsWith('/__dipar/')) return void diparControls(req, res, next);
    if (dipar && path === '/__demo/dipar-result') {
      // What the host's server reads back with `readResult` (the broker's signature checked), for the event log.
      void dipar.readResult('development').then(
        (result) => (res.setHeader('Content-Type', 'application/json'), res.end(JSON.stringify({ result: result ?? null }))),
        (error: Error) => (res.setHeader('Content-Type', 'application/json'), res.end(JSON.stringify({ refused: error.name }))),
      );
      return;
    }
    if (remoteListener && path.startsWith(`${REMOTE_VERIFICATION_PATH}/`)) return void remoteListener(req, res, next);
    // The video identity-verification emulator's controls (outcomes, step, requests, deliveries, faults, reset).
    if (!realKey && path.startsWith('/__video-id/')) return void videoIdControls(req, res, next);
    // The RA emulator's controls (reset, availability, faults, and root.cer: the root to trust in pdfsig).
    if (!realKey && path.startsWith('/__ra/')) return void raListener(req, res, next);
    if (path === '/__demo/clm-callbacks') {
      // What the host's callback receiver was told, for the demo's event log.
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(callbacks));
      return;
    }
    if (path === '/__demo/config.json') {
      res.setHeader('Content-Type', 'application/json');
      // Emulator mode: the element calls this same origin, where the emulator is mounted (a
      // scope's below its prefix, http://host/__scopes/{scope}).
      const emulatorUrl = emulatorBase && `http://${req.headers.host ?? 'localhost'}${emulatorBase}`;
      res.end(
        JSON.stringify({
          mode: realKey ? 'emzano' : 'emulator',
          apiBase: realKey ? (env['EMZANO_BASE_URL'] ?? 'https://api.emzano.com') : emulatorUrl,
          tokenEndpoint: TOKEN_PATH,
          handoffEndpoint: HANDOFF_PATH,
          diparEndpoint: realKey ? null : DIPAR_PATH,
          remoteVerificationEndpoint: realKey ? null : REMOTE_VERIFICATION_PATH,
        }),
      );
      return;
    }
    if (!realKey && (path.startsWith('/api/v1/external/') || path.startsWith('/__emulator/'))) return void emulatorListener(req, res, next);
    next();
  };

  return middleware;
}
