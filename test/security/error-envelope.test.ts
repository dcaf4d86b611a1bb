/**
 * The one error envelope: every refusal of every route on the kit's pipeline answers
 * `{ reason, message }` (plus fields of the route's own) with the status docs/server-kit.md gives,
 * and an unexpected error reaches the host's `onError` and answers `500 internal`, with nothing
 * personal in either. Routes join this table as they move onto the pipeline.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createStorage } from 'unstorage';
import { startRaEmulatorServer, type RunningRaEmulator } from '../../demo/emulator/server.js';
import type { CertificateHandlerOptions, RaPersonData } from '../../src/server/index.js';
import { csrFor, REZA, SARA, testCertificateHandler } from '../helpers/ra-people.js';

/** The test people's personal values: none may appear in an answer or an error the host hears. */
const PERSONAL = [SARA.NationalCode, SARA.Telephone, SARA.Name, SARA.LastName, SARA.BirthDate, REZA.NationalCode];

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

describe('one error envelope: every refusal is { reason, message } with its documented status', () => {
  let ra: RunningRaEmulator;
  before(async () => {
    ra = await startRaEmulatorServer();
  });
  after(() => ra.close());
  beforeEach(() => ra.emulator.reset());

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
        const response = await testCase.make(context);
        const text = await response.text();
        assert.equal(response.status, testCase.status, text);
        const body = JSON.parse(text) as Record<string, unknown>;
        assert.equal(body['reason'], testCase.refusal, text);
        assert.equal(typeof body['message'], 'string');
        assert.notEqual(body['message'], '');
        assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
        assert.equal(response.headers.get('cache-control'), 'no-store');
        if (testCase.status === 405) assert.equal(response.headers.get('allow'), 'POST');
        if (testCase.status === 429) assert.ok(response.headers.get('retry-after'));
        // Nothing personal in the answer, nor in anything the host's onError heard.
        const told = [text, ...heard.map((item) => (item instanceof Error ? `${item.message} ${item.stack}` : JSON.stringify(item)))].join(
          '\n',
        );
        for (const value of PERSONAL) assert.ok(!told.includes(value), `no ${value} in: ${told}`);
        assert.equal(heard.length, testCase.refusal === 'internal' ? 2 : 0, 'onError hears the unexpected only');
      });
    }
  });
});
