/**
 * `npm start`: one Vite dev server that serves the demo page, the Emzano emulator, the Dipar
 * broker's emulator, the CA's RA emulator, the video identity-verification emulator and the
 * server kit's handlers (token, Dipar, CLM, certificate, remote verification), so the whole flow (KYC through either provider, a certificate for a key made in
 * the browser, signing with it) runs with no account and no network.
 * With EMZANO_API_KEY set (and optionally EMZANO_BASE_URL), the token handler talks to the real
 * Emzano instead and the page points the element at it.
 */
import { createStorage } from 'unstorage';
import type { Connect, Plugin } from 'vite';
import { authorizeAnyone, createCertificateHandler, createTokenHandler } from '../src/server/index.js';
import { toNodeListener } from '../src/server/node.js';
import { EmzanoEmulator } from './emulator/emulator.js';
import { CLM_CREDENTIALS } from './emulator/clm.js';
import { RaEmulator, testCustomer } from './emulator/ra/ra-emulator.js';
import { demoPerson } from './demo-identity.js';
import { DiparEmulator } from './emulator/dipar/dipar-emulator.js';
import { demoDiparHandler } from './emulator/dipar/dipar-host.js';
import { VideoIdEmulator } from './emulator/video-id/video-id-emulator.js';
import { demoRemoteVerificationHandler } from './emulator/video-id/video-id-host.js';
import { clmCallbackUrl, createClmCallbackHandler, createClmHandler, type ClmDocumentStateEvent } from '../src/server/index.js';

export const TOKEN_PATH = '/api/emzano/token';
export const CLM_PATH = '/api/emzano/clm';
export const CLM_CALLBACK_PATH = '/api/emzano/clm-callback';
export const CERTIFICATE_PATH = '/api/emzano/certificate';
export const DIPAR_PATH = '/api/dipar';
export const REMOTE_VERIFICATION_PATH = '/api/remote-verification';
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
  // One store for the server kit: the certificate endpoint reads the token handler's bindings.
  const storage = createStorage();
  const emulatorFetch: typeof fetch = (input, init) => emulator.handle(new Request(input, init));
  const tokenHandler = realKey
    ? createTokenHandler({ apiKey: realKey, baseUrl: env['EMZANO_BASE_URL'] ?? 'https://api.emzano.com', authorize })
    : createTokenHandler({
        apiKey: emulator.apiKey,
        baseUrl: 'http://emulator.invalid',
        authorize,
        storage,
        // In-process: the handler's calls go straight to the emulator, no socket needed.
        fetch: emulatorFetch,
      });
  // Dipar's broker (emulator mode, in-process) behind the host's Dipar endpoint.
  const diparBroker = new DiparEmulator();
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
  const ra = new RaEmulator();
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
  const videoId = new VideoIdEmulator();
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

  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path === TOKEN_PATH) return void tokenListener(req, res, next);
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
      // Emulator mode: the element calls this same origin, where the emulator is mounted.
      res.end(
        JSON.stringify({
          mode: realKey ? 'emzano' : 'emulator',
          apiBase: realKey ? (env['EMZANO_BASE_URL'] ?? 'https://api.emzano.com') : '',
          tokenEndpoint: TOKEN_PATH,
          diparEndpoint: realKey ? null : DIPAR_PATH,
          remoteVerificationEndpoint: realKey ? null : REMOTE_VERIFICATION_PATH,
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
