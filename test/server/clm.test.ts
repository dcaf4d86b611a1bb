/**
 * The CLM server kit: the allow-listed proxy with its cached password-grant token, the callback
 * receiver, and the template payload builder. CLM is a fake `fetch` that records every call.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStorage } from 'unstorage';
import {
  buildTemplatePayload,
  clmCallbackUrl,
  createClmCallbackHandler,
  createClmHandler,
  TemplatePayloadError,
  type ClmDocumentStateEvent,
} from '../../src/server/index.js';
import { CONTRACT } from '../helpers/clm-bodies.js';

const DOC_ID = '2ac617da-02e4-4c36-afe1-f65919206d62';
/** An organisation's back office: may read every document, whoever sent it. */
const reader = () => ({ subject: 'back-office', anyDocument: true });
/** The host's signed-in user is the `x-user` header; none is a visitor it does not know. */
const authorize = (request: Request) => {
  const user = request.headers.get('x-user');
  return user ? { subject: user } : false;
};
const CREDENTIALS = { clientId: 'client-1', clientSecret: 'client-secret', username: 'panel-user', password: 'panel-pass' };

interface Call {
  method: string;
  url: string;
  authorization: string | null;
  body: string;
}

/** A CLM that issues numbered tokens (`expires_in` seconds) and answers every document call. */
function fakeClm(options: { expiresIn?: number; refuseToken?: string; documentState?: number } = {}) {
  const calls: Call[] = [];
  let issued = 0;
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    const body = init.body instanceof URLSearchParams ? init.body.toString() : String(init.body ?? '');
    const headers = new Headers(init.headers);
    calls.push({ method: init.method ?? 'GET', url, authorization: headers.get('authorization'), body });
    if (url.endsWith('/Identity/connect/token')) {
      issued += 1;
      return Response.json({ access_token: `token-${issued}`, expires_in: options.expiresIn ?? 3600, token_type: 'Bearer' });
    }
    if (headers.get('authorization') === `Bearer ${options.refuseToken}`) return new Response('', { status: 401 });
    if (url.includes('/execute/')) return Response.json({ id: DOC_ID });
    return Response.json({ state: options.documentState ?? 3, title: 'عنوان سند', workflows: [] });
  };
  return { calls, fetch: fetch as typeof globalThis.fetch, tokenCalls: () => calls.filter((call) => call.url.endsWith('/connect/token')) };
}

