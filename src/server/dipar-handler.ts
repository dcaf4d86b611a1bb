/**
 * The host's Dipar eKYC endpoint (dipar-ekyc-api.md): it starts a verification for the signed-in
 * person (builds the request token with the operator's key, registers it with `SetToken`, reads the
 * operator's steps), forwards the browser's step calls to the broker (which sits at an
 * onboarding-given address browsers cannot reach) for the tokens this subject was given only, and
 * reads the result back with the broker's signature checked. Fails closed: `authorize` says who
 * is signed in, `claims` who that is; the operator key never leaves this server.
 * Web-standard `(Request) => Promise<Response>`, with `readResult(subject)` beside it.
 */
import { SignJWT } from 'jose';
import { isRecord } from '../core/is-record.js';
import { notAllowed, requireAuthorize, subjectKey, type Authorize } from './authorize.js';
import { BrokerSignatureError, importBrokerKey, verifiedResult, type BrokerSignatureRecipe } from './dipar/broker-signature.js';
import { readDiparAnswer } from '../core/dipar-envelope.js';
import { mount, Refusal, refusal, router, type PipelineOptions } from './pipeline.js';
import { json } from './responses.js';
import { handlerStore, type StoreOptions } from './store.js';

/** The broker paths the browser may reach through this endpoint, and nothing else. */
export const DIPAR_BROWSER_PATHS = [
  '/api/Inquiry/SaveSignature',
  '/api/Inquiry/SendProbVideoByToken',
  '/api/Inquiry/GetAdmittanceText',
  '/api/Inquiry/SendAdmittanceVideoByToken',
  '/api/Inquiry/SavePersonDocument',
  '/api/Inquiry/VerifyToken',
  '/api/Inquiry/AbortToken',
  '/api/media/GetRandomText',
] as const;

/** What `authorize` is asked about. */
export type DiparAction = { action: 'start' } | { action: 'resume' } | { action: 'step'; path: string };

/** The steps the operator's profile allows, in the order the element takes them. */
export type DiparStep = 'signature' | 'video' | 'admittance' | 'card-front' | 'card-back';

export interface DiparStart {
  /** The request token the browser's step calls carry. */
  tokenValue: string;
  /** This verification's id (the token's `orderId`): what the browser keeps across a reload, and `readResult` reads. */
  orderId: string;
  steps: DiparStep[];
  tryCounts: { video: number; selfie: number };
  /** Unix seconds. */
  expiresAt: number;
}

export interface DiparResult {
  /** True only when the broker's signed status says Approved (`KYCStatus` 2). */
  verified: boolean;
  /** `KYCStatus`: 0 draft, 1 in progress, 2 approved, 3 rejected. */
  kycStatus: number;
  /** `KYCRequestStatus`, the token's technical state (reference §10.1). */
  requestStatus: number;
  nationalCode: string;
  orderId: string;
  /**
   * With `readResult(subject, { data })`: what `GetCitizenData` answered for the parts asked for
   * (`Signature`, `Video`, `SelfiePicture`, `Speech`: each the broker's object, its `Data` the file
   * in base64 when biometric data was asked for), covered by the broker's signature like the rest.
   */
  citizenData?: Record<string, unknown>;
}

/** What `readResult` may also read back (reference §10.6, `GetCitizenData`). */
export interface DiparDataRequest {
  signature?: boolean;
  video?: boolean;
  selfiePicture?: boolean;
  speech?: boolean;
  /** The files themselves (base64) too, not only their scores and times. */
  withBiometricData?: boolean;
}

