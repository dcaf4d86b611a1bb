/**
 * The one error envelope: every refusal of every route on the kit's pipeline answers
 * `{ reason, message }` (plus fields of the route's own) with the status docs/server-kit.md gives,
 * and an unexpected error reaches the host's `onError` and answers `500 internal`, with nothing
 * personal in either.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createStorage } from 'unstorage';
import {
  startRaEmulatorServer,
  startVideoIdEmulatorServer,
  type RunningRaEmulator,
  type RunningVideoIdEmulator,
} from '../../demo/emulator/server.js';
import { CLM_CREDENTIALS } from '../../demo/emulator/clm.js';
import { DiparEmulator } from '../../demo/emulator/dipar/dipar-emulator.js';
import {
  clmCallbackUrl,
  createClmCallbackHandler,
  createClmHandler,
  createHandoffHandler,
  createDiparHandler,
  type DiparHandlerOptions,
  createTokenHandler,
  type HandoffHandlerOptions,
  type HandoffTicket,
  type TokenHandlerOptions,
  createRemoteVerificationHandler,
  type RemoteVerificationHandlerOptions,
  type CertificateHandlerOptions,
  type ClmCallbackOptions,
  type ClmHandlerOptions,
  type RaPersonData,
} from '../../src/server/index.js';
import { route } from '../../src/server/pipeline.js';
import { CONTRACT } from '../helpers/clm-bodies.js';
import { emulatorForSuite } from '../helpers/emulator-suite.js';
import { csrFor, REZA, SARA, testCertificateHandler } from '../helpers/ra-people.js';
import { vendorAccount } from '../helpers/remote-verification.js';

/** Someone asked to verify remotely: a Spanish mobile number and DNI. */
const REMOTE_PERSON = { phone: '+34 600 00 00 01', dni: '00000000T' };
/** The test people's personal values: none may appear in an answer or an error the host hears. */
const PERSONAL = [
  SARA.NationalCode,
  SARA.Telephone,
  SARA.Name,
  SARA.LastName,
  SARA.BirthDate,
  REZA.NationalCode,
  '600000001',
  REMOTE_PERSON.dni,
];

interface Case {
  refusal: string;
  status: number;
  /** Makes the request (and the world it meets); answers the response. */
  make: (context: CertificateContext) => Promise<Response>;
}

interface CertificateContext {
  handler: (extra?: Partial<CertificateHandlerOptions>) => (request: Request) => Promise<Response>;
  post: (handler: (request: Request) => Promise<Response>, body: unknown, headers?: Record<string, string>) => Promise<Response>;
  ra: RunningRaEmulator;
}