const post = (path: string, body: unknown, headers: Record<string, string> = { 'x-user': 'sender' }) =>
  new Request(`https://shop.example/api/emzano/clm${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...headers },
  });
const get = (path: string, headers: Record<string, string> = { 'x-user': 'sender' }) =>
  new Request(`https://shop.example/api/emzano/clm${path}`, { headers });

describe('createClmHandler', () => {
  it('signs in with the password grant once, then forwards with the cached bearer token', async () => {
    const clm = fakeClm();
    const handler = createClmHandler({ ...CREDENTIALS, baseUrl: 'https://clm.test', fetch: clm.fetch, authorize });
    const payload = CONTRACT;
    const sent = await handler(post('/api/v1/clm/documents/execute/file', payload));
    assert.equal(sent.status, 200);
    assert.deepEqual(await sent.json(), { id: DOC_ID });
    const read = await handler(get(`/api/v1/clm/documents/${DOC_ID}?returnStructure=1&onlyDetail=false`));
    assert.equal(read.status, 200);

    const [token, execute, document] = clm.calls;
    assert.equal(clm.tokenCalls().length, 1, 'one sign-in for both calls');
    assert.equal(token!.url, 'https://clm.test/Identity/connect/token');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(token!.body)), {
      client_id: 'client-1',
      client_secret: 'client-secret',
      username: 'panel-user',
      password: 'panel-pass',
      grant_type: 'password',
    });
    assert.equal(execute!.url, 'https://clm.test/api/v1/clm/documents/execute/file');
    assert.equal(execute!.authorization, 'Bearer token-1');
    assert.deepEqual(JSON.parse(execute!.body), payload);
    assert.equal(document!.url, `https://clm.test/api/v1/clm/documents/${DOC_ID}?returnStructure=1&onlyDetail=false`);
  });

  it('signs in again shortly before the token expires, and once for requests that arrive together', async () => {
    let now = 1_000_000;
    const clm = fakeClm({ expiresIn: 600 });
    const handler = createClmHandler({ ...CREDENTIALS, baseUrl: 'https://clm.test', fetch: clm.fetch, now: () => now, authorize: reader });
    await Promise.all([1, 2, 3].map(() => handler(get(`/api/v1/clm/documents/${DOC_ID}`))));
    assert.equal(clm.tokenCalls().length, 1, 'concurrent requests share one sign-in');
    now += 500_000; // 100 s left: more than the 60 s margin
    await handler(get(`/api/v1/clm/documents/${DOC_ID}`));
    assert.equal(clm.tokenCalls().length, 1);
    now += 50_000; // 50 s left: inside the margin
    await handler(get(`/api/v1/clm/documents/${DOC_ID}`));
    assert.equal(clm.tokenCalls().length, 2);
    assert.equal(clm.calls.at(-1)!.authorization, 'Bearer token-2');
  });

  it('signs in again once when CLM refuses the token', async () => {
    const clm = fakeClm({ refuseToken: 'token-1' });
    const handler = createClmHandler({ ...CREDENTIALS, baseUrl: 'https://clm.test', fetch: clm.fetch, authorize: reader });
    const response = await handler(get(`/api/v1/clm/documents/${DOC_ID}`));
    assert.equal(response.status, 200);
    assert.deepEqual(
      clm.calls.map((call) => call.authorization),
      [null, 'Bearer token-1', null, 'Bearer token-2'],
    );
  });

  it('forwards only execute-file, execute-template and get-document; everything else is refused unsent', async () => {
    const clm = fakeClm();
    const handler = createClmHandler({ ...CREDENTIALS, baseUrl: 'https://clm.test', fetch: clm.fetch, authorize: reader });
    for (const request of [
      get('/api/v1/clm/documents'),
      post('/api/v1/clm/documents/delete', {}),
      get('/api/v1/clm/templates'),
      get('/Identity/connect/token'),
      get('/api/v1/clm/documents/not-a-guid'),
    ]) {
      assert.equal((await handler(request)).status, 404, request.url);
    }
    assert.equal((await handler(get('/api/v1/clm/documents/execute/file'))).status, 405);
    assert.equal((await handler(post(`/api/v1/clm/documents/${DOC_ID}`, {}))).status, 405);
    assert.equal(clm.calls.length, 0, 'nothing reached CLM');
  });

  it('asks the host for each send and read, refuses non-JSON bodies, and sets the server-side callback URL', async () => {
    const clm = fakeClm();
    const asked: unknown[] = [];
    const handler = createClmHandler({
      ...CREDENTIALS,
      baseUrl: 'https://clm.test',
      fetch: clm.fetch,
      authorize: (request, action) => (asked.push(action), authorize(request)),
      callbackUrl: 'https://shop.example/api/emzano/clm-callback?secret=only-the-server-knows',
    });
    assert.equal((await handler(post('/api/v1/clm/documents/execute/file', CONTRACT, {}))).status, 403);
    const notJson = new Request('https://shop.example/api/v1/clm/documents/execute/file', {
      method: 'POST',
      body: 'x',
      headers: { 'x-user': 'sender' },
    });
    assert.equal((await handler(notJson)).status, 400);
    assert.equal(clm.calls.length, 0);
    await handler(post('/api/v1/clm/documents/execute/file', { ...CONTRACT, callbackUrl: 'https://evil.example/' }));
    assert.equal(
      JSON.parse(clm.calls.at(-1)!.body).callbackUrl,
      'https://shop.example/api/emzano/clm-callback?secret=only-the-server-knows',
    );
    await handler(get(`/api/v1/clm/documents/${DOC_ID}`));
    // The body that is not JSON was refused before the host was asked (the pipeline reads, then asks).
    assert.deepEqual(asked, [{ action: 'send' }, { action: 'send' }, { action: 'read', documentId: DOC_ID }]);
  });

  it('answers 502 without details when CLM refuses the sign-in or cannot be reached', async () => {
    const refusing = createClmHandler({
      ...CREDENTIALS,
      authorize: reader,
      baseUrl: 'https://clm.test',
      fetch: (async () => Response.json({ error: 'invalid_grant' }, { status: 400 })) as typeof fetch,
    });
    const refused = await refusing(get(`/api/v1/clm/documents/${DOC_ID}`));
    assert.equal(refused.status, 502);
    const text = await refused.text();
    assert.ok(!text.includes('panel-pass') && !text.includes('client-secret') && !text.includes('invalid_grant'), text);
    const unreachable = createClmHandler({
      ...CREDENTIALS,
      authorize: reader,
      fetch: (async () => {
        throw new TypeError('connect ECONNREFUSED');
      }) as typeof fetch,
    });
    assert.deepEqual(await (await unreachable(get(`/api/v1/clm/documents/${DOC_ID}`))).json(), {
      code: 2,
      reason: 'clm-unavailable',
      message: 'The CLM service is unavailable.',
    });
    assert.throws(() => createClmHandler({ ...CREDENTIALS, password: '', authorize }), /password is required/);
    assert.throws(() => createClmHandler({ ...CREDENTIALS } as never), /`authorize` is required/);
  });
});

