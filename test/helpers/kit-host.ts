/**
 * The whole server kit (`createEmzanoKit`) as a host mounts it, over real HTTP on a loopback
 * port, in front of every vendor's emulator on ports of their own. Two hosts over one store are
 * two instances of one site. The signed-in user is the `x-user` header; a phone that is not
 * signed in is let in by its handoff code (`{ anonymous: true }`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Storage } from 'unstorage';
import {
  startDiparEmulatorServer,
  startEmulatorServer,
  startRaEmulatorServer,
  startVideoIdEmulatorServer,
  type RunningDiparEmulator,
  type RunningEmulator,
  type RunningRaEmulator,
  type RunningVideoIdEmulator,
} from '../../demo/emulator/server.js';
import { CLM_CREDENTIALS } from '../../demo/emulator/clm.js';
import {
  createEmzanoKit,
  type ClmDocumentStateEvent,
  type EmzanoKit,
  type EmzanoKitConfig,
  type KitAction,
} from '../../src/server/index.js';
import { toNodeListener } from '../../src/server/node.js';
import { SARA, testRaCredentials } from './ra-people.js';
import { vendorAccount } from './remote-verification.js';

export const KIT_API_KEY = 'kit-test-key';
export const KIT_CALLBACK_SECRET = 'kit-callback-secret-0123456789';
export const WEBHOOK_CREDENTIALS = { username: 'kit-webhook', password: 'kit-webhook-password' };

/** Every vendor's emulator, started once for a suite. */
export interface KitWorld {
  emzano: RunningEmulator;
  ra: RunningRaEmulator;
  dipar: RunningDiparEmulator;
  vendor: RunningVideoIdEmulator;
  reset(): void;
  close(): Promise<void>;
}

export async function startKitWorld(): Promise<KitWorld> {
  const [emzano, ra, dipar, vendor] = await Promise.all([
    startEmulatorServer({ apiKey: KIT_API_KEY }),
    startRaEmulatorServer(),
    startDiparEmulatorServer(),
    startVideoIdEmulatorServer({ stepMs: 60_000 }),
  ]);
  return {
    emzano,
    ra,
    dipar,
    vendor,
    reset() {
      emzano.emulator.reset();
      ra.emulator.reset();
      dipar.emulator.reset();
      vendor.emulator.reset();
      vendor.emulator.setWebhook(undefined);
    },
    close: async () => {
      await Promise.all([emzano.close(), ra.close(), dipar.close(), vendor.close()]);
    },
  };
}

export interface KitHost {
  kit: EmzanoKit;
  /** The site's origin; the kit answers under `${origin}/api/emzano`. */
  origin: string;
  /** What `authorize` was asked, in order. */
  asked: KitAction[];
  /** What the kit told the host: `onError` calls and every handler event. */
  heard: unknown[];
  /** The CLM final states the host was told of. */
  documentStates: ClmDocumentStateEvent[];
  /** A request to `/api/emzano{path}` as `user` ('' or undefined: not signed in). */
  call(path: string, init?: { user?: string; body?: unknown; method?: string; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

/** The kit with every section, as one instance of the site; `extra` replaces parts of its configuration. */
export async function startKitHost(world: KitWorld, storage: Storage, extra: Partial<EmzanoKitConfig> = {}): Promise<KitHost> {
  const asked: KitAction[] = [];
  const heard: unknown[] = [];
  const documentStates: ClmDocumentStateEvent[] = [];
  // The kit is made once the port is known: CLM's callback URL names this site's origin.
  const listening: { listener?: ReturnType<typeof toNodeListener> } = {};
  const server: Server = createServer((request, response) => listening.listener!(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const operator = world.dipar.emulator.operators[0]!;
  const kit = createEmzanoKit({
    storage,
    authorize: (request, action) => {
      asked.push(action);
      const user = request.headers.get('x-user');
      if (user) return { subject: user };
      return action.route === 'handoff' && action.action === 'handoff-phone' ? { anonymous: true } : false;
    },
    onError: (error, context) => heard.push(error, context),
    emzano: { apiKey: KIT_API_KEY, baseUrl: world.emzano.url, onEvent: (event) => heard.push(event) },
    handoff: { stream: { pollMs: 50, heartbeatMs: 1000, maxDurationMs: 5000, retryMs: 100 }, onEvent: (event) => heard.push(event) },
    ra: { ...testRaCredentials(world.ra.baseUrl), caName: '01', profileName: 'Remote-Sign', person: () => SARA },
    clm: {
      ...CLM_CREDENTIALS,
      baseUrl: world.emzano.url,
      callback: { origin, secret: KIT_CALLBACK_SECRET, onDocumentState: (event) => void documentStates.push(event) },
    },
    dipar: {
      baseUrl: world.dipar.url,
      callerCode: operator.callerCode,
      tokenKey: operator.tokenKey,
      claims: () => ({ nationalCode: SARA.NationalCode, mobile: SARA.Telephone, firstName: SARA.Name, lastName: SARA.LastName }),
      brokerPublicKey: world.dipar.emulator.brokerPublicKeyPem(),
    },
    remoteVerification: {
      ...vendorAccount(world.vendor),
      webhookAuth: { basic: WEBHOOK_CREDENTIALS },
      stream: { pollMs: 100 },
      onHookError: (error) => heard.push(error),
    },
    ...extra,
  });
  listening.listener = toNodeListener(kit.fetch);
  return {
    kit,
    origin,
    asked,
    heard,
    documentStates,
    call: (path, init = {}) => {
      const hasBody = init.body !== undefined;
      return fetch(`${origin}/api/emzano${path}`, {
        method: init.method ?? (hasBody ? 'POST' : 'GET'),
        headers: {
          ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
          ...(init.user ? { 'x-user': init.user } : {}),
          ...init.headers,
        },
        ...(hasBody ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
      });
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