const CERTIFICATE_CASES: Case[] = [
  {
    refusal: 'method-not-allowed',
    status: 405,
    make: ({ handler }) => handler()(new Request('https://shop.example/api/emzano/certificate', { headers: { 'x-user': 'alice' } })),
  },
  {
    refusal: 'origin-not-allowed',
    status: 403,
    make: ({ handler, post }) =>
      post(handler({ allowedOrigins: ['https://shop.example'] }), { action: 'status' }, { Origin: 'https://evil.example' }),
  },
  {
    refusal: 'origin-not-allowed',
    status: 403,
    make: ({ handler, post }) => post(handler(), { action: 'status' }, { 'Sec-Fetch-Site': 'cross-site' }),
  },
  { refusal: 'rate-limited', status: 429, make: ({ handler, post }) => post(handler({ rateLimit: () => false }), { action: 'status' }) },
  {
    refusal: 'too-large',
    status: 413,
    make: ({ handler, post }) => post(handler({ maxBodyBytes: 64 }), { action: 'issue', csr: 'A'.repeat(100) }),
  },
  {
    refusal: 'bad-request',
    status: 400,
    make: ({ handler }) =>
      handler()(
        new Request('https://shop.example/api/emzano/certificate', { method: 'POST', headers: { 'x-user': 'alice' }, body: '{"action":' }),
      ),
  },
  { refusal: 'bad-request', status: 400, make: ({ handler, post }) => post(handler(), { action: 'mint' }) },
  { refusal: 'not-allowed', status: 403, make: ({ handler, post }) => post(handler({ authorize: () => false }), { action: 'status' }) },
  {
    refusal: 'identity-missing',
    status: 403,
    make: async ({ handler, post }) =>
      post(handler({ person: () => undefined }), { action: 'issue', csr: await csrFor(SARA.NationalCode) }),
  },
  {
    refusal: 'csr-invalid',
    status: 422,
    make: async ({ handler, post }) => post(handler(), { action: 'issue', csr: await csrFor(REZA.NationalCode) }),
  },
  {
    refusal: 'certificate-exists',
    status: 409,
    make: async ({ handler, post }) => {
      const kit = handler();
      assert.equal((await post(kit, { action: 'issue', csr: await csrFor(SARA.NationalCode) })).status, 200);
      return post(kit, { action: 'issue', csr: await csrFor(SARA.NationalCode) });
    },
  },
  {
    refusal: 'ca-unavailable',
    status: 503,
    make: async ({ handler, post, ra }) => {
      ra.emulator.setAvailable(false);
      return post(handler(), { action: 'issue', csr: await csrFor(SARA.NationalCode) });
    },
  },
  {
    refusal: 'ca-refused',
    status: 502,
    make: async ({ handler, post, ra }) => {
      ra.emulator.faults.set([{ kind: 'error', status: 200, code: 1, path: 'RegisterInfo', times: 1 }]);
      return post(handler(), { action: 'issue', csr: await csrFor(SARA.NationalCode) });
    },
  },
  {
    refusal: 'certificate-invalid',
    status: 502,
    make: async ({ handler, post }) => {
      // Something between answers with another person's certificate.
      const reza = handler({ person: () => REZA });
      const issued = await (await post(reza, { action: 'issue', csr: await csrFor(REZA.NationalCode) }, { 'x-user': 'bob' })).json();
      const tampering: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (!String(input).endsWith('/IssueCertificateByTrackingCode')) return response;
        return Response.json({ ...((await response.json()) as object), Certificate: (issued as { certificate: string }).certificate });
      };
      return post(handler({ fetch: tampering }), { action: 'issue', csr: await csrFor(SARA.NationalCode) });
    },
  },
  {
    refusal: 'certificate-unknown',
    status: 404,
    make: ({ handler, post }) => post(handler(), { action: 'revoke', serialNumber: 'ab12', reason: 'superseded' }),
  },
  {
    refusal: 'internal',
    status: 500,
    make: async ({ handler, post }) =>
      post(handler({ person: () => ({ ...SARA, BirthDate: '2001/13/45' }) as RaPersonData }), {
        action: 'issue',
        csr: await csrFor(SARA.NationalCode),
      }),
  },
];

/** A store that fails every read and write: the unexpected error every route answers `500 internal`. */
function failingStore() {
  const storage = createStorage();
  storage.getItem = () => Promise.reject(new Error('the store is down'));
  storage.setItem = () => Promise.reject(new Error('the store is down'));
  return storage;
}

/** The envelope every refusal shares, and nothing personal in it or in what onError heard. */
async function expectEnvelope(response: Response, status: number, reason: string, heard: unknown[], allow: string) {
  const text = await response.text();
  assert.equal(response.status, status, text);
  const body = JSON.parse(text) as Record<string, unknown>;
  assert.equal(body['reason'], reason, text);
  assert.equal(typeof body['message'], 'string');
  assert.notEqual(body['message'], '');
  assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(response.headers.get('cache-control'), 'no-store');
  if (status === 405) assert.equal(response.headers.get('allow'), allow);
  if (status === 429) assert.ok(response.headers.get('retry-after'));
  const told = [text, ...heard.map((item) => (item instanceof Error ? `${item.message} ${item.stack}` : JSON.stringify(item)))];
  for (const value of PERSONAL) assert.ok(!told.join('\n').includes(value), `no ${value} in: ${told.join('\n')}`);
  assert.equal(heard.length, reason === 'internal' ? 2 : 0, 'onError hears the unexpected only');
}

