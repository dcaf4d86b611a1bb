/**
 * The host the browser tests run against: the emulators of Emzano (with CLM and DSS), the CA's RA
 * gateway, the Dipar broker and the video identity-verification service, each on a loopback port
 * of its own (so the elements' calls to them are real cross-origin HTTP), and the server kit's
 * handlers in front of them as a host mounts them.
 *
 * One such host per test file (a scope): two files running at once never see each other's people,
 * documents, faults or time. The test runner names a file's scope by a cookie it sets on the
 * file's page, and each file runs in a browser context of its own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clockControl, FastForwardClock } from '../../demo/emulator/clock.js';
import { CLM_CREDENTIALS } from '../../demo/emulator/clm.js';
import { demoDiparHandler } from '../../demo/emulator/dipar/dipar-host.js';
import {
  startDiparEmulatorServer,
  startEmulatorServer,
  startRaEmulatorServer,
  startVideoIdEmulatorServer,
} from '../../demo/emulator/server.js';
import { demoRemoteVerificationHandler } from '../../demo/emulator/video-id/video-id-host.js';
import { createClmHandler, createTokenHandler } from '../../src/server/index.js';
import { toNodeListener } from '../../src/server/node.js';
import { SARA, testCertificateHandler } from './ra-people.js';
import { createStorage } from 'unstorage';

export type NodeListener = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

/** The cookie that names a test file's scope. */
export const SCOPE_COOKIE = 'emzano-test-scope';

const API_KEY = 'wtr-emulator-key';

/**
 * The test pages are the host. Its signed-in user is the `test-user` cookie a test may set (one
 * user for every test that does not), and `anonymous` is a visitor the host does not vouch for.
 */
function authorize(request: Request) {
  const user = /(?:^|;\s*)test-user=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? 'browser-tests';
  return user === 'anonymous' ? false : { subject: user };
}

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

export interface BrowserHost {
  /** Where the Emzano emulator answers (the elements' `api-base`). */
  apiBase: string;
  /** The time of every emulator here: real time, which a test may move on (`/__clock`). */
  clock: FastForwardClock;
  /** The listener for a request's path, or undefined when the host does not serve it. */
  listenerFor(path: string): NodeListener | undefined;
  close(): Promise<void>;
}

/** One host: every emulator and handler, fresh. */
export async function startBrowserHost(): Promise<BrowserHost> {
  const clock = new FastForwardClock();
  const emzano = await startEmulatorServer({ apiKey: API_KEY, clock });
  // The host's own store: test files run two at once, as the same signed-in users.
  const storage = createStorage();
  const tokenListener = toNodeListener(createTokenHandler({ apiKey: API_KEY, baseUrl: emzano.url, authorize, storage }));
  // The host's CLM endpoint, as a host mounts it (the CLM paths below /api/emzano/clm).
  const clmListener = toNodeListener(createClmHandler({ ...CLM_CREDENTIALS, baseUrl: emzano.url, authorize, storage }));
  /**
   * The host's certificate endpoint in front of the CA's RA gateway (its emulator, on its own
   * port). Every user the host vouches for was verified as Sara Ahmadi, except `unverified`;
   * a test that issues resets the RA emulator first (`POST /__ra/reset`), since the CA keeps one
   * active certificate per person.
   */
  const ra = await startRaEmulatorServer({ clock });
  // DSS accepts the certificates the RA emulator issues (and checks them: dates, revocation, person).
  emzano.emulator.trustIssuer(ra.emulator.issuer);
  // Its own store, emptied with the CA: the kit refuses a second certificate while it knows one is active.
  const certificateStorage = createStorage();
  const certificateListener = toNodeListener(
    testCertificateHandler(ra.baseUrl, {
      storage: certificateStorage,
      authorize,
      person: (subject) => (subject === 'unverified' ? undefined : SARA),
      // The KYC id RequestApprove names (a host's token handler binds it; here, one per user).
      orderId: (subject) => `kyc-${subject}`,
    }),
  );
  /**
   * The host's Dipar endpoint (`/api/dipar/…`) in front of the Dipar broker emulator on its own
   * port; `/__dipar/…` reaches the emulator's controls, and `/__dipar-result` is the host reading
   * the signed result of the signed-in user's verification (`readResult`), as its server would.
   */
  const dipar = await startDiparEmulatorServer({ clock });
  const diparHandler = demoDiparHandler({ emulator: dipar.emulator, baseUrl: dipar.url, authorize, storage });
  const diparResult = async (request: Request) => {
    const who = authorize(request);
    if (!who) return json({}, 403);
    try {
      return json({ result: (await diparHandler.readResult(who.subject)) ?? null });
    } catch (error) {
      return json({ refused: error instanceof Error ? error.name : String(error) });
    }
  };
  /**
   * The host's remote-verification endpoint (`/api/remote-verification/…`) in front of the video
   * identity-verification emulator on its own port, whose webhook reports reach the handler
   * in-process; `/__video-id/…` reaches the emulator's controls.
   */
  const videoId = await startVideoIdEmulatorServer({ stepMs: 300, clock });
  // Streams end every 700 ms (the browser reconnects at once): each walk spans several streams, so
  // the tests prove what a dropped connection does (Last-Event-ID, nothing missed, nothing twice).
  const remoteHandler = demoRemoteVerificationHandler({
    storage,
    emulator: videoId.emulator,
    baseUrl: videoId.url,
    authorize,
    stream: { maxDurationMs: 700, retryMs: 100 },
  });

  const listeners: Record<HostRoute, NodeListener> = {
    token: tokenListener,
    clm: clmListener,
    certificate: certificateListener,
    ra: toNodeListener(async (request) => {
      if (new URL(request.url).pathname === '/__ra/reset') await certificateStorage.clear();
      return ra.emulator.handle(request);
    }),
    dipar: toNodeListener(diparHandler),
    diparControls: toNodeListener(dipar.emulator.handle),
    diparResult: toNodeListener(diparResult),
    remoteVerification: toNodeListener(remoteHandler),
    videoIdControls: toNodeListener(videoId.emulator.handle),
    // Each of the person's steps moved on to only once the report before it has reached the host.
    clock: toNodeListener(clockControl(clock, { between: () => videoId.emulator.deliveriesSettled() })),
    testEnv: toNodeListener(async () => json({ apiBase: emzano.url, tokenEndpoint: '/api/emzano/token' })),
  };
  return {
    apiBase: emzano.url,
    clock,
    listenerFor: (path) => {
      const route = hostRoute(path);
      return route && listeners[route];
    },
    close: async () => {
      await Promise.all([emzano.close(), ra.close(), dipar.close(), videoId.close()]);
    },
  };
}

