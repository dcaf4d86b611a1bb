/**
 * The webhook receiver (reference §4): the service POSTs a report each time a request changes
 * status, with Basic authentication and in JSON or form-data as configured in its panel. The
 * reference gives no signature, source list, retry policy or expected answer (Ambiguity 12), so
 * the report is evidence: its credentials are compared in constant time (or a secret in the URL,
 * as the host chooses), its body bounded, and it is matched with a request this server sent to
 * the same number before the host hears of it. It answers 200 at once; the host's hook runs after.
 */
import { refusal, route, type PipelineOptions } from '../pipeline.js';
import { json } from '../responses.js';
import { sameText } from '../same-text.js';
import type { TimelineStore, UnmatchedEvent } from './timeline-store.js';
import { readWebhookEvent, type WebhookFields } from './webhook-event.js';
import type { LocalArrivals } from '../event-stream.js';
import type { RemoteVerificationEvent } from '../../core/remote-verification-contract.js';

/** How the service proves a report is its own: the panel's Basic credentials, or a secret in the URL you give it (`?secret=…`). */
export type WebhookAuth = { basic: { username: string; password: string } } | { urlSecret: string };

export interface WebhookHooks {
  /** A new report for a request this server sent, with the subject that sent it; run after the answer. */
  onEvent?: (event: RemoteVerificationEvent, sent: { subject: string; id: string }) => void | Promise<void>;
  /** A report set aside: its `ID` was not sent from here, or its number is not the one it was sent to. */
  onUnmatchedEvent?: (aside: UnmatchedEvent) => void | Promise<void>;
  /** Where a hook's failure is reported; default `console.error`. */
  onHookError?: (error: unknown) => void;
}

/** Runs a host's hook after the current answer has gone, its failure reported to `onHookError` (default `console.error`). */
export function hookRunner(hooks: WebhookHooks): (run: () => void | Promise<void>) => void {
  const reportHookError =
    hooks.onHookError ?? ((error: unknown) => console.error('emzano-elements remote verification hook failed:', error));
  return (run) =>
    void setTimeout(() => {
      Promise.resolve().then(run).catch(reportHookError);
    }, 0);
}

export function checkWebhookAuth(auth: unknown): WebhookAuth {
  const candidate = auth as Partial<{ basic: { username?: unknown; password?: unknown }; urlSecret: unknown }> | undefined;
  if (candidate && 'basic' in candidate && candidate.basic) {
    const { username, password } = candidate.basic;
    if (typeof username === 'string' && username !== '' && typeof password === 'string' && password.length >= 8) return auth as WebhookAuth;
  } else if (candidate && typeof candidate.urlSecret === 'string' && candidate.urlSecret.length >= 16) return auth as WebhookAuth;
  throw new TypeError(
    'createRemoteVerificationHandler: `webhookAuth` is required: { basic: { username, password } } (the password at least 8 characters) as set in the service panel, or { urlSecret } (at least 16 characters) in the webhook URL you give it.',
  );
}

/** Whether the request carries the configured credentials; compared in constant time. */
function authentic(request: Request, auth: WebhookAuth): boolean {
  if ('urlSecret' in auth) return sameText(new URL(request.url).searchParams.get('secret') ?? '', auth.urlSecret);
  const header = request.headers.get('authorization') ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  let given = '';
  if (match) {
    try {
      given = new TextDecoder().decode(Uint8Array.from(atob(match[1]!), (char) => char.charCodeAt(0)));
    } catch {
      given = '';
    }
  }
  // Both parts compared whole, whatever the first comparison said.
  const separator = given.indexOf(':');
  const userMatches = sameText(separator < 0 ? '' : given.slice(0, separator), auth.basic.username);
  const passwordMatches = sameText(separator < 0 ? '' : given.slice(separator + 1), auth.basic.password);
  return separator >= 0 && userMatches && passwordMatches;
}

/** The body's fields, from JSON or from form data (url-encoded or multipart). */
async function readFields(text: string, contentType: string): Promise<WebhookFields | undefined> {
  const type = contentType.toLowerCase();
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  if (type.includes('multipart/form-data')) {
    try {
      const form = await new Response(text, { headers: { 'Content-Type': contentType } }).formData();
      const fields: WebhookFields = {};
      form.forEach((value, name) => {
        if (typeof value === 'string') fields[name] = value;
      });
      return fields;
    } catch {
      return undefined;
    }
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as WebhookFields) : undefined;
  } catch {
    return undefined;
  }
}

/** The vendor's reports, as a server-to-server route on the pipeline: its caller checked before the body is read. */
export function webhookRoute(
  auth: WebhookAuth,
  timeline: TimelineStore,
  arrivals: LocalArrivals,
  hooks: WebhookHooks,
  maxBodyBytes: number,
  pipeline: PipelineOptions,
): (request: Request) => Promise<Response> {
  const later = hookRunner(hooks);

  return route<Omit<RemoteVerificationEvent, 'eventId' | 'receivedAt'>, never>(
    {
      name: 'remote-webhook',
      methods: ['POST'],
      maxBodyBytes,
      // JSON or form data, as set in the service's panel: read here, not by the pipeline.
      body: 'text',
      caller: (request) =>
        authentic(request, auth)
          ? undefined
          : refusal(401, 'unknown-caller', 'Unknown caller.', {}, 'basic' in auth ? { 'WWW-Authenticate': 'Basic realm="webhook"' } : {}),
      async parse({ request, text }) {
        const fields = await readFields(text, request.headers.get('content-type') ?? '');
        if (!fields) return refusal(400, 'bad-request', 'The body must be JSON or form data.');
        const reading = readWebhookEvent(fields);
        return reading.ok
          ? reading.event
          : refusal(400, 'bad-request', `The report has no usable ${reading.problem === 'id-missing' ? 'ID' : 'Estado'}.`);
      },
      async act({ input }) {
        const outcome = await timeline.add(input);
        if (outcome.stored) {
          arrivals.arrived(outcome.event.id);
          const { event, request, aside } = outcome;
          if (request && hooks.onEvent) later(() => hooks.onEvent!(event, { subject: request.subject, id: request.id }));
          if (aside && hooks.onUnmatchedEvent) later(() => hooks.onUnmatchedEvent!(aside));
        }
        // A repeated delivery is answered like the first, so the service stops sending it.
        return json({ received: true }, 200);
      },
    },
    pipeline,
  );
}
