/**
 * A host with the remote-verification endpoint, and the vendor's emulator, over real HTTP on
 * loopback ports: the emulator POSTs its webhook reports to the host as a real service would.
 * The host's signed-in user is the `x-user` header.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Storage } from 'unstorage';
import { startVideoIdEmulatorServer, type RunningVideoIdEmulator } from '../../demo/emulator/server.js';
import type { WebhookSettings } from '../../demo/emulator/video-id/simulated-person.js';
import { toNodeListener } from '../../src/server/node.js';
import {
  createRemoteVerificationHandler,
  type RemoteVerificationHandler,
  type RemoteVerificationHandlerOptions,
} from '../../src/server/remote-verification-handler.js';

export const WEBHOOK_USER = 'panel-webhook';
export const WEBHOOK_PASSWORD = 'panel-webhook-password';
export const MOUNT = '/api/remote-verification';

export interface RemoteHost {
  handler: RemoteVerificationHandler;
  url: string;
  /** A request to the endpoint as `user` (none: not signed in). */
  call(path: string, user: string | undefined, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** The emulator's account as the kit's `remoteVerification` section (and the handler) take it: its URL, API user and token, and its two paths. */
export function vendorAccount(vendor: RunningVideoIdEmulator) {
  const { apiUser, apiToken, certificatePath, creditsPath } = vendor.emulator;
  return { baseUrl: vendor.url, apiUser, apiToken, paths: { certificate: certificatePath, credits: creditsPath } };
}

export async function startRemoteHost(
  vendor: RunningVideoIdEmulator,
  storage: Storage,
  options: Partial<RemoteVerificationHandlerOptions> = {},
): Promise<RemoteHost> {
  const handler = createRemoteVerificationHandler({
    ...vendorAccount(vendor),
    webhookAuth: { basic: { username: WEBHOOK_USER, password: WEBHOOK_PASSWORD } },
    authorize: (request) => {
      const user = request.headers.get('x-user');
      return user ? { subject: user } : false;
    },
    storage,
    stream: { pollMs: 100 },
    ...options,
  });
  const server: Server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    handler,
    url,
    call: (path, user, init = {}) =>
      fetch(`${url}${MOUNT}${path}`, {
        ...init,
        headers: { ...(user ? { 'x-user': user } : {}), ...(init.headers as Record<string, string>) },
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The panel's webhook settings pointing at `host`, Basic credentials as the host expects. */
export function webhookTo(host: RemoteHost, settings: Partial<WebhookSettings> = {}): WebhookSettings {
  return {
    url: `${host.url}${MOUNT}/webhook`,
    basic: { username: WEBHOOK_USER, password: WEBHOOK_PASSWORD },
    format: 'json',
    nestedAs: 'string',
    ...settings,
  };
}

export { startVideoIdEmulatorServer };
