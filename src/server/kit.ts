/**
 * `createEmzanoKit`: every vendor's routes behind one Web-standard `fetch`, configured once. One
 * `authorize`, one store, the credentials of each vendor given once (CLM's serve both its proxy
 * and its callback; Emzano's key serves the token endpoint, the handoff and the verifier). Each
 * section is optional: a vendor left out answers 404 on its paths. The `create…Handler` functions
 * stay for hosts that mount one vendor alone; the kit is built from them, so both behave alike.
 *
 * Routes under `basePath` (default `/api/emzano`):
 *
 * | Path               | Section              | Handler                            |
 * | ------------------ | -------------------- | ---------------------------------- |
 * | `/token`           | `emzano`             | `createTokenHandler`               |
 * | `/handoff`         | `emzano` + `handoff` | `createHandoffHandler`             |
 * | `/certificate`     | `ra`                 | `createCertificateHandler`         |
 * | `/clm/api/v1/clm/…`| `clm`                | `createClmHandler`                 |
 * | `/clm-callback`    | `clm.callback`       | `createClmCallbackHandler`         |
 * | `/dipar/…`         | `dipar`              | `createDiparHandler`               |
 * | `/remote/…`        | `remoteVerification` | `createRemoteVerificationHandler`  |
 */
import type { Storage } from 'unstorage';
import type { Authorization } from './authorize.js';
import { requireAuthorize } from './authorize.js';
import { createCertificateHandler, type CertificateAction, type CertificateHandlerOptions } from './certificate-handler.js';
import { clmCallbackUrl, createClmCallbackHandler, type ClmCallbackOptions } from './clm-callback.js';
import { createClmHandler, type ClmAction, type ClmHandlerOptions } from './clm-handler.js';
import {
  createDiparHandler,
  type DiparAction,
  type DiparDataRequest,
  type DiparHandlerOptions,
  type DiparResult,
} from './dipar-handler.js';
import type { EmzanoAccountOptions } from './emzano-account.js';
import { forgetSubject, type ForgottenSubject } from './forget-subject.js';
import { createHandoffHandler, type HandoffHandlerOptions } from './handoff-handler.js';
import type { HandoffAction } from './handoff/handoff-actions.js';
import { refusal, type PipelineOptions } from './pipeline.js';
import {
  createRemoteVerificationHandler,
  type RemoteCredits,
  type RemoteVerificationAction,
  type RemoteVerificationHandlerOptions,
} from './remote-verification-handler.js';
import type { UnmatchedEvent } from './remote-verification/timeline-store.js';
import { checkStorage } from './store.js';
import { createTokenHandler, type TokenHandlerOptions } from './token-handler.js';
import { createKycVerifier, type KycVerification, type VerifyKycInput } from './verify-kyc.js';
import { sandboxKit, type SandboxKitConfig } from './kit-sandbox.js';
import { given, normalizeBasePath } from './kit-options.js';

/**
 * What the kit's one `authorize` is asked: the route, beside the action its handler asks about
 * (`{ route: 'token', action: 'enrol' }`, `{ route: 'clm', action: 'read', documentId }`, …).
 */
export type KitAction =
  | ({ route: 'token' } & ({ action: 'enrol' } | { action: 'refresh'; userId: string } | { action: 'mint'; userId: string }))
  | ({ route: 'handoff' } & HandoffAction)
  | ({ route: 'certificate' } & CertificateAction)
  | ({ route: 'clm' } & ClmAction)
  | ({ route: 'dipar' } & DiparAction)
  | ({ route: 'remote' } & RemoteVerificationAction);

/** What the kit takes once for every route (a section may still give its own `fetch`: a proxy for one vendor). */
type Shared = 'authorize' | 'storage' | 'instances' | 'allowedOrigins' | 'rateLimit' | 'onError' | 'now';