export interface DiparHandlerOptions extends PipelineOptions, StoreOptions {
  /** Required. The broker's address from onboarding (`{Base_URL}`, an IP and port): no default exists. */
  baseUrl: string;
  /** Required. The operator's id (`FlowId`/`CallerCode`). */
  callerCode: string;
  /** Required. The operator's HS256 key for request tokens. */
  tokenKey: string;
  /** Required. Who is signed in (`{ subject }`); `false` or a Response refuses. */
  authorize: Authorize<DiparAction>;
  /**
   * Required. The token's claims for this person, from the host's records (the reference's
   * samples hint at `nationalCode`, `mobile`, `birthDate`, `firstName`, `lastName`,
   * `admittanceText`, `callbackType` …; the real set is in the broker's Appendix 1). The handler
   * adds `CallerCode`, `orderId`, `iat` and `exp`; `undefined` refuses (403 `identity-missing`).
   * `fields` is the JSON object the browser sent to `…/start` (`{}` when none): what the person
   * typed, for the host to check against its records. It never overrides the claims the handler adds.
   */
  claims: (
    subject: string,
    fields: Record<string, unknown>,
  ) => Record<string, unknown> | undefined | Promise<Record<string, unknown> | undefined>;
  /** The operator's signature over the token (`tokenSignature`), when the broker asks for one. */
  signToken?: (tokenValue: string) => string | Promise<string>;
  /** Required for `readResult`: the broker's public key (SPKI PEM) its `E_Signature` is checked with. */
  brokerPublicKey?: string;
  /** Required for `readResult`: the Dual-Auth token for `scope` (sent as `Authorization: Bearer …`). */
  dualAuthToken?: (scope: string) => string | Promise<string>;
  /** How the broker's signature is made, where the reference leaves it open (docs/decisions.md). */
  signatureRecipe?: BrokerSignatureRecipe;
  /**
   * How `GetCitizenData`'s `FilterBiometricData` reads (the reference's Ambiguity 9): `send-when-true`
   * (default, the reference's words: `false` means the base64 is not sent) or `filter-when-true`
   * (as its name suggests).
   */
  filterBiometricData?: 'send-when-true' | 'filter-when-true';
  /** How long a request token lives; default 15 minutes. */
  tokenTtlSeconds?: number;
  fetch?: typeof fetch;
  /** Per broker call; default 60 s (a base64 video is large). */
  timeoutMs?: number;
  now?: () => number;
}

interface BoundToken {
  subject: string;
  orderId: string;
  expiresAt: number;
}

/** A step the browser asks forwarded: which broker path, with which token, and the body as it came (POST). */
interface StepInput {
  path: (typeof DIPAR_BROWSER_PATHS)[number];
  tokenValue?: string;
  body?: string;
}

const DEFAULT_MAX_BODY = 40 * 1024 * 1024;
const SCOPE = '0300000';

export class DiparError extends Error {
  constructor(
    readonly failure: 'unreachable' | 'refused' | 'malformed',
    /** The broker's `ExceptionCode`, when it named one. */
    readonly exceptionCode?: number,
  ) {
    super(`Dipar ${failure}${exceptionCode === undefined ? '' : ` (${exceptionCode})`}`);
    this.name = 'DiparError';
  }
}

export type DiparHandler = ((request: Request) => Promise<Response>) & {
  /**
   * The subject's latest verification as the broker signed it (`GetCitizenKYCStatus`; with `data`,
   * `GetCitizenData` and the parts asked for); throws `BrokerSignatureError` when the signature
   * does not hold.
   */
  readResult(subject: string, request?: { data?: DiparDataRequest }): Promise<DiparResult | undefined>;
};