describe('createClmCallbackHandler', () => {
  const secret = 'a-long-shared-secret-1234';
  const receiver = (clm: ReturnType<typeof fakeClm>, onDocumentState: (event: ClmDocumentStateEvent) => void | Promise<void>) =>
    createClmCallbackHandler({
      ...CREDENTIALS,
      baseUrl: 'https://clm.test',
      fetch: clm.fetch,
      secret,
      onDocumentState,
      storage: createStorage(),
    });
  const url = clmCallbackUrl('https://shop.example/api/emzano/clm-callback', secret);
  const deliver = (handler: ReturnType<typeof receiver>, body: unknown) =>
    handler(new Request(url, { method: 'POST', body: JSON.stringify(body) }));

  it('hands the host a typed event once CLM confirms the state, with the title CLM reports', async () => {
    const clm = fakeClm();
    const events: ClmDocumentStateEvent[] = [];
    const handler = receiver(clm, (event) => void events.push(event));
    const response = await deliver(handler, { documentId: DOC_ID, state: 'Signed', title: 'whatever the sender says' });
    assert.equal(response.status, 204);
    assert.deepEqual(
      { ...events[0], receivedAt: undefined },
      { documentId: DOC_ID, state: 'Signed', title: 'عنوان سند', receivedAt: undefined },
    );
    const read = clm.calls.find((call) => call.url.includes(`/documents/${DOC_ID}`))!;
    assert.equal(read.authorization, 'Bearer token-1', 'read with the CLM credentials');
    // The numeric form of Get Document is understood too, and a repeat is heard once.
    assert.equal((await deliver(handler, { documentId: DOC_ID, state: 3 })).status, 204);
    assert.equal(events.length, 1);
  });

  it('refuses a wrong or missing secret, other methods and malformed bodies without asking CLM', async () => {
    const clm = fakeClm();
    let called = 0;
    const handler = receiver(clm, () => void (called += 1));
    const body = JSON.stringify({ documentId: DOC_ID, state: 'Signed' });
    assert.equal((await handler(new Request('https://shop.example/cb?secret=guess', { method: 'POST', body }))).status, 401);
    assert.equal((await handler(new Request('https://shop.example/cb', { method: 'POST', body }))).status, 401);
    assert.equal((await handler(new Request(url))).status, 405);
    assert.equal((await deliver(handler, {})).status, 400);
    assert.equal((await deliver(handler, { documentId: DOC_ID, state: 'Pending' })).status, 400);
    assert.equal(called, 0);
    assert.deepEqual(clm.calls, []);
    assert.throws(() => createClmCallbackHandler({ ...CREDENTIALS, secret: 'short', onDocumentState: () => undefined }), /16 characters/);
    assert.throws(() => createClmCallbackHandler({ secret, onDocumentState: () => undefined } as never), /clientId is required/);
  });

  it('lets CLM deliver again when the host could not handle it', async () => {
    const clm = fakeClm();
    let attempts = 0;
    const handler = receiver(clm, () => {
      attempts += 1;
      if (attempts === 1) throw new Error('database down');
    });
    assert.equal((await deliver(handler, { documentId: DOC_ID, state: 'Signed' })).status, 500);
    assert.equal((await deliver(handler, { documentId: DOC_ID, state: 'Signed' })).status, 204);
    assert.equal(attempts, 2);
  });
});