export interface EmzanoKitConfig extends Omit<PipelineOptions, 'maxBodyBytes'> {
  /** Where the routes are mounted. Default `/api/emzano`. */
  basePath?: string;
  /**
   * Required. Who the host's signed-in user is, for every route: `{ subject }`, or `false` (403)
   * or a Response of your own to refuse. `action.route` says which route asks. `{ anonymous: true }`
   * is taken only for the phone's handoff actions (`route: 'handoff', action: 'handoff-phone'`).
   */
  authorize: (request: Request, action: KitAction) => Authorization | Promise<Authorization>;
  /** The one store of every route (an unstorage instance; Redis for more than one instance). */
  storage?: Storage;
  /** `'many'` when more than one process serves the routes (the store must then be Redis). */
  instances?: 'one' | 'many';
  /** Every vendor call's `fetch` (replaced in tests, or a proxy); a section's own `fetch` wins for it. */
  fetch?: typeof fetch;
  /** Clock, in milliseconds; replaced in tests. */
  now?: () => number;
  /** Emzano KYC: `/token` (and the verifier). */
  emzano?: Omit<TokenHandlerOptions, Shared>;
  /** Continuing on a phone: `/handoff` (needs `emzano`). `true` for the defaults. */
  handoff?: true | Omit<HandoffHandlerOptions, Shared | keyof EmzanoAccountOptions>;
  /** The CA's RA: `/certificate`. */
  ra?: Omit<CertificateHandlerOptions, Shared>;
  /**
   * CLM: the proxy under `/clm/…`, and with `callback`, CLM's final-state callback on
   * `/clm-callback` (its URL, with the secret, written here from `origin`: never from the browser).
   */
  clm?: Omit<ClmHandlerOptions, Shared | 'callbackUrl'> & {
    callback?: Omit<ClmCallbackOptions, Shared | 'clientId' | 'clientSecret' | 'username' | 'password' | 'baseUrl'> & {
      /** Your site's public origin as CLM reaches it (`https://shop.example`): the callback URL is `{origin}{basePath}/clm-callback?secret=…`. */
      origin: string;
    };
  };
  /** Dipar eKYC: `/dipar/…` (`<emzano-kyc provider="dipar" token-endpoint="{basePath}/dipar">`). */
  dipar?: Omit<DiparHandlerOptions, Shared>;
  /** Remote verification by SMS link: `/remote/…`. */
  remoteVerification?: Omit<RemoteVerificationHandlerOptions, Shared>;
}

export interface EmzanoKit {
  /** Every route, Web-standard: mount it on `{basePath}/*` (Express: `app.use(basePath, toNodeListener(kit.fetch))`). */
  fetch(request: Request): Promise<Response>;
  /** The base path the routes answer under. */
  readonly basePath: string;
  /** Asks Emzano about your own signed-in user (`createKycVerifier`); needs `emzano`. */
  verifyKyc(input: VerifyKycInput): Promise<KycVerification>;
  /** The subject's latest Dipar verification as the broker signed it; needs `dipar` (with `brokerPublicKey` and `dualAuthToken`). */
  readDiparResult(subject: string, request?: { data?: DiparDataRequest }): Promise<DiparResult | undefined>;
  /** The remote-verification account's credits; needs `remoteVerification`. */
  remoteCredits(options?: { maxAgeSeconds?: number }): Promise<RemoteCredits | undefined>;
  /** Remote-verification reports set aside (not sent from here, or for another number); needs `remoteVerification`. */
  unmatchedRemoteEvents(): Promise<UnmatchedEvent[]>;
  /** Deletes everything the kit holds about `subject` in its store (`forgetSubject`). */
  forgetSubject(subject: string): Promise<ForgottenSubject>;
}

type Handler = (request: Request) => Promise<Response>;

const SECTIONS = ['emzano', 'handoff', 'ra', 'clm', 'dipar', 'remoteVerification'] as const;

export function createEmzanoKit(config: EmzanoKitConfig | SandboxKitConfig): EmzanoKit {
  if (config && typeof config === 'object' && 'sandbox' in config && config.sandbox !== undefined) {
    return sandboxKit(config as SandboxKitConfig, buildKit);
  }
  return buildKit(config as EmzanoKitConfig);
}

