/**
 * The host's CLM endpoint: an allow-listed proxy that keeps the CLM credentials (client secret,
 * panel password) on the server. It mirrors the three CLM paths the elements use under the
 * host's own base (`{mount}/api/v1/clm/documents/...`), adds the bearer token, and refuses
 * everything else. It fails closed: the host's `authorize` answers who is asking, each document
 * sent is recorded against that subject and read back only by it, and every body is checked
 * here before the organisation's credentials are spent on it. Web-standard
 * `(Request) => Promise<Response>`.
 */
import type { ClmPlaceholder, ClmValueType } from '../core/clm-fields.js';
import { checkExecuteFileBody } from '../core/clm-send.js';
import { checkExecuteTemplateBody, GUID_SOURCE } from '../core/clm-template.js';
import { isRecord } from '../core/is-record.js';
import { notAllowed, requireAuthorize, subjectKey, type Authorization } from './authorize.js';
import { ClmSignInError, ClmTokenCache, type ClmCredentials } from './clm-token.js';
import { mount, refusal, router, type PipelineOptions } from './pipeline.js';
import { handlerStore, type StoreOptions } from './store.js';

/** What `authorize` is asked about: sending a contract, or reading one document. */
export type ClmAction = { action: 'send' } | { action: 'read'; documentId: string };

/**
 * The host's answer: its signed-in user; `anyDocument: true` lets this caller read documents
 * other users sent (an organisation's back office). `false` (403) or a Response refuses.
 */
export type ClmAuthorization = { subject: string; anyDocument?: boolean } | Authorization;

export interface ClmHandlerOptions extends ClmCredentials, PipelineOptions, StoreOptions {
  /** CLM origin: `https://api.emzano.com`, or your organisation's own CLM domain. */
  baseUrl?: string;
  /** Required. Who is asking (`{ subject }`), for each send and each read; `false` or a Response refuses. */
  authorize: (request: Request, action: ClmAction) => ClmAuthorization | Promise<ClmAuthorization>;
  /**
   * Where CLM should POST the final state (your `createClmCallbackHandler`, with its secret).
   * Only ever from here: a `callbackUrl` the browser sends is dropped.
   */
  callbackUrl?: string;
  /**
   * The fields each template declares, by template id then field name (`{ 'text-1': '_REQUIRED_SHEBA' }`):
   * execute-template values are then checked against their types here, and fields a template lacks are refused.
   */
  templates?: Record<string, Record<string, ClmPlaceholder | ClmValueType>>;
  /** Time limit for each CLM call. Default 60 s (a large PDF travels as base64). */
  timeoutMs?: number;
  /** Token lifetime when CLM does not say, in seconds. Default 3600. */
  defaultTokenLifetimeSeconds?: number;
  /** Replace the token this long before it expires, in seconds. Default 60. */
  tokenMarginSeconds?: number;
  /** Replaced in tests or to route through a proxy. */
  fetch?: typeof fetch;
  /** Clock in milliseconds; replaced in tests. */
  now?: () => number;
}

/** The only CLM calls forwarded: starting a workflow (from a file or a template) and reading a document. */
const ALLOWED: Array<{ method: 'GET' | 'POST'; path: RegExp }> = [
  { method: 'POST', path: /^\/api\/v1\/clm\/documents\/execute\/file$/ },
  { method: 'POST', path: /^\/api\/v1\/clm\/documents\/execute\/template$/ },
  { method: 'GET', path: new RegExp(`^/api/v1/clm/documents/${GUID_SOURCE}$`) },
];
const CLM_PREFIX = '/api/v1/clm/documents';
/** A 25 MB PDF is about 33 MB as base64. */
const DEFAULT_MAX_BODY_BYTES = 40 * 1024 * 1024;