describe('buildTemplatePayload', () => {
  const base = {
    templateId: 'bfbee1a0-fafe-4cbc-b3fd-1424ac5a3c7a',
    title: 'قرارداد اجاره',
    workflows: [
      {
        id: 'b9df253f-70e8-44b2-afaf-78dbff33fdd7',
        contact: '۰۹۱۲۱۲۳۴۵۶۷',
        nationalCode: '0499370899',
        name: 'سارا احمدی',
        title: 'طرف اول قرارداد',
      },
    ],
  };

  it('builds the body the reference describes, values normalised', () => {
    const payload = buildTemplatePayload({
      ...base,
      expiredAt: new Date('2026-12-31T12:00:00Z'),
      certificatePayment: true,
      documentFields: [
        { name: 'rent', type: '_REQUIRED_PRICE_NUMBER', value: '۲۵٬۰۰۰٬۰۰۰' },
        { name: 'rent-words', type: '_REQUIRED_PRICE_TEXT', value: 'بیست و پنج میلیون' },
        { name: 'iban', type: '_REQUIRED_SHEBA', value: 'IR82 0540 1026 8002 0817 9090 02' },
        { name: 'site', type: '_OPTIONAL_URL', value: '' },
      ],
    });
    assert.deepEqual(payload, {
      templateId: base.templateId,
      title: 'قرارداد اجاره',
      expiredAt: '2026-12-31T12:00:00.000Z',
      certificatePayment: true,
      workflows: [
        { id: base.workflows[0]!.id, contact: '09121234567', title: 'طرف اول قرارداد', nationalCode: '0499370899', name: 'سارا احمدی' },
      ],
      documentFields: [
        { name: 'rent', value: '25000000' },
        { name: 'rent-words', value: 'بیست و پنج میلیون' },
        { name: 'iban', value: 'IR820540102680020817909002' },
        { name: 'site', value: '' },
      ],
      ownerFields: [],
    });
  });

  it('lists every problem at once, each with where it is', () => {
    let error: unknown;
    try {
      buildTemplatePayload({
        ...base,
        templateId: 'nope',
        workflows: [{ ...base.workflows[0]!, contact: '021', nationalCode: '1111111111' }],
        documentFields: [
          { name: 'email', type: 'EMAIL', value: 'not-an-email' },
          { name: 'en', type: '_REQUIRED_ENGLISH_TEXT', value: 'متن' },
          { name: 'fa', type: '_REQUIRED_PERSIAN_TEXT', value: 'text' },
          { name: 'count', type: '_REQUIRED_NUMBER', value: '' },
          { name: 'weird', type: '_REQUIRED_COLOUR' as never, value: 'x' },
        ],
      });
    } catch (caught) {
      error = caught;
    }
    assert.ok(error instanceof TemplatePayloadError);
    assert.deepEqual(
      error.problems.map((problem) => `${problem.path} ${problem.error}`),
      [
        'templateId invalid',
        'workflows[0].contact invalid',
        'workflows[0].nationalCode invalid',
        'documentFields[email] invalid',
        'documentFields[en] invalid',
        'documentFields[fa] invalid',
        'documentFields[count] required',
        'documentFields[weird] invalid',
      ],
    );
  });
});
