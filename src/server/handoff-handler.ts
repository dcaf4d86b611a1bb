/**
 * The host's handoff endpoint (`<emzano-kyc handoff>`, continuing on a phone), on its own path,
 * mounted only by a host that wants it. Two routes on the kit's pipeline: POST `{ handoff: … }`
 * (the desktop's create, code, status, cancel, take-back; the phone's redeem, session, status,
 * progress) and GET `?handoff={id}` (the desktop's live stream).
 *
 * `authorize` is asked as everywhere, and `false` refuses as everywhere. The phone is usually not
 * signed in: a host lets it in by answering `{ anonymous: true }` for `handoff-phone` actions, and
 * then the code (later the key it was exchanged for) is what authorises it.
 */
import { isRecord } from '../core/is-record.js';
import type { HandoffRequest } from '../core/handoff-contract.js';
import { requireAuthorize, type Authorize } from './authorize.js';
import { emzanoAccount, type EmzanoAccountOptions } from './emzano-account.js';
import type { EventStreamOptions } from './event-stream.js';
import {
  HANDOFF_ID,
  handoffActionOf,
  handoffActions,
  isPhoneRequest,
  parseHandoffRequest,
  type HandoffAction,
} from './handoff/handoff-actions.js';
import { HandoffStore } from './handoff/handoff-store.js';
import { mount, refusal, router, type PipelineOptions } from './pipeline.js';
import { handlerStore } from './store.js';
import type { TokenHandlerEvent } from './token-handler.js';
import { emzanoReporting } from './token-handler.js';

export interface HandoffHandlerOptions extends EmzanoAccountOptions, PipelineOptions {
  /**
   * Required. The desktop's actions (`{ action: 'handoff' }`) need its signed-in user, the one
   * that enrolled: `{ subject }`. The phone's (`{ action: 'handoff-phone' }`): answer
   * `{ anonymous: true }` to let a phone that is not signed in continue by its code, a subject
   * (which must be the desktop's), or `false` / a Response to refuse.
   */
  authorize: Authorize<HandoffAction>;
  /** How long a code works once shown. Default 10 minutes. */
  codeSeconds?: number;
  /** How long the phone's session may last from the handoff's start. Default one hour. */
  sessionSeconds?: number;
  /** The desktop's live stream (`GET ?handoff={id}`): poll, heartbeat, longest stream, the browser's retry. */
  stream?: Partial<EventStreamOptions>;
  /** Called once per request with what happened; safe to log (never a code, key or token). */
  onEvent?: (event: TokenHandlerEvent) => void;
}

const MAX_BODY_BYTES = 4096;

export function createHandoffHandler(options: HandoffHandlerOptions): (request: Request) => Promise<Response> {
  const factory = 'createHandoffHandler';
  requireAuthorize(factory, options.authorize);
  const codeSeconds = options.codeSeconds ?? 600;
  const sessionSeconds = options.sessionSeconds ?? 3600;
  for (const [name, value] of Object.entries({ codeSeconds, sessionSeconds })) {
    if (!Number.isFinite(value) || value < 30) throw new TypeError(`${factory}: \`${name}\` must be a number of seconds (at least 30).`);
  }
  const account = emzanoAccount(factory, options);
  const { report, pipeline, onRefused, answering } = emzanoReporting(options, account.scrub);
  const handoff = handoffActions({
    store: new HandoffStore(handlerStore(factory, options, 'emzano-handoff', account.now), { codeSeconds, sessionSeconds }, account.now),
    codeSeconds,
    identities: account.identities,
    // The phone's session renews with its handoff key, never a refresh token.
    grant: (userId, progress) => account.grant(userId, progress, ''),
    stream: { pollMs: 1000, heartbeatMs: 15_000, maxDurationMs: 600_000, retryMs: 2000, ...options.stream },
    report: (type, status, userId) => report({ type, status, ...(userId ? { userId } : {}) }),
  });
  const following = (url: URL, method: string) => method === 'GET' && url.searchParams.has('handoff');

  return router([
    mount<{ id: string }, HandoffAction>(
      {
        name: 'handoff-follow',
        matches: following,
        methods: ['GET'],
        maxBodyBytes: 0,
        parse: ({ url }) => {
          const id = url.searchParams.get('handoff') ?? '';
          return HANDOFF_ID.test(id) ? { id } : refusal(404, 'handoff-unknown', 'This handoff link is not valid.', { code: 1 });
        },
        action: ({ id }) => ({ action: 'handoff', handoff: 'status', id }),
        authorize: options.authorize,
        onRefused,
        act: ({ request, input, subject }) => handoff.follow(request, input.id, subject),
      },
      pipeline,
    ),
    mount<HandoffRequest, HandoffAction>(
      {
        name: 'handoff',
        matches: (url, method) => !following(url, method),
        methods: ['POST'],
        maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
        parse: ({ body }) => {
          if (!isRecord(body)) return refusal(400, 'bad-request', 'The body must be a JSON object.', { code: 1 });
          const wanted = parseHandoffRequest(body);
          return 'error' in wanted ? refusal(400, 'bad-request', wanted.error, { code: 1, field: wanted.field }) : wanted.value;
        },
        action: handoffActionOf,
        // Only the phone's actions may be let in without a signed-in user, and only if the host says so.
        anonymous: isPhoneRequest,
        authorize: options.authorize,
        onRefused,
        act: ({ input, subject }) => answering(() => handoff.handle(input, subject)),
      },
      pipeline,
    ),
  ]);
}