export function createDiparHandler(options: DiparHandlerOptions): DiparHandler {
  for (const name of ['baseUrl', 'callerCode', 'tokenKey'] as const) {
    if (typeof options[name] !== 'string' || options[name] === '') throw new TypeError(`createDiparHandler: \`${name}\` is required.`);
  }
  requireAuthorize('createDiparHandler', options.authorize);
  if (typeof options.claims !== 'function') throw new TypeError('createDiparHandler: `claims(subject)` is required.');
  const store = handlerStore('createDiparHandler', options, 'dipar', options.now);
  const now = options.now ?? Date.now;
  const fetchBroker = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.baseUrl.replace(/\/+$/, '');
  const key = new TextEncoder().encode(options.tokenKey);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  let brokerKey: Promise<CryptoKey> | undefined;

  /** One broker call; the answer's text and its reading. */
  async function call(
    path: string,
    init: { method: 'GET' | 'POST'; body?: string; query?: Record<string, string>; headers?: HeadersInit },
  ) {
    const url = new URL(`${base}${path}`);
    for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
    let response: Response;
    try {
      response = await fetchBroker(url, {
        method: init.method,
        headers: { ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
        body: init.body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      });
    } catch {
      throw new DiparError('unreachable');
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new DiparError(response.ok ? 'malformed' : 'unreachable');
    }
    return { status: response.status, text, answer: readDiparAnswer(parsed) };
  }

  const tokenKeyOf = async (tokenValue: string) => `token:${await subjectKey(tokenValue)}`;
  const latestKeyOf = async (subject: string) => `latest:${await subjectKey(subject)}`;
  /** The list of the subject's live tokens' keys, so forgetting the subject unbinds them all. */
  const tokensKeyOf = async (subject: string) => `tokens:${await subjectKey(subject)}`;
  /** The subject's live verification, for the browser to pick up after a reload (never kept there). */
  const resumableKeyOf = async (subject: string) => `resumable:${await subjectKey(subject)}`;

  async function start(subject: string, fields: Record<string, unknown>): Promise<Response> {
    const answered = await options.claims(subject, fields);
    if (!answered) return json({ reason: 'identity-missing', message: 'No identity is known for this user.' }, 403);
    const claims = ownClaims(answered);
    const orderId = crypto.randomUUID();
    const ttl = options.tokenTtlSeconds ?? 900;
    const issuedAt = Math.floor(now() / 1000);
    const tokenValue = await new SignJWT({ ...claims, CallerCode: options.callerCode, orderId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttl)
      .sign(key);
    const tokenSignature = options.signToken ? await options.signToken(tokenValue) : undefined;
    const registered = await call('/api/Inquiry/SetToken', {
      method: 'POST',
      body: JSON.stringify(tokenSignature ? { tokenValue, tokenSignature } : { tokenValue }),
    });
    if (registered.answer?.code !== 0) throw new DiparError('refused', registered.answer?.exception?.code);
    const properties = await call('/api/Inquiry/GetTokenProviderProperties', {
      method: 'POST',
      body: JSON.stringify({ flowId: options.callerCode, callerCode: options.callerCode }),
    });
    const profile = properties.answer?.code === 0 && isRecord(properties.answer.result) ? properties.answer.result : undefined;
    if (!profile) throw new DiparError('refused', properties.answer?.exception?.code);
    const documents = Array.isArray(profile['PersonDocumentTypePermission']) ? (profile['PersonDocumentTypePermission'] as unknown[]) : [];
    const steps: DiparStep[] = [];
    if (profile['SignaturePermission'] === true) steps.push('signature');
    if (profile['VideoPermission'] === true) steps.push('video');
    if (profile['AdmittancePermission'] === true && typeof claims['admittanceText'] === 'string' && claims['admittanceText'])
      steps.push('admittance');
    if (documents.includes(101)) steps.push('card-front');
    if (documents.includes(102)) steps.push('card-back');
    const expiresAt = issuedAt + ttl;
    const bound: BoundToken = { subject, orderId, expiresAt };
    await store.set(await tokenKeyOf(tokenValue), bound, ttl + 60);
    await store.append(await tokensKeyOf(subject), await tokenKeyOf(tokenValue), ttl + 60);
    await store.set(await latestKeyOf(subject), { orderId }, 0);
    const count = (name: string) => (typeof profile[name] === 'number' ? (profile[name] as number) : 0);
    const answer: DiparStart = {
      tokenValue,
      orderId,
      steps,
      tryCounts: { video: count('VideoTryCount'), selfie: count('SelfieTryCount') },
      expiresAt,
    };
    await store.set(await resumableKeyOf(subject), answer, ttl);
    return json(answer);
  }

  /**
   * After a reload the browser has the order id only: this subject's verification with that id,
   * while its token lives. Another subject's order, an ended one or a stranger's guess: 404.
   */
  async function resume(subject: string, orderId: string): Promise<Response> {
    const live = await store.get<DiparStart>(await resumableKeyOf(subject));
    if (!live || live.orderId !== orderId || live.expiresAt * 1000 <= now()) throw refusal(404, 'not-found', 'No verification to resume.');
    return json(live);
  }

  /** A step call forwarded to the broker: only a path of the list, only with this subject's live token. */
  async function step(request: Request, subject: string, { path, tokenValue, body }: StepInput): Promise<Response> {
    const url = new URL(request.url);
    if (path !== '/api/media/GetRandomText') {
      if (tokenValue === undefined) throw refusal(400, 'bad-request', 'tokenValue is required.');
      const bound = await store.get<BoundToken>(await tokenKeyOf(tokenValue));
      // Another subject's token, or one this endpoint never gave: nothing is forwarded.
      if (!bound || bound.subject !== subject) return notAllowed();
    }
    const forwarded = await call(path, {
      method: request.method === 'POST' ? 'POST' : 'GET',
      body,
      query: request.method === 'POST' ? {} : Object.fromEntries(url.searchParams),
    });
    // A verification that ended (cancelled, or finished as verified) can no longer be resumed.
    const ends = path === '/api/Inquiry/AbortToken' || path === '/api/Inquiry/VerifyToken';
    if (ends && forwarded.answer?.code === 0) await store.remove(await resumableKeyOf(subject));
    // The broker's answer as it is: the element reads it leniently.
    return new Response(forwarded.text, { status: forwarded.status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
  }

  /** The broker's failures, as the browser hears them: which kind, never the broker's detail. */
  const brokerFailure = async (work: () => Promise<Response>): Promise<Response> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DiparError) {
        throw refusal(502, 'provider-unavailable', 'The identity broker did not answer as expected.', { code: error.exceptionCode });
      }
      throw error;
    }
  };
  const bodyObject = (body: unknown, what: string): Record<string, unknown> | Refusal =>
    body === undefined ? {} : isRecord(body) ? body : refusal(400, 'bad-request', `The body must be a JSON object${what}.`);
  const endsWith = (name: string) => (url: URL) => url.pathname.endsWith(name);

  const handler = router([
    mount<Record<string, unknown>, DiparAction>(
      {
        name: 'dipar/start',
        matches: endsWith('/start'),
        methods: ['POST'],
        maxBodyBytes: 16 * 1024,
        parse: ({ body }) => bodyObject(body, ''),
        action: () => ({ action: 'start' }),
        authorize: options.authorize,
        act: ({ subject, input }) => brokerFailure(() => start(subject, input)),
      },
      options,
    ),
    mount<string, DiparAction>(
      {
        name: 'dipar/resume',
        matches: endsWith('/resume'),
        methods: ['POST'],
        maxBodyBytes: 1024,
        parse: ({ body }) => {
          const orderId = isRecord(body) ? body['orderId'] : undefined;
          return typeof orderId === 'string' && orderId !== '' ? orderId : refusal(400, 'bad-request', 'orderId is required.');
        },
        action: () => ({ action: 'resume' }),
        authorize: options.authorize,
        act: ({ subject, input }) => resume(subject, input),
      },
      options,
    ),
    mount<StepInput, DiparAction>(
      {
        name: 'dipar/step',
        matches: (url) => DIPAR_BROWSER_PATHS.some((candidate) => url.pathname.endsWith(candidate)),
        methods: ['GET', 'POST'],
        maxBodyBytes,
        parse: ({ request, url, body, text }) => {
          const path = DIPAR_BROWSER_PATHS.find((candidate) => url.pathname.endsWith(candidate))!;
          if (request.method === 'GET') {
            const tokenValue = url.searchParams.get('tokenValue')?.trim();
            return { path, ...(tokenValue ? { tokenValue } : {}) };
          }
          const object = bodyObject(body, ' with tokenValue');
          if (object instanceof Refusal) return object;
          const tokenValue = typeof object['tokenValue'] === 'string' ? object['tokenValue'].trim() : '';
          return { path, body: text, ...(tokenValue ? { tokenValue } : {}) };
        },
        action: (input) => ({ action: 'step', path: input.path }),
        authorize: options.authorize,
        act: ({ request, subject, input }) => brokerFailure(() => step(request, subject, input)),
      },
      options,
    ),
  ]);

  /** `GetCitizenData`'s body for `data` (the status always; `FilterBiometricData` as the option reads it). */
  function citizenDataBody(orderId: string, data: DiparDataRequest) {
    const withData = Boolean(data.withBiometricData);
    const filter = options.filterBiometricData === 'filter-when-true' ? !withData : withData;
    return {
      OrderId: orderId,
      FlowId: options.callerCode,
      NationalCode: null,
      AuthResult: true,
      SelfiePicture: Boolean(data.selfiePicture),
      Video: Boolean(data.video),
      Speech: Boolean(data.speech),
      Signature: Boolean(data.signature),
      FilterBiometricData: filter,
    };
  }

  async function readResult(subject: string, request: { data?: DiparDataRequest } = {}): Promise<DiparResult | undefined> {
    if (!options.brokerPublicKey || !options.dualAuthToken)
      throw new TypeError('createDiparHandler: readResult needs `brokerPublicKey` and `dualAuthToken`.');
    const latest = await store.get<{ orderId: string }>(await latestKeyOf(subject));
    if (!latest) return undefined;
    brokerKey ??= importBrokerKey(options.brokerPublicKey, options.signatureRecipe?.hash);
    const { data } = request;
    const answered = await call(data ? '/api/citizen/GetCitizenData' : '/api/citizen/GetCitizenKYCStatus', {
      method: 'POST',
      body: JSON.stringify(
        data ? citizenDataBody(latest.orderId, data) : { OrderId: latest.orderId, FlowId: options.callerCode, NationalCode: null },
      ),
      headers: { Authorization: `Bearer ${await options.dualAuthToken(SCOPE)}` },
    });
    if (answered.answer?.code !== 0) throw new DiparError('refused', answered.answer?.exception?.code);
    // Nothing is read from an answer whose signature does not hold: BrokerSignatureError.
    const result = await verifiedResult(answered.text, await brokerKey, options.signatureRecipe);
    const auth = isRecord(result) && isRecord(result['AuthResult']) ? result['AuthResult'] : undefined;
    if (!auth || typeof auth['KYCStatus'] !== 'number' || typeof auth['KYCRequestStatus'] !== 'number') throw new DiparError('malformed');
    // The parts asked for: everything but the status and the ids, as the broker signed them.
    const citizenData = Object.fromEntries(
      Object.entries(result as Record<string, unknown>).filter(([name]) => !['AuthResult', 'CallerCode', 'OrderId'].includes(name)),
    );
    return {
      verified: auth['KYCStatus'] === 2,
      kycStatus: auth['KYCStatus'],
      requestStatus: auth['KYCRequestStatus'],
      nationalCode: String(auth['CitizenNationalCode'] ?? ''),
      orderId: latest.orderId,
      ...(data ? { citizenData } : {}),
    };
  }

  return Object.assign(handler, { readResult });
}

export { BrokerSignatureError };

/** The claims the handler itself sets: nobody else's value may stand beside them, in any casing. */
const HANDLER_CLAIMS = new Set(['callercode', 'orderid', 'iat', 'exp']);

/**
 * The host's claims without any the handler sets, in any casing: the broker reads names
 * case-insensitively, so a `callerCode` passed on from what the browser posted would stand beside
 * (and might be read instead of) the handler's `CallerCode`. Two of the host's own names that
 * differ only in casing are the host's mistake, and refused by name.
 */
function ownClaims(claims: Record<string, unknown>): Record<string, unknown> {
  if (!isRecord(claims)) throw new TypeError('createDiparHandler: claims(subject) must answer an object (or undefined).');
  const seen = new Map<string, string>();
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(claims)) {
    const folded = name.toLowerCase();
    if (HANDLER_CLAIMS.has(folded)) continue;
    const earlier = seen.get(folded);
    if (earlier !== undefined) {
      throw new TypeError(
        `createDiparHandler: claims(subject) answered both "${earlier}" and "${name}", which the broker reads as one name.`,
      );
    }
    seen.set(folded, name);
    kept[name] = value;
  }
  return kept;
}
