/**
 * A host's remote-verification endpoint in front of the video identity-verification emulator, as
 * the demo and the browser tests mount it: `createRemoteVerificationHandler` with the emulator's
 * account, and the emulator's webhook set to the handler's receiver with the panel's Basic
 * credentials, delivered in-process (the Node tests deliver over real HTTP).
 */
import type { Storage } from 'unstorage';
import type { Authorize } from '../../../src/server/authorize.js';
import {
  createRemoteVerificationHandler,
  type RemoteVerificationAction,
  type RemoteVerificationHandler,
} from '../../../src/server/remote-verification-handler.js';
import type { EventStreamOptions } from '../../../src/server/event-stream.js';
import type { VideoIdEmulator } from './video-id-emulator.js';

/** The panel's webhook credentials, in the demo. */
export const DEMO_WEBHOOK = { username: 'demo-webhook', password: 'demo-webhook-password' };

export function demoRemoteVerificationHandler(options: {
  emulator: VideoIdEmulator;
  /** The emulator's address. */
  baseUrl: string;
  authorize: Authorize<RemoteVerificationAction>;
  storage?: Storage;
  /** In-process calls to the emulator (the demo), instead of HTTP to `baseUrl`. */
  fetch?: typeof fetch;
  /** The live stream's timings (the browser tests end streams early, to prove the replay). */
  stream?: Partial<EventStreamOptions>;
}): RemoteVerificationHandler {
  const { emulator } = options;
  const handler = createRemoteVerificationHandler({
    baseUrl: options.baseUrl,
    apiUser: emulator.apiUser,
    apiToken: emulator.apiToken,
    paths: { certificate: emulator.certificatePath, credits: emulator.creditsPath },
    webhookAuth: { basic: DEMO_WEBHOOK },
    authorize: options.authorize,
    // A demo page re-opened a few times a minute must not wait a second for each report.
    stream: { pollMs: 250, ...options.stream },
    ...(options.storage ? { storage: options.storage } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  emulator.setWebhook({
    url: 'http://host.invalid/api/remote-verification/webhook',
    basic: DEMO_WEBHOOK,
    format: 'json',
    nestedAs: 'string',
  });
  emulator.setDelivery((url, init) => handler.webhook(new Request(url, init)));
  return handler;
}
