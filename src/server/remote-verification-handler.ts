/**
 * The host's endpoint for remote identity verification by SMS link
 * (video-identity-verification-api.md): `<emzano-remote-verification>` asks it to send the link,
 * follows the request's reports live, and downloads the certificate PDF; the vendor's webhook
 * reports arrive here too. Fails closed: `authorize` says who is signed in, and a request can be
 * followed only by the subject that sent it. The API user and token never leave this server.
 *
 * Routes, under wherever it is mounted:
 * - `POST …/send`: `{ phone, message?, sender?, dni?, sendAt? }` → `{ id, credits? }`
 * - `GET …/{id}`: the timeline so far; `GET …/{id}/events`: new reports as Server-Sent Events
 * - `GET …/{id}/certificate`: the PDF, once the certificate status (5100) has been reported
 * - `POST …/webhook`: the vendor's reports (its own credentials; no `authorize`)
 *
 * Each is a route on the kit's pipeline: refusals `{ reason, message }` (with `code` and the
 * route's own fields beside, as the element reads them), an unexpected error to `onError`.
 */
import { isRecord } from '../core/is-record.js';
import { checkRemoteRequest } from '../core/remote-request-parameters.js';
import type { VerificationParameters } from '../core/remote-request-parameters.js';
import type { RemoteSendResult } from '../core/remote-verification-contract.js';
import { CERTIFICATE_STATUS } from '../core/remote-verification-contract.js';
import { notAllowed, requireAuthorize, type Authorize } from './authorize.js';
import { eventStream, LocalArrivals, type EventStreamOptions } from './event-stream.js';
import { TimelineStore, type SentRequest, type UnmatchedEvent } from './remote-verification/timeline-store.js';
import {
  callVendor,
  failed,
  readVendorAnswer,
  succeeded,
  vendorNumber,
  VendorError,
  type BackoffPolicy,
  type VendorConfig,
} from './remote-verification/vendor-client.js';
import { checkWebhookAuth, hookRunner, webhookRoute, type WebhookAuth, type WebhookHooks } from './remote-verification/webhook-receiver.js';
import { concatBytes } from './request-guards.js';
import { mount, refusal, router, type PipelineOptions, type Refusal } from './pipeline.js';
import { json } from './responses.js';
import { handlerStore, type StoreOptions } from './store.js';

/** The one path the reference names (§3). */
export const VERIFY_IDENTITY_PATH = '/VerificarIdentidad';

/** What `authorize` is asked about. */
export type RemoteVerificationAction = { action: 'send' } | { action: 'follow'; id: string } | { action: 'certificate'; id: string };