export function createClmHandler(options: ClmHandlerOptions): (request: Request) => Promise<Response> {
  for (const key of ['clientId', 'clientSecret', 'username', 'password'] as const) {
    if (typeof options[key] !== 'string' || options[key] === '') throw new TypeError(`createClmHandler: ${key} is required.`);
  }
  requireAuthorize('createClmHandler', options.authorize);
  const senders = handlerStore('createClmHandler', options, 'clm', options.now);
  const baseUrl = options.baseUrl ?? 'https://api.emzano.com';
  const fetchUpstream = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const tokens = new ClmTokenCache(options, {
    baseUrl,
    fetch: fetchUpstream,
    timeoutMs,
    defaultLifetimeSeconds: options.defaultTokenLifetimeSeconds ?? 3600,
    marginSeconds: options.tokenMarginSeconds ?? 60,
    now: options.now ?? Date.now,
  });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  /** The CLM path, wherever the host mounted the handler. */
  const clmPathOf = (url: URL) => {
    const at = url.pathname.indexOf(CLM_PREFIX);
    return at === -1 ? '' : url.pathname.slice(at);
  };

  /** Forwards to CLM with the organisation's token (signing in again once if CLM refuses it). */
  async function forward(method: 'GET' | 'POST', target: URL, body: string | undefined): Promise<Response> {
    const send = async (token: string) =>
      fetchUpstream(target, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    try {
      let token = await tokens.get();
      let upstream = await send(token);
      // CLM refused the token (revoked, or expired early): sign in again, once.
      if (upstream.status === 401) {
        tokens.invalidate(token);
        token = await tokens.get();
        upstream = await send(token);
      }
      return upstream;
    } catch (error) {
      const message = error instanceof ClmSignInError ? 'The CLM service refused this site’s sign-in.' : 'The CLM service is unavailable.';
      throw refusal(502, 'clm-unavailable', message, { code: 2 });
    }
  }

  const answerOf = (upstream: Response, answer: ArrayBuffer) =>
    new Response(answer, {
      status: upstream.status,
      headers: {
        'Content-Type': upstream.headers.get('content-type') ?? 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
      },
    });

  return router([
    mount<{ clmPath: string; body: string }, ClmAction>(
      {
        name: 'clm/execute',
        matches: (url) => ALLOWED.slice(0, 2).some((allowed) => allowed.path.test(clmPathOf(url))),
        methods: ['POST'],
        maxBodyBytes,
        parse: ({ url, body }) => {
          if (!isRecord(body)) return refusal(400, 'bad-request', 'The body must be a JSON object.', { code: 1 });
          const clmPath = clmPathOf(url);
          // The callback comes from the server's options only: one from the browser could point CLM anywhere.
          const contract: Record<string, unknown> = { ...body };
          delete contract['callbackUrl'];
          const problems = clmPath.endsWith('/execute/file')
            ? checkExecuteFileBody(contract)
            : checkExecuteTemplateBody(contract, options.templates?.[String(contract['templateId'])] ?? undefined);
          if (problems.length) return refusal(400, 'bad-request', 'The contract has problems; nothing was sent.', { code: 1, problems });
          return {
            clmPath,
            body: JSON.stringify(options.callbackUrl === undefined ? contract : { ...contract, callbackUrl: options.callbackUrl }),
          };
        },
        action: () => ({ action: 'send' }),
        authorize: options.authorize,
        async act({ input, subject }) {
          const upstream = await forward('POST', new URL(input.clmPath, baseUrl), input.body);
          const answer = await upstream.arrayBuffer();
          if (upstream.ok) {
            // The document is this subject's from now on: only it reads it back through here.
            const id = documentIdOf(answer);
            const sender = await subjectKey(subject);
            if (id) {
              await senders.set(`document:${id.toLowerCase()}`, { subject: sender }, 0);
              await senders.append(`documents:${sender}`, id.toLowerCase(), 0);
            }
          }
          return answerOf(upstream, answer);
        },
      },
      options,
    ),
    mount<{ clmPath: string; documentId: string }, ClmAction>(
      {
        name: 'clm/document',
        matches: (url) => ALLOWED[2]!.path.test(clmPathOf(url)),
        methods: ['GET'],
        maxBodyBytes: 0,
        parse: ({ url }) => {
          const clmPath = clmPathOf(url);
          return { clmPath, documentId: clmPath.slice(CLM_PREFIX.length + 1) };
        },
        action: ({ documentId }) => ({ action: 'read', documentId }),
        authorize: options.authorize,
        async act({ url, input, subject, granted }) {
          if (granted['anyDocument'] !== true) {
            // Unknown and someone else's answer alike: a document id tells a stranger nothing.
            const sender = await senders.get<{ subject: string }>(`document:${input.documentId.toLowerCase()}`);
            if (sender?.subject !== (await subjectKey(subject))) return notAllowed();
          }
          const target = new URL(input.clmPath, baseUrl);
          // Get Document always as the reference's one sample asks (`returnStructure=1&onlyDetail=…`),
          // whatever the browser sent: only `onlyDetail`'s own two values are taken from it.
          target.searchParams.set('returnStructure', '1');
          target.searchParams.set('onlyDetail', url.searchParams.get('onlyDetail') === 'true' ? 'true' : 'false');
          const upstream = await forward('GET', target, undefined);
          return answerOf(upstream, await upstream.arrayBuffer());
        },
      },
      options,
    ),
  ]);
}

const GUID = new RegExp(`^${GUID_SOURCE}$`);

/** Execute-file and execute-template answer the new document as `{ id }`. */
function documentIdOf(answer: ArrayBuffer): string | undefined {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(answer));
    const id = isRecord(parsed) ? parsed['id'] : undefined;
    return typeof id === 'string' && GUID.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}