describe('one error envelope: every refusal is { reason, message } with its documented status', () => {
  let ra: RunningRaEmulator;
  before(async () => {
    ra = await startRaEmulatorServer();
  });
  after(() => ra.close());
  beforeEach(() => ra.emulator.reset());

  it('makes no route that says neither whom the host authorizes nor how its caller is checked (fail closed)', () => {
    const open = { name: 'open', methods: ['POST'], maxBodyBytes: 0, parse: () => ({}), act: async () => new Response(null) };
    assert.throws(() => route(open, {}), /^TypeError: The route open says neither/);
    assert.throws(() => route({ ...open, action: () => ({}) }, {}), /neither/, 'an action without authorize');
    assert.doesNotThrow(() => route({ ...open, caller: () => undefined }, {}));
  });

  describe('the certificate route', () => {
    for (const [index, testCase] of CERTIFICATE_CASES.entries()) {
      it(`${testCase.status} ${testCase.refusal} (${index + 1})`, async () => {
        const heard: unknown[] = [];
        const storage = createStorage();
        const context: CertificateContext = {
          ra,
          handler: (extra = {}) =>
            testCertificateHandler(ra.baseUrl, {
              storage,
              authorize: (request) => {
                const user = request.headers.get('x-user');
                return user ? { subject: user } : false;
              },
              person: () => SARA,
              // The KYC id RequestApprove names (a host's token handler binds it).
              orderId: (subject) => `kyc-${subject}`,
              onError: (error, where) => heard.push(error, where),
              ...extra,
            }),
          post: (handler, body, headers = {}) =>
            handler(
              new Request('https://shop.example/api/emzano/certificate', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', 'x-user': 'alice', ...headers },
                body: JSON.stringify(body),
              }),
            ),
        };
        await expectEnvelope(await testCase.make(context), testCase.status, testCase.refusal, heard, 'POST');
      });
    }
  });

  describe("the CLM callback (CLM's own call, checked by the URL's secret)", () => {
    const emzano = emulatorForSuite('envelope-key');
    const SECRET = 'envelope-callback-secret-012345';
    const callback = (heard: unknown[], extra: Partial<ClmCallbackOptions> = {}) =>
      createClmCallbackHandler({
        ...CLM_CREDENTIALS,
        baseUrl: emzano().url,
        storage: createStorage(),
        secret: SECRET,
        onDocumentState: () => undefined,
        onError: (error, where) => heard.push(error, where),
        ...extra,
      });
    const deliver = (handler: ReturnType<typeof callback>, body: string, init: { secret?: string; get?: boolean; origin?: string } = {}) =>
      handler(
        new Request(clmCallbackUrl('https://shop.example/api/emzano/clm-callback', init.secret ?? SECRET), {
          method: init.get ? 'GET' : 'POST',
          headers: init.origin ? { Origin: init.origin } : {},
          ...(init.get ? {} : { body }),
        }),
      );
    /** A contract CLM knows, still in progress; its id. */
    const sent = async () => {
      const proxy = createClmHandler({ ...CLM_CREDENTIALS, baseUrl: emzano().url, authorize: () => ({ subject: 'sender' }) });
      const response = await proxy(
        new Request('https://shop.example/api/emzano/clm/api/v1/clm/documents/execute/file', {
          method: 'POST',
          body: JSON.stringify(CONTRACT),
        }),
      );
      return ((await response.json()) as { id: string }).id;
    };
    const signedClaim = async () => JSON.stringify({ documentId: await sent(), state: 'Signed' });
    const cases: Array<[string, number, (heard: unknown[]) => Promise<Response>]> = [
      ['method-not-allowed', 405, (heard) => deliver(callback(heard), '', { get: true })],
      ['unknown-callback', 401, (heard) => deliver(callback(heard), '{}', { secret: 'not-the-secret-0123456789' })],
      [
        'origin-not-allowed',
        403,
        (heard) => deliver(callback(heard, { allowedOrigins: ['https://clm.example'] }), '{}', { origin: 'https://evil.example' }),
      ],
      // CLM's own call is not held to the host's rate limit for browsers: it goes on to be read.
      ['bad-request', 400, (heard) => deliver(callback(heard, { rateLimit: () => false }), '{"documentId":')],
      ['too-large', 413, (heard) => deliver(callback(heard, { maxBodyBytes: 32 }), JSON.stringify({ documentId: 'x'.repeat(64) }))],
      ['bad-request', 400, (heard) => deliver(callback(heard), '{"documentId":')],
      ['bad-request', 400, async (heard) => deliver(callback(heard), JSON.stringify({ documentId: await sent(), state: 'Paid' }))],
      ['not-confirmed', 409, async (heard) => deliver(callback(heard), await signedClaim())],
      [
        'clm-unavailable',
        503,
        async (heard) => deliver(callback(heard, { fetch: () => Promise.reject(new TypeError('fetch failed')) }), await signedClaim()),
      ],
      [
        'internal',
        500,
        async (heard) => {
          const id = await sent();
          await fetch(`${emzano().url}/__emulator/clm/documents/${id}/advance`, {
            method: 'POST',
            body: JSON.stringify({ action: 'reject' }),
          });
          const failing = callback(heard, { onDocumentState: () => Promise.reject(new Error('the host’s own handler failed')) });
          return deliver(failing, JSON.stringify({ documentId: id, state: 'Rejected' }));
        },
      ],
    ];
    for (const [index, [reason, status, make]] of cases.entries()) {
      it(`${status} ${reason} (${index + 1})`, async () => {
        const heard: unknown[] = [];
        await expectEnvelope(await make(heard), status, reason, heard, 'POST');
      });
    }
  });
  describe('the CLM proxy', () => {
    const emzano = emulatorForSuite('envelope-proxy-key');
    const proxy = (heard: unknown[], extra: Partial<ClmHandlerOptions> = {}) =>
      createClmHandler({
        ...CLM_CREDENTIALS,
        baseUrl: emzano().url,
        storage: createStorage(),
        authorize: (request) => {
          const user = request.headers.get('x-user');
          return user ? { subject: user } : false;
        },
        onError: (error, where) => heard.push(error, where),
        ...extra,
      });
    const call = (
      handler: ReturnType<typeof proxy>,
      path: string,
      init: { body?: unknown; user?: string; headers?: Record<string, string> } = {},
    ) =>
      handler(
        new Request(`https://shop.example/api/emzano/clm${path}`, {
          method: init.body === undefined ? 'GET' : 'POST',
          headers: { 'x-user': init.user ?? 'alice', ...init.headers },
          ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
        }),
      );
    const DOCUMENT = '/api/v1/clm/documents/2ac617da-02e4-4c36-afe1-f65919206d62';
    const EXECUTE = '/api/v1/clm/documents/execute/file';
    const cases: Array<[string, number, string, (heard: unknown[]) => Promise<Response>]> = [
      ['not-found', 404, '', (heard) => call(proxy(heard), '/api/v1/clm/documents/everything')],
      ['method-not-allowed', 405, 'GET', (heard) => call(proxy(heard), DOCUMENT, { body: {} })],
      ['method-not-allowed', 405, 'POST', (heard) => call(proxy(heard), EXECUTE)],
      [
        'origin-not-allowed',
        403,
        '',
        (heard) =>
          call(proxy(heard, { allowedOrigins: ['https://shop.example'] }), DOCUMENT, { headers: { Origin: 'https://evil.example' } }),
      ],
      ['rate-limited', 429, '', (heard) => call(proxy(heard, { rateLimit: () => false }), DOCUMENT)],
      ['too-large', 413, '', (heard) => call(proxy(heard, { maxBodyBytes: 64 }), EXECUTE, { body: CONTRACT })],
      ['bad-request', 400, '', (heard) => call(proxy(heard), EXECUTE, { body: '[1' })],
      ['bad-request', 400, '', (heard) => call(proxy(heard), EXECUTE, { body: { ...CONTRACT, workflows: [] } })],
      ['not-allowed', 403, '', (heard) => call(proxy(heard), DOCUMENT, { user: '' })],
      ['not-allowed', 403, '', (heard) => call(proxy(heard), DOCUMENT)],
      ['clm-unavailable', 502, '', (heard) => call(proxy(heard, { password: 'wrong-password' }), EXECUTE, { body: CONTRACT })],
      ['internal', 500, '', (heard) => call(proxy(heard, { storage: failingStore() }), DOCUMENT)],
    ];
    for (const [index, [reason, status, allow, make]] of cases.entries()) {
      it(`${status} ${reason} (${index + 1})`, async () => {
        const heard: unknown[] = [];
        await expectEnvelope(await make(heard), status, reason, heard, allow);
      });
    }
  });

  describe('the token and handoff routes', () => {
    const emzano = emulatorForSuite('envelope-token-key');
    /** Sara, as the token endpoint takes her: her real national code and mobile, to be found nowhere after. */
    const PERSON = { phoneNumber: SARA.Telephone, nationalCode: SARA.NationalCode };
    let clock = Date.now();
    /** Both endpoints over one store, as a host mounts them; the phone is let in by its code. */
    const host = (heard: unknown[], extra: Partial<TokenHandlerOptions & HandoffHandlerOptions> = {}) => {
      const options = {
        apiKey: 'envelope-token-key',
        baseUrl: emzano().url,
        storage: createStorage(),
        now: () => clock,
        authorize: (request: Request, action: { action: string }) => {
          const user = request.headers.get('x-user');
          if (user) return { subject: user };
          return action.action === 'handoff-phone' ? ({ anonymous: true } as const) : false;
        },
        onError: (error: unknown, where: unknown) => heard.push(error, where),
        ...extra,
      };
      return { token: createTokenHandler(options), handoff: createHandoffHandler(options) };
    };
    type Host = ReturnType<typeof host>;
    const call = (handler: (request: Request) => Promise<Response>, path: string, body?: unknown, user = 'alice', headers = {}) =>
      handler(
        new Request(`https://shop.example/api/emzano/${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { 'Content-Type': 'application/json', ...(user ? { 'x-user': user } : {}), ...headers },
          ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        }),
      );
    const enrol = async (kit: Host, user = 'alice') => {
      const answer = await call(kit.token, 'token', PERSON, user);
      assert.equal(answer.status, 200, await answer.clone().text());
      return (await answer.json()) as { userId: string; refreshToken: string };
    };
    const handOff = async (kit: Host) => {
      const { userId } = await enrol(kit);
      const progress = { infoInquiry: true, faceRecognition: false, signature: false };
      return (await (await call(kit.handoff, 'handoff', { handoff: 'create', userId, progress })).json()) as HandoffTicket;
    };
    const redeem = async (kit: Host, code: string) =>
      ((await (await call(kit.handoff, 'handoff', { handoff: 'redeem', code }, '')).json()) as { handoff: { id: string; key: string } })
        .handoff;
    beforeEach(() => {
      clock = Date.now();
    });

    const tokenCases: Array<[string, number, string, (heard: unknown[]) => Promise<Response>]> = [
      ['method-not-allowed', 405, 'POST', (heard) => call(host(heard).token, 'token')],
      [
        'origin-not-allowed',
        403,
        '',
        (heard) =>
          call(host(heard, { allowedOrigins: ['https://shop.example'] }).token, 'token', PERSON, 'alice', {
            Origin: 'https://evil.example',
          }),
      ],
      ['rate-limited', 429, '', (heard) => call(host(heard, { rateLimit: () => false }).token, 'token', PERSON)],
      ['too-large', 413, '', (heard) => call(host(heard, { maxBodyBytes: 16 }).token, 'token', PERSON)],
      ['bad-request', 400, '', (heard) => call(host(heard).token, 'token', '{"phoneNumber":')],
      ['bad-request', 400, '', (heard) => call(host(heard).token, 'token', { ...PERSON, phoneNumber: SARA.Telephone.slice(0, 6) })],
      ['bad-request', 400, '', (heard) => call(host(heard).token, 'token', { handoff: 'create', userId: 'u1' })],
      ['not-allowed', 403, '', (heard) => call(host(heard).token, 'token', PERSON, '')],
      [
        'not-allowed',
        403,
        '',
        async (heard) => {
          const kit = host(heard);
          const { userId } = await enrol(kit);
          return call(kit.token, 'token', { userId }, 'mallory');
        },
      ],
      ['refresh-invalid', 401, '', (heard) => call(host(heard).token, 'token', { userId: 'u1', refreshToken: 'r'.repeat(43) })],
      [
        'refresh-reused',
        401,
        '',
        async (heard) => {
          const kit = host(heard);
          const { userId, refreshToken } = await enrol(kit);
          assert.equal((await call(kit.token, 'token', { userId, refreshToken })).status, 200);
          return call(kit.token, 'token', { userId, refreshToken });
        },
      ],
      [
        'identity-taken',
        403,
        '',
        async (heard) => {
          const kit = host(heard);
          await enrol(kit, 'alice');
          return call(kit.token, 'token', PERSON, 'bob');
        },
      ],
      [
        'emzano-refused',
        422,
        '',
        (heard) => {
          emzano().emulator.seedUser({
            ...PERSON,
            phoneNumber: '09350000000',
            infoInquiry: false,
            faceRecognition: false,
            signature: false,
          });
          return call(host(heard).token, 'token', PERSON);
        },
      ],
      [
        'emzano-unavailable',
        502,
        '',
        (heard) => {
          emzano().emulator.faults.set([{ kind: 'error', code: 2 }]);
          return call(host(heard).token, 'token', PERSON);
        },
      ],
      ['internal', 500, '', (heard) => call(host(heard, { storage: failingStore() }).token, 'token', { userId: 'u1' })],
    ];
    const handoffCases: Array<[string, number, string, (heard: unknown[]) => Promise<Response>]> = [
      ['method-not-allowed', 405, 'POST', (heard) => call(host(heard).handoff, 'handoff')],
      [
        'origin-not-allowed',
        403,
        '',
        (heard) =>
          call(
            host(heard, { allowedOrigins: ['https://shop.example'] }).handoff,
            'handoff',
            { handoff: 'status', id: 'h'.repeat(22) },
            'alice',
            {
              Origin: 'https://evil.example',
            },
          ),
      ],
      [
        'rate-limited',
        429,
        '',
        (heard) => call(host(heard, { rateLimit: () => false }).handoff, 'handoff', { handoff: 'redeem', code: 'c'.repeat(43) }),
      ],
      [
        'too-large',
        413,
        '',
        (heard) => call(host(heard, { maxBodyBytes: 16 }).handoff, 'handoff', { handoff: 'redeem', code: 'c'.repeat(43) }),
      ],
      ['bad-request', 400, '', (heard) => call(host(heard).handoff, 'handoff', '{"handoff":')],
      ['bad-request', 400, '', (heard) => call(host(heard).handoff, 'handoff', { handoff: 'fly' })],
      [
        'not-allowed',
        403,
        '',
        (heard) => call(host(heard, { authorize: () => false }).handoff, 'handoff', { handoff: 'redeem', code: 'c'.repeat(43) }, ''),
      ],
      [
        'not-allowed',
        403,
        '',
        async (heard) => {
          const kit = host(heard);
          const ticket = await handOff(kit);
          return call(kit.handoff, 'handoff', { handoff: 'status', id: ticket.id }, 'mallory');
        },
      ],
      ['handoff-unknown', 404, '', (heard) => call(host(heard).handoff, 'handoff', { handoff: 'redeem', code: 'c'.repeat(43) }, '')],
      ['handoff-unknown', 404, '', (heard) => call(host(heard).handoff, `handoff?handoff=${'h'.repeat(4)}`)],
      [
        'handoff-expired',
        410,
        '',
        async (heard) => {
          const kit = host(heard);
          const ticket = await handOff(kit);
          clock += 601_000;
          return call(kit.handoff, 'handoff', { handoff: 'redeem', code: ticket.code }, '');
        },
      ],
      [
        'handoff-used',
        410,
        '',
        async (heard) => {
          const kit = host(heard);
          const ticket = await handOff(kit);
          await redeem(kit, ticket.code);
          return call(kit.handoff, 'handoff', { handoff: 'redeem', code: ticket.code }, '');
        },
      ],
      [
        'handoff-ended',
        410,
        '',
        async (heard) => {
          const kit = host(heard);
          const ticket = await handOff(kit);
          const phone = await redeem(kit, ticket.code);
          await call(kit.handoff, 'handoff', { handoff: 'cancel', id: ticket.id });
          return call(kit.handoff, 'handoff', { handoff: 'session', ...phone }, '');
        },
      ],
      [
        'handoff-not-ready',
        409,
        '',
        async (heard) => {
          const kit = host(heard);
          const ticket = await handOff(kit);
          const phone = await redeem(kit, ticket.code);
          return call(kit.handoff, 'handoff', { handoff: 'progress', ...phone, step: 'done' }, '');
        },
      ],
      [
        'emzano-unavailable',
        502,
        '',
        async (heard) => {
          const kit = host(heard);
          const ticket = await handOff(kit);
          emzano().emulator.faults.set([{ kind: 'error', code: 2 }]);
          return call(kit.handoff, 'handoff', { handoff: 'redeem', code: ticket.code }, '');
        },
      ],
      [
        'internal',
        500,
        '',
        (heard) => call(host(heard, { storage: failingStore() }).handoff, 'handoff', { handoff: 'status', id: 'h'.repeat(22) }),
      ],
    ];
    for (const [route, cases] of [
      ['token', tokenCases],
      ['handoff', handoffCases],
    ] as const) {
      for (const [index, [reason, status, allow, make]] of cases.entries()) {
        it(`${route}: ${status} ${reason} (${index + 1})`, async () => {
          const heard: unknown[] = [];
          await expectEnvelope(await make(heard), status, reason, heard, allow);
        });
      }
    }
  });

  describe('the remote-verification routes', () => {
    let vendor: RunningVideoIdEmulator;
    before(async () => {
      vendor = await startVideoIdEmulatorServer();
    });
    after(() => vendor.close());
    beforeEach(() => {
      vendor.emulator.reset();
      vendor.emulator.setWebhook(undefined);
    });
    const SEND = { ...REMOTE_PERSON, message: 'Verifique su identidad: [LINK]', sender: 'MiEmpresa' };
    const WEBHOOK = { basic: { username: 'panel-webhook', password: 'panel-webhook-password' } };
    const remote = (heard: unknown[], extra: Partial<RemoteVerificationHandlerOptions> = {}) =>
      createRemoteVerificationHandler({
        ...vendorAccount(vendor),
        webhookAuth: WEBHOOK,
        storage: createStorage(),
        authorize: (request) => {
          const user = request.headers.get('x-user');
          return user ? { subject: user } : false;
        },
        onError: (error, where) => heard.push(error, where),
        onHookError: (error) => heard.push(error),
        ...extra,
      });
    type Remote = ReturnType<typeof remote>;
    const call = (
      handler: Remote | ((request: Request) => Promise<Response>),
      path: string,
      init: { body?: unknown; user?: string; headers?: Record<string, string> } = {},
    ) =>
      handler(
        new Request(`https://shop.example/api/remote-verification${path}`, {
          method: init.body === undefined ? 'GET' : 'POST',
          headers: { 'x-user': init.user ?? 'alice', ...init.headers },
          ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
        }),
      );
    const basic = `Basic ${btoa(`${WEBHOOK.basic.username}:${WEBHOOK.basic.password}`)}`;
    const sent = async (handler: Remote) => {
      const answer = await call(handler, '/send', { body: SEND });
      assert.equal(answer.status, 200, await answer.clone().text());
      return ((await answer.json()) as { id: string }).id;
    };
    const cases: Array<[string, number, string, (heard: unknown[]) => Promise<Response>]> = [
      ['not-found', 404, '', (heard) => call(remote(heard), '/a.b')],
      ['method-not-allowed', 405, 'POST', (heard) => call(remote(heard), '/send')],
      ['method-not-allowed', 405, 'GET', (heard) => call(remote(heard), '/abc', { body: {} })],
      [
        'origin-not-allowed',
        403,
        '',
        (heard) =>
          call(remote(heard, { allowedOrigins: ['https://shop.example'] }), '/send', {
            body: SEND,
            headers: { Origin: 'https://evil.example' },
          }),
      ],
      ['rate-limited', 429, '', (heard) => call(remote(heard, { rateLimit: () => false }), '/send', { body: SEND })],
      ['too-large', 413, '', (heard) => call(remote(heard, { maxBodyBytes: 32 }), '/send', { body: SEND })],
      ['bad-request', 400, '', (heard) => call(remote(heard), '/send', { body: '{"phone":' })],
      ['validation', 422, '', (heard) => call(remote(heard), '/send', { body: { ...SEND, phone: '600' } })],
      ['not-allowed', 403, '', (heard) => call(remote(heard), '/send', { body: SEND, user: '' })],
      ['remote-refused', 422, '', (heard) => call(remote(heard, { successCodes: [11] }), '/send', { body: SEND })],
      ['remote-unauthorized', 502, '', (heard) => call(remote(heard, { apiToken: 'a-wrong-token' }), '/send', { body: SEND })],
      [
        'remote-unreachable',
        502,
        '',
        (heard) => call(remote(heard, { fetch: () => Promise.reject(new TypeError('fetch failed')) }), '/send', { body: SEND }),
      ],
      [
        'remote-busy',
        503,
        '',
        async (heard) => {
          const handler = remote(heard, { fetch: () => Promise.reject(new TypeError('fetch failed')), backoff: { after: 1 } });
          await call(handler, '/send', { body: SEND });
          return call(handler, '/send', { body: SEND });
        },
      ],
      ['not-found', 404, '', (heard) => call(remote(heard), '/99999')],
      [
        'not-allowed',
        403,
        '',
        async (heard) => {
          const handler = remote(heard);
          return call(handler, `/${await sent(handler)}/events`, { user: 'mallory' });
        },
      ],
      [
        'certificate-not-ready',
        409,
        '',
        async (heard) => {
          const handler = remote(heard);
          return call(handler, `/${await sent(handler)}/certificate`);
        },
      ],
      ['internal', 500, '', (heard) => call(remote(heard, { storage: failingStore() }), '/abc')],
      ['method-not-allowed', 405, 'POST', (heard) => call(remote(heard), '/webhook', { headers: { authorization: basic } })],
      [
        'unknown-caller',
        401,
        '',
        (heard) => call(remote(heard), '/webhook', { body: { ID: '1', Estado: 5001 }, headers: { authorization: 'Basic eDp5' } }),
      ],
      [
        'too-large',
        413,
        '',
        (heard) =>
          call(remote(heard, { maxWebhookBytes: 16 }), '/webhook', {
            body: { ID: '1', Estado: 5001, Detalle: 'x'.repeat(32) },
            headers: { authorization: basic },
          }),
      ],
      ['bad-request', 400, '', (heard) => call(remote(heard), '/webhook', { body: { Estado: 5001 }, headers: { authorization: basic } })],
      ['bad-request', 400, '', (heard) => call(remote(heard), '/webhook', { body: '[1,2', headers: { authorization: basic } })],
      // The vendor's reports are not held to the host's rate limit for browsers.
      [
        'bad-request',
        400,
        '',
        (heard) =>
          call(remote(heard, { rateLimit: () => false }), '/webhook', { body: { Estado: 5001 }, headers: { authorization: basic } }),
      ],
    ];
    for (const [index, [reason, status, allow, make]] of cases.entries()) {
      it(`${status} ${reason} (${index + 1})`, async () => {
        const heard: unknown[] = [];
        await expectEnvelope(await make(heard), status, reason, heard, allow);
      });
    }
  });

  describe('the Dipar routes', () => {
    let broker: DiparEmulator;
    beforeEach(() => {
      broker = new DiparEmulator();
    });
    const dipar = (heard: unknown[], extra: Partial<DiparHandlerOptions> = {}) => {
      const operator = broker.operators[0]!;
      return createDiparHandler({
        baseUrl: 'http://dipar.invalid',
        callerCode: operator.callerCode,
        tokenKey: operator.tokenKey,
        storage: createStorage(),
        authorize: (request) => {
          const user = request.headers.get('x-user');
          return user ? { subject: user } : false;
        },
        claims: () => ({ nationalCode: SARA.NationalCode, mobile: SARA.Telephone, firstName: SARA.Name, lastName: SARA.LastName }),
        fetch: (input, init) => broker.handle(new Request(input, init)),
        onError: (error, where) => heard.push(error, where),
        ...extra,
      });
    };
    const call = (
      handler: (request: Request) => Promise<Response>,
      path: string,
      init: { body?: unknown; user?: string; headers?: Record<string, string> } = {},
    ) =>
      handler(
        new Request(`https://shop.example/api/emzano/dipar${path}`, {
          method: init.body === undefined ? 'GET' : 'POST',
          headers: { 'Content-Type': 'application/json', 'x-user': init.user ?? 'alice', ...init.headers },
          ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
        }),
      );
    const cases: Array<[string, number, string, (heard: unknown[]) => Promise<Response>]> = [
      ['not-found', 404, '', (heard) => call(dipar(heard), '/api/Inquiry/SetToken', { body: {} })],
      ['method-not-allowed', 405, 'POST', (heard) => call(dipar(heard), '/start')],
      [
        'origin-not-allowed',
        403,
        '',
        (heard) =>
          call(dipar(heard, { allowedOrigins: ['https://shop.example'] }), '/start', {
            body: {},
            headers: { Origin: 'https://evil.example' },
          }),
      ],
      ['rate-limited', 429, '', (heard) => call(dipar(heard, { rateLimit: () => false }), '/start', { body: {} })],
      ['too-large', 413, '', (heard) => call(dipar(heard), '/start', { body: { padding: 'x'.repeat(20_000) } })],
      ['bad-request', 400, '', (heard) => call(dipar(heard), '/start', { body: '{"mobile":' })],
      ['bad-request', 400, '', (heard) => call(dipar(heard), '/resume', { body: {} })],
      ['not-allowed', 403, '', (heard) => call(dipar(heard), '/start', { body: {}, user: '' })],
      ['identity-missing', 403, '', (heard) => call(dipar(heard, { claims: () => undefined }), '/start', { body: {} })],
      ['not-found', 404, '', (heard) => call(dipar(heard), '/resume', { body: { orderId: crypto.randomUUID() } })],
      [
        'provider-unavailable',
        502,
        '',
        (heard) => {
          broker.faults.set([{ kind: 'error', status: 500 }]);
          return call(dipar(heard), '/start', { body: {} });
        },
      ],
      ['internal', 500, '', (heard) => call(dipar(heard, { storage: failingStore() }), '/start', { body: {} })],
    ];
    for (const [index, [reason, status, allow, make]] of cases.entries()) {
      it(`${status} ${reason} (${index + 1})`, async () => {
        const heard: unknown[] = [];
        await expectEnvelope(await make(heard), status, reason, heard, allow);
      });
    }
  });
});
