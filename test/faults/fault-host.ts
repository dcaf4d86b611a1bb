/**
 * A whole host for the protocol-level fault tests, fresh for each test: the Emzano emulator (KYC,
 * DSS) and the Dipar broker emulator on loopback ports of their own, both on one virtual clock,
 * and the server kit's token and Dipar endpoints mounted on a server of their own as a host
 * mounts them. The browser-side code (the providers, the clients, the signing sequence) runs here
 * in Node and calls that server by absolute URL, over real HTTP, as the elements do from a page.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStorage } from 'unstorage';
import { VirtualClock } from '../../demo/emulator/clock.js';
import { demoDiparHandler, type DemoDiparHandler } from '../../demo/emulator/dipar/dipar-host.js';
import {
  startDiparEmulatorServer,
  startEmulatorServer,
  type RunningDiparEmulator,
  type RunningEmulator,
} from '../../demo/emulator/server.js';
import { DiparProvider } from '../../src/providers/dipar/dipar-provider.js';
import { EmzanoProvider } from '../../src/providers/emzano/emzano-provider.js';
import type { ProviderSettings } from '../../src/providers/kyc-provider.js';
import { createTokenHandler } from '../../src/server/index.js';
import { toNodeListener } from '../../src/server/node.js';

const API_KEY = 'fault-tests-key';
/** The host's signed-in user, for every request (the host vouches for one person here). */
const SUBJECT = 'fault-tests';
const authorize = () => ({ subject: SUBJECT });

/** What reached the host's token endpoint, by what it asked for. */
export type TokenEndpointCall = 'enrol' | 'refresh' | 'mint';

export interface FaultHost {
  /** The time of both emulators: stands still until a test moves it on (a held latency waits for it). */
  clock: VirtualClock;
  emzano: RunningEmulator;
  dipar: RunningDiparEmulator;
  /** The host's token endpoint (`token-endpoint` of `<emzano-kyc>` and `<emzano-sign-pdf>`). */
  tokenEndpoint: string;
  /** Every call the token endpoint received, oldest first. */
  tokenCalls: TokenEndpointCall[];
  /** The statuses the Emzano emulator answered to the calls whose path ends with `suffix`, in order (0: never answered). */
  answered(suffix: string): number[];
  /** `<emzano-kyc>`'s default provider, as the element makes it for this host. */
  emzanoProvider(): EmzanoProvider;
  /** `<emzano-kyc provider="dipar">`'s provider, as the element makes it for this host. */
  diparProvider(): DiparProvider;
  /** What the host's server reads of the signed-in person's Dipar verification (`readResult`), its broker signature checked. */
  diparResult(request?: Parameters<DemoDiparHandler['readResult']>[1]): ReturnType<DemoDiparHandler['readResult']>;
  close(): Promise<void>;
}

/** Starts a host; `close()` it when done (see `withFaultHost`). */
export async function startFaultHost(): Promise<FaultHost> {
  const clock = new VirtualClock();
  const [emzano, dipar] = await Promise.all([startEmulatorServer({ apiKey: API_KEY, clock }), startDiparEmulatorServer({ clock })]);
  // The kit's state of this host alone (its default memory store is one per process, which tests side by side would share).
  const storage = createStorage();
  const tokenHandler = createTokenHandler({ apiKey: API_KEY, baseUrl: emzano.url, authorize, storage });
  const diparHandler = demoDiparHandler({ emulator: dipar.emulator, baseUrl: dipar.url, authorize, storage });
  const tokenCalls: TokenEndpointCall[] = [];
  const countedTokenHandler = async (request: Request) => {
    const body = (await request.clone().json()) as Record<string, unknown>;
    tokenCalls.push('refreshToken' in body ? 'refresh' : 'phoneNumber' in body ? 'enrol' : 'mint');
    return tokenHandler(request);
  };
  const tokenListener = toNodeListener(countedTokenHandler);
  const diparListener = toNodeListener(diparHandler);
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/api/emzano/token') return void tokenListener(request, response);
    if (path.startsWith('/api/dipar/')) return void diparListener(request, response);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const settings = (tokenEndpoint: string): (() => ProviderSettings) => {
    const fixed: ProviderSettings = {
      tokenEndpoint,
      handoffEndpoint: '',
      apiBase: emzano.url,
      authScheme: 'Bearer',
      randomTextField: 'RandomText',
    };
    return () => fixed;
  };
  return {
    clock,
    emzano,
    dipar,
    tokenEndpoint: `${origin}/api/emzano/token`,
    tokenCalls,
    answered: (suffix) =>
      emzano.emulator
        .requests()
        .filter((request) => request.path.endsWith(suffix))
        .map((request) => request.status),
    emzanoProvider: () => new EmzanoProvider(settings(`${origin}/api/emzano/token`)),
    diparProvider: () => new DiparProvider(settings(`${origin}/api/dipar`)),
    diparResult: (request) => diparHandler.readResult(SUBJECT, request),
    close: async () => {
      server.closeAllConnections();
      await Promise.all([new Promise((resolve) => server.close(resolve)), emzano.close(), dipar.close()]);
    },
  };
}

/** How long a test may take: a walk that waits for what never comes (a cancel that does not stop an upload) fails instead of hanging. */
const TEST_LIMIT_MS = 30_000;

/** A test body run against a host of its own, closed after whatever happens. */
export function withFaultHost(run: (host: FaultHost) => Promise<void>): () => Promise<void> {
  return async () => {
    const host = await startFaultHost();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Not done within ${TEST_LIMIT_MS / 1000} s`)), TEST_LIMIT_MS);
    });
    try {
      await Promise.race([run(host), limit]);
    } finally {
      clearTimeout(timer);
      await host.close();
    }
  };
}

/**
 * Moves the clock on by `ms` each time something waits on it (a held answer), until `work`
 * settles: every latency fault costs its full time on the clock and none in real time. Resolves
 * with what `work` did and how many answers were held on the way.
 */
export async function releasingHeldAnswers<T>(clock: VirtualClock, ms: number, work: Promise<T>): Promise<{ result: T; held: number }> {
  let held = 0;
  const settled = work.then(
    () => false,
    () => false,
  );
  const pump = (async () => {
    while (await Promise.race([clock.whenHeld().then(() => true), settled])) {
      held += clock.pending;
      await clock.advance(ms);
    }
  })();
  const result = await work;
  await pump;
  return { result, held };
}
