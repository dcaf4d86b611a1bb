/**
 * Where the elements call Emzano: their own `api-base`, else the origin the host's token endpoint
 * sent with the token (`browserApiBase`: the sandbox, say), else Emzano's production API. The
 * origin is worked out when each request is sent, once its token is in hand.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { EmzanoConnection } from '../../../src/api/connection.js';
import { parseTokenGrant } from '../../../src/core/token-contract.js';

const TOKEN_ENDPOINT = 'https://shop.example/api/emzano/token';
const grant = (extra: Record<string, unknown> = {}) => ({
  userId: 'u1',
  accessToken: 'a1',
  refreshToken: 'r1',
  expiresAt: Math.floor(Date.now() / 1000) + 3600,
  progress: { infoInquiry: true, faceRecognition: false, signature: false },
  ...extra,
});

describe('EmzanoConnection: where Emzano is', () => {
  const realFetch = globalThis.fetch;
  let called: string[];
  let answer: Record<string, unknown>;
  beforeEach(() => {
    called = [];
    globalThis.fetch = (async (input: string | URL | Request) => {
      const url = String(input instanceof Request ? input.url : input);
      called.push(url);
      if (url === TOKEN_ENDPOINT) return Response.json(answer);
      return Response.json({ IsSuccess: true, Data: { RandomText: 'جمله' } });
    }) as typeof fetch;
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  const connection = (apiBase: string) =>
    EmzanoConnection.for(undefined, { tokenEndpoint: TOKEN_ENDPOINT, apiBase, authScheme: 'Bearer', randomTextField: 'RandomText' });

  it('calls the origin the token came with when the element names none', async () => {
    answer = grant({ apiBase: 'http://127.0.0.1:8787' });
    const emzano = connection('');
    await emzano.session.start('u1');
    await emzano.kyc.randomText();
    assert.match(called.at(-1)!, /^http:\/\/127\.0\.0\.1:8787\/api\/v1\/external\/kyc\//);
    assert.equal(emzano.session.session?.apiBase, 'http://127.0.0.1:8787', 'handed on with the session');
  });

  it("keeps the element's own api-base over the token's", async () => {
    answer = grant({ apiBase: 'http://127.0.0.1:8787' });
    const emzano = connection('https://emzano.partner.example');
    await emzano.session.start('u1');
    await emzano.kyc.randomText();
    assert.match(called.at(-1)!, /^https:\/\/emzano\.partner\.example\/api\/v1\/external\/kyc\//);
  });

  it('forgets the origin once the host stops naming one (moved off the sandbox)', async () => {
    answer = grant({ apiBase: 'http://127.0.0.1:8787' });
    const emzano = connection('');
    await emzano.session.start('u1');
    answer = grant({ accessToken: 'a2' });
    await emzano.session.refresh();
    await emzano.kyc.randomText();
    assert.match(called.at(-1)!, /^https:\/\/api\.emzano\.com\//, 'the new token goes to Emzano, not the sandbox');
  });

  it("calls Emzano's production API when neither says", async () => {
    answer = grant();
    const emzano = connection('');
    await emzano.session.start('u1');
    await emzano.kyc.randomText();
    assert.match(called.at(-1)!, /^https:\/\/api\.emzano\.com\/api\/v1\/external\/kyc\//);
  });

  it('takes only an http(s) origin from the token endpoint', () => {
    assert.equal(parseTokenGrant(grant({ apiBase: 'javascript:alert(1)' }))?.apiBase, undefined);
    assert.equal(parseTokenGrant(grant({ apiBase: 42 }))?.apiBase, undefined);
    assert.equal(parseTokenGrant(grant({ apiBase: 'https://sandbox.example' }))?.apiBase, 'https://sandbox.example');
  });
});