function buildKit(config: EmzanoKitConfig): EmzanoKit {
  const factory = 'createEmzanoKit';
  if (!config || typeof config !== 'object') throw new TypeError(`${factory}: a configuration object is required.`);
  requireAuthorize(factory, config.authorize);
  checkStorage(factory, config.storage);
  const basePath = normalizeBasePath(config.basePath ?? '/api/emzano');
  for (const name of Object.keys(config)) {
    if (!KNOWN_KEYS.has(name)) throw new TypeError(`${factory}: unknown option \`${name}\` (sections: ${SECTIONS.join(', ')}).`);
  }
  if (config.handoff && !config.emzano)
    throw new TypeError(`${factory}: \`handoff\` needs the \`emzano\` section (its API key mints the phone's tokens).`);
  if (!SECTIONS.some((name) => config[name])) throw new TypeError(`${factory}: no vendor section is given (${SECTIONS.join(', ')}).`);

  const shared = {
    storage: config.storage,
    instances: config.instances,
    allowedOrigins: config.allowedOrigins,
    rateLimit: config.rateLimit,
    onError: config.onError,
    fetch: config.fetch,
    now: config.now,
  };
  /** The shared options, without the ones not given (a section's own `undefined` would hide nothing). */
  const base = Object.fromEntries(Object.entries(shared).filter(([, value]) => value !== undefined));
  /** The one `authorize`, told which route asks. */
  const authorizeFor =
    <Route extends KitAction['route']>(route: Route) =>
    (request: Request, action: object) =>
      config.authorize(request, { route, ...action } as KitAction);

  const routes = new Map<string, Handler>();
  // A section's `undefined` is "not given": it must not hide the shared value for one handler and not another.
  const emzano = given(config.emzano);
  const ra = given(config.ra);
  const clm = given(config.clm);
  const dipar = given(config.dipar);
  const remoteVerification = given(config.remoteVerification);
  const handoffSection = config.handoff;
  const handoff = handoffSection === true ? {} : given(handoffSection);
  if (emzano) {
    routes.set('token', createTokenHandler({ ...base, ...emzano, authorize: authorizeFor('token') }));
    if (handoff) {
      routes.set('handoff', createHandoffHandler({ ...base, ...emzanoAccountOf(emzano), ...handoff, authorize: authorizeFor('handoff') }));
    }
  }
  if (ra) routes.set('certificate', createCertificateHandler({ ...base, ...ra, authorize: authorizeFor('certificate') }));
  if (clm) {
    const { callback, ...proxy } = clm;
    // The proxy's account, as the receiver reads the document again with it: credentials, origin, and how it calls CLM.
    const { clientId, clientSecret, username, password, baseUrl, fetch, timeoutMs } = clm;
    const account = given({ clientId, clientSecret, username, password, baseUrl, fetch, timeoutMs });
    let callbackUrl: string | undefined;
    if (callback) {
      const { origin, ...receiver } = callback;
      callbackUrl = clmCallbackUrl(`${publicOrigin(origin)}${basePath}/clm-callback`, receiver.secret);
      routes.set('clm-callback', createClmCallbackHandler({ ...base, ...account, ...given(receiver) }));
    }
    routes.set('clm', createClmHandler({ ...base, ...proxy, ...(callbackUrl ? { callbackUrl } : {}), authorize: authorizeFor('clm') }));
  }
  const diparHandler = dipar && createDiparHandler({ ...base, ...dipar, authorize: authorizeFor('dipar') });
  if (diparHandler) routes.set('dipar', diparHandler);
  const remote =
    remoteVerification && createRemoteVerificationHandler({ ...base, ...remoteVerification, authorize: authorizeFor('remote') });
  if (remote) routes.set('remote', remote);
  const verifier = emzano && createKycVerifier({ ...base, ...emzanoAccountOf(emzano) });

  const notFound = () => refusal(404, 'not-found', 'Not a path this endpoint answers.').toResponse();
  const needs = (section: string, call: string): never => {
    throw new TypeError(`${factory}: \`${call}\` needs the \`${section}\` section.`);
  };

  return {
    basePath,
    async fetch(request) {
      const { pathname } = new URL(request.url);
      if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return notFound();
      // The first segment under the base names the route: a vendor left out answers like a path that does not exist.
      const handler = routes.get(pathname.slice(basePath.length + 1).split('/')[0] ?? '');
      return handler ? handler(request) : notFound();
    },
    // Async, so that a call without its section rejects like any other failed call.
    verifyKyc: async (input) => (verifier ? verifier(input) : needs('emzano', 'verifyKyc')),
    readDiparResult: async (subject, request) =>
      diparHandler ? diparHandler.readResult(subject, request) : needs('dipar', 'readDiparResult'),
    remoteCredits: async (options) => (remote ? remote.credits(options) : needs('remoteVerification', 'remoteCredits')),
    unmatchedRemoteEvents: async () => (remote ? remote.unmatchedEvents() : needs('remoteVerification', 'unmatchedRemoteEvents')),
    forgetSubject: (subject) => forgetSubject(subject, { ...(config.storage ? { storage: config.storage } : {}) }),
  };
}

const KNOWN_KEYS = new Set([
  'basePath',
  'authorize',
  'storage',
  'instances',
  'allowedOrigins',
  'rateLimit',
  'onError',
  'fetch',
  'now',
  ...SECTIONS,
]);

/** The Emzano account's own options, as the handoff and the verifier take them (not the token endpoint's). */
function emzanoAccountOf(emzano: Omit<TokenHandlerOptions, Shared>): Omit<EmzanoAccountOptions, Shared> {
  const { apiKey, baseUrl, browserApiBase, expiresIn, timeoutMs, identityRetentionSeconds, fetch } = emzano;
  return given({ apiKey, baseUrl, browserApiBase, expiresIn, timeoutMs, identityRetentionSeconds, fetch });
}

function publicOrigin(origin: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof origin === 'string' ? new URL(origin) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname.replace(/\/$/, '') !== '') {
    throw new TypeError('createEmzanoKit: `clm.callback.origin` must be your site\'s public origin, e.g. "https://shop.example".');
  }
  return url.origin;
}