export interface RemoteVerificationHandlerOptions extends PipelineOptions, StoreOptions {
  /** Required. The service's base URL, from the vendor (the reference gives none). */
  baseUrl: string;
  /** Required. Your account's API User (Your Data → Configure Account). */
  apiUser: string;
  /** Required. Your account's API Token. */
  apiToken: string;
  /**
   * Required. The paths of the functions the reference describes without one (Ambiguity 1); ask
   * the vendor for them. There is no default: a guessed path would spend failed calls, and the
   * service blocks callers that fail repeatedly.
   */
  paths: { certificate: string; credits: string };
  /** Required. How the webhook proves itself: the Basic credentials set in the service panel, or a URL secret. */
  webhookAuth: WebhookAuth;
  /** Required. Who is signed in (`{ subject }`); `false` or a Response refuses. */
  authorize: Authorize<RemoteVerificationAction>;
  /** `Res` values that mean success. Default `[10]`, the only one the reference shows. */
  successCodes?: number[];
  /** How long requests and their reports are kept. Default 90 days. */
  retentionDays?: number;
  /** Waiting after repeated failures (the service blocks callers that keep failing). */
  backoff?: Partial<BackoffPolicy>;
  /** The live stream's timings. */
  stream?: Partial<EventStreamOptions>;
  /** Largest webhook body accepted. Default 256 KB. */
  maxWebhookBytes?: number;
  /** Largest certificate PDF passed on. Default 20 MB. */
  maxCertificateBytes?: number;
  /** Per vendor call. Default 20 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  onEvent?: WebhookHooks['onEvent'];
  onUnmatchedEvent?: WebhookHooks['onUnmatchedEvent'];
  onHookError?: WebhookHooks['onHookError'];
}

/** The account's credits, as last read, and when. */
export interface RemoteCredits {
  credits: number;
  /** When the service said so. */
  at: Date;
}

export type RemoteVerificationHandler = ((request: Request) => Promise<Response>) & {
  /** The vendor's reports only, for hosts that mount the webhook on a path of its own. */
  webhook: (request: Request) => Promise<Response>;
  /**
   * The account's credits for a dashboard: the value last read (every send reports it too) while
   * younger than `maxAgeSeconds` (default 10 minutes), otherwise one call to the credits function.
   * Never a polling loop: concurrent callers share one call, and a failed call answers the cached value.
   */
  credits(options?: { maxAgeSeconds?: number }): Promise<RemoteCredits | undefined>;
  /** Reports set aside: for ids not sent from here, or whose number did not match. */
  unmatchedEvents(): Promise<UnmatchedEvent[]>;
};

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** The vendor's failure, as the browser can read it: `reason` names the catalog entry, `message` is for logs. */
function vendorRefusal(error: VendorError): Refusal {
  const retryAfter = error.details.retryAfterSeconds;
  switch (error.failure) {
    case 'backing-off':
    case 'blocked':
      return refusal(503, 'remote-busy', error.message, { code: 2, retryAfter }, retryAfter ? { 'Retry-After': String(retryAfter) } : {});
    case 'refused':
      return refusal(422, 'remote-refused', error.message, { code: 1, res: error.details.res });
    case 'unauthorized':
      return refusal(502, 'remote-unauthorized', error.message, { code: 2 });
    default:
      return refusal(502, 'remote-unreachable', error.message, { code: 2 });
  }
}

/** A vendor call's failure becomes its refusal; anything else goes on to the pipeline's `onError`. */
async function orVendorRefusal<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw error instanceof VendorError ? vendorRefusal(error) : error;
  }
}