type HostRoute =
  | 'token'
  | 'clm'
  | 'certificate'
  | 'ra'
  | 'dipar'
  | 'diparControls'
  | 'diparResult'
  | 'remoteVerification'
  | 'videoIdControls'
  | 'clock'
  | 'testEnv';

/** Which of a host's routes serves `path`, if any (the test runner serves every other path). */
export function hostRoute(path: string): HostRoute | undefined {
  if (path === '/api/emzano/token') return 'token';
  if (path.startsWith('/api/emzano/clm/')) return 'clm';
  if (path === '/api/emzano/certificate') return 'certificate';
  if (path.startsWith('/__ra/')) return 'ra';
  if (path.startsWith('/api/dipar/')) return 'dipar';
  if (path.startsWith('/__dipar/')) return 'diparControls';
  if (path === '/__dipar-result') return 'diparResult';
  if (path.startsWith('/api/remote-verification/')) return 'remoteVerification';
  if (path.startsWith('/__video-id/')) return 'videoIdControls';
  if (path === '/__clock') return 'clock';
  if (path === '/__test-env') return 'testEnv';
  return undefined;
}

/** The hosts of the test files, each made when its file's page first asks for it. */
export class BrowserHostScopes {
  private readonly hosts = new Map<string, Promise<BrowserHost>>();

  /** The scope a request belongs to: its cookie's; none for a request without one. */
  static scopeOf(cookieHeader: string | undefined): string | undefined {
    return new RegExp(`(?:^|;\\s*)${SCOPE_COOKIE}=([A-Za-z0-9_-]{1,64})`).exec(cookieHeader ?? '')?.[1];
  }

  host(scope: string): Promise<BrowserHost> {
    let host = this.hosts.get(scope);
    if (!host) {
      host = startBrowserHost();
      this.hosts.set(scope, host);
    }
    return host;
  }

  /** Closes a file's host once its file is done (its page gone). */
  async release(scope: string): Promise<void> {
    const host = this.hosts.get(scope);
    this.hosts.delete(scope);
    await (await host)?.close();
  }

  async closeAll(): Promise<void> {
    const hosts = [...this.hosts.values()];
    this.hosts.clear();
    await Promise.all(hosts.map(async (host) => (await host).close()));
  }
}