const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function createRemoteVerificationHandler(options: RemoteVerificationHandlerOptions): RemoteVerificationHandler {
  const factory = 'createRemoteVerificationHandler';
  for (const name of ['baseUrl', 'apiUser', 'apiToken'] as const) {
    if (typeof options[name] !== 'string' || options[name] === '') throw new TypeError(`${factory}: \`${name}\` is required.`);
  }
  for (const name of ['certificate', 'credits'] as const) {
    if (typeof options.paths?.[name] !== 'string' || !options.paths[name].startsWith('/')) {
      throw new TypeError(
        `${factory}: \`paths.${name}\` is required (a path starting with "/"). The reference does not give it: ask the vendor for the ${name} function's path.`,
      );
    }
  }
  const webhookAuth = checkWebhookAuth(options.webhookAuth);
  requireAuthorize(factory, options.authorize);
  const now = options.now ?? Date.now;
  const store = handlerStore(factory, options, 'remote-verification', now);
  const timeline = new TimelineStore(store, (options.retentionDays ?? 90) * 86_400, now);
  const arrivals = new LocalArrivals();
  const vendor: VendorConfig = {
    baseUrl: options.baseUrl,
    apiUser: options.apiUser,
    apiToken: options.apiToken,
    successCodes: options.successCodes ?? [10],
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: options.timeoutMs ?? 20_000,
    backoff: { after: 3, initialSeconds: 5, maxSeconds: 600, ...options.backoff },
    now,
  };
  const streamOptions: EventStreamOptions = { pollMs: 1000, heartbeatMs: 15_000, maxDurationMs: 600_000, retryMs: 2000, ...options.stream };
  const maxCertificateBytes = options.maxCertificateBytes ?? 20 * 1024 * 1024;
  const hooks: WebhookHooks = { onEvent: options.onEvent, onUnmatchedEvent: options.onUnmatchedEvent, onHookError: options.onHookError };
  const afterAnswer = hookRunner(hooks);

  /** A vendor answer that must hold a success `Res`; a refusal counts towards the back-off. */
  async function answerOf(response: Response): Promise<Record<string, unknown>> {
    const answer = readVendorAnswer(await response.text());
    if (!answer || answer.res === undefined)
      throw await failed(vendor, store, new VendorError('malformed', 'The verification service answered in an unexpected shape.'));
    if (!vendor.successCodes.includes(answer.res)) {
      throw await failed(
        vendor,
        store,
        new VendorError('refused', `The verification service answered Res ${answer.res}.`, { res: answer.res }),
      );
    }
    await succeeded(store);
    return answer.fields;
  }

  async function rememberCredits(credits: number | undefined): Promise<void> {
    if (credits !== undefined) await store.set<{ credits: number; at: number }>('credits', { credits, at: now() }, 0);
  }

  async function send(parameters: VerificationParameters, subject: string): Promise<Response> {
    const fields = await answerOf(await callVendor(vendor, store, VERIFY_IDENTITY_PATH, { ...parameters }));
    const id = fields['ID'];
    if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '') {
      throw await failed(vendor, store, new VendorError('malformed', 'The verification service answered without an ID.'));
    }
    const credits = vendorNumber(fields['Cred']);
    await rememberCredits(credits);
    const { Telefono, Fecha, Dni } = parameters;
    const adopted = await timeline.saveRequest({
      id: String(id),
      subject,
      phone: Telefono,
      requestedAt: new Date(now()).toISOString(),
      ...(Fecha ? { scheduledFor: Fecha } : {}),
      ...(Dni ? { dni: Dni } : {}),
    });
    const { onEvent } = options;
    if (onEvent) for (const event of adopted) afterAnswer(() => onEvent(event, { subject, id: String(id) }));
    const answer: RemoteSendResult = { id: String(id), ...(credits !== undefined ? { credits } : {}) };
    return json(answer);
  }

  async function certificate(id: string): Promise<Response> {
    const events = await timeline.events(id);
    if (!events.some((event) => event.status === CERTIFICATE_STATUS)) {
      return refusal(409, 'certificate-not-ready', 'The certificate is ready once the service reports status 5100.', {
        code: 1,
      }).toResponse();
    }
    const response = await callVendor(vendor, store, options.paths.certificate, { Id: id });
    const reader = response.body?.getReader();
    // The first bytes decide: a PDF is passed on as it streams; anything else is read as an answer.
    const head: Uint8Array[] = [];
    let headLength = 0;
    while (reader && headLength < PDF_MAGIC.length) {
      const { done, value } = await reader.read();
      if (done) break;
      head.push(value);
      headLength += value.byteLength;
    }
    const first = concatBytes(head);
    if (!PDF_MAGIC.every((byte, index) => first[index] === byte)) {
      let rest = new TextDecoder().decode(first);
      for (;;) {
        const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
        if (chunk.done || rest.length > 64 * 1024) break;
        rest += new TextDecoder().decode(chunk.value);
      }
      await reader?.cancel();
      const answer = readVendorAnswer(rest);
      if (answer?.res !== undefined && !vendor.successCodes.includes(answer.res)) {
        throw await failed(
          vendor,
          store,
          new VendorError('refused', `The verification service answered Res ${answer.res}.`, { res: answer.res }),
        );
      }
      throw await failed(vendor, store, new VendorError('malformed', 'The verification service did not answer with a PDF.'));
    }
    await succeeded(store);
    let passed = first.byteLength;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(first);
      },
      async pull(controller) {
        const { done, value } = await reader!.read();
        if (done) return controller.close();
        passed += value.byteLength;
        if (passed > maxCertificateBytes) {
          await reader!.cancel();
          return controller.error(new Error('The certificate is larger than maxCertificateBytes.'));
        }
        controller.enqueue(value);
      },
      cancel: () => reader!.cancel(),
    });
    return new Response(body, {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="identity-verification-${id}.pdf"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  }

  const partsOf = (url: URL) => url.pathname.split('/').filter(Boolean);
  /** The request id a path names before `suffix` (`…/{id}/events`), or as its end (`…/{id}`). */
  const idIn = (url: URL, suffix?: string): string | undefined => {
    const parts = partsOf(url);
    if (suffix !== undefined && parts.at(-1) !== suffix) return undefined;
    const id = parts.at(suffix === undefined ? -1 : -2);
    return id !== undefined && REQUEST_ID.test(id) ? id : undefined;
  };
  const webhookPipeline = webhookRoute(webhookAuth, timeline, arrivals, hooks, options.maxWebhookBytes ?? 256 * 1024, options);

  /** A route that reads one request sent from here, for the subject that sent it. */
  const followRoute = (
    name: string,
    suffix: 'events' | 'certificate' | undefined,
    act: (sent: SentRequest, request: Request) => Promise<Response>,
  ) =>
    mount<{ id: string }, RemoteVerificationAction>(
      {
        name,
        matches: (url) => idIn(url, suffix) !== undefined && (suffix !== undefined || !['send', 'webhook'].includes(partsOf(url).at(-1)!)),
        methods: ['GET'],
        maxBodyBytes: 0,
        parse: ({ url }) => ({ id: idIn(url, suffix)! }),
        action: ({ id }) => ({ action: suffix === 'certificate' ? 'certificate' : 'follow', id }),
        authorize: options.authorize,
        async act({ input, subject, request }) {
          const sent = await timeline.request(input.id);
          if (!sent) return refusal(404, 'not-found', 'No such verification request.', { code: 1 }).toResponse();
          // Another subject's request: refused, and nothing about it is said.
          if (sent.subject !== subject) return notAllowed();
          return orVendorRefusal(act(sent, request));
        },
      },
      options,
    );

  const handler = router([
    mount<VerificationParameters, RemoteVerificationAction>(
      {
        name: 'remote-send',
        matches: (url) => partsOf(url).at(-1) === 'send',
        methods: ['POST'],
        maxBodyBytes: options.maxBodyBytes ?? 16 * 1024,
        parse: ({ body }) => {
          if (!isRecord(body)) return refusal(400, 'bad-request', 'The body must be a JSON object.', { code: 1 });
          // The element checked these too; the vendor is called only with what passes here.
          const checked = checkRemoteRequest(body, now());
          return checked.ok
            ? checked.parameters
            : refusal(422, 'validation', 'Some fields are not valid.', { code: 1, problems: checked.problems });
        },
        action: () => ({ action: 'send' }),
        authorize: options.authorize,
        act: ({ input, subject }) => orVendorRefusal(send(input, subject)),
      },
      options,
    ),
    { name: 'remote-webhook', matches: (url) => partsOf(url).at(-1) === 'webhook', handle: webhookPipeline },
    followRoute('remote-events', 'events', (sent, request) => {
      const lastEventId = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId') ?? undefined;
      return Promise.resolve(eventStream(timeline, arrivals, sent.id, lastEventId || undefined, { ...streamOptions, name: 'status' }));
    }),
    followRoute('remote-certificate', 'certificate', (sent) => certificate(sent.id)),
    followRoute('remote-timeline', undefined, async (sent) => json(await timeline.timeline(sent))),
  ]);

  async function credits(request: { maxAgeSeconds?: number } = {}): Promise<RemoteCredits | undefined> {
    const cached = await store.get<{ credits: number; at: number }>('credits');
    const maxAgeMs = (request.maxAgeSeconds ?? 600) * 1000;
    if (cached && now() - cached.at <= maxAgeMs) return { credits: cached.credits, at: new Date(cached.at) };
    // One caller at a time across instances; the others answer what is cached.
    if (!(await store.claim('credits-call', 30))) return cached ? { credits: cached.credits, at: new Date(cached.at) } : undefined;
    try {
      const fields = await answerOf(await callVendor(vendor, store, options.paths.credits, {}));
      const value = vendorNumber(fields['Cred']);
      if (value === undefined) throw await failed(vendor, store, new VendorError('malformed', 'The credits answer has no Cred.'));
      await rememberCredits(value);
      return { credits: value, at: new Date(now()) };
    } catch (error) {
      if (cached && error instanceof VendorError) return { credits: cached.credits, at: new Date(cached.at) };
      throw error;
    } finally {
      await store.unclaim('credits-call');
    }
  }

  return Object.assign(handler, { webhook: webhookPipeline, credits, unmatchedEvents: () => timeline.unmatched() });
}

export { VendorError };
