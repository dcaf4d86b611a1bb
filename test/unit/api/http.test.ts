import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpClient, errorFromBody, unwrapEnvelope, type AuthProvider } from '../../../src/api/http.js';
import { EmzanoError } from '../../../src/core/errors.js';

type Call = { url: string; init: RequestInit };

/** A fetch that answers from a script and records what it was asked. */
function scriptedFetch(answers: Array<Response | Error>): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = answers.shift();
    if (!next) throw new Error('no scripted answer left');
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;
  return { fetch: fetchImpl, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('HttpClient', () => {
  it('sends JSON and returns the parsed body', async () => {
    const { fetch, calls } = scriptedFetch([json({ IsSuccess: true, Data: { A: 1 } })]);
    const body = await new HttpClient({ fetch }).send({ method: 'POST', url: 'https://x/a', json: { b: 2 } });
    assert.deepEqual(unwrapEnvelope(body), { A: 1 });
    assert.equal(calls[0]?.init.body, '{"b":2}');
    assert.equal(new Headers(calls[0]?.init.headers).get('content-type'), 'application/json');
    assert.equal(calls[0]?.init.credentials, 'omit');
  });

  it('reads a refusal of the body size (413, no JSON) as too-large, not as a connection problem', async () => {
    const { fetch } = scriptedFetch([new Response('Payload Too Large', { status: 413 })]);
    await assert.rejects(new HttpClient({ fetch }).send({ method: 'POST', url: 'https://x/a', json: {} }), (error: EmzanoError) => {
      assert.equal(error.code, 'too-large');
      assert.equal(error.retryable, false);
      return true;
    });
  });

  it("turns Emzano's documented error body into an EmzanoError with the code", async () => {
    const { fetch } = scriptedFetch([json({ code: 1009, message: 'خطاهای استعلام ثبت احوال' }, 500)]);
    await assert.rejects(new HttpClient({ fetch }).send({ method: 'GET', url: 'https://x/a' }), (error: EmzanoError) => {
      assert.equal(error.code, 1009);
      assert.equal(error.status, 500);
      assert.equal(error.retryable, false);
      return true;
    });
  });

  it('retries an idempotent request on a retryable failure, with back-off, at most three tries', async () => {
    const { fetch, calls } = scriptedFetch([
      new TypeError('Failed to fetch'),
      json({ code: 2, message: 'down' }, 500),
      json({ code: 2 }, 500),
    ]);
    const client = new HttpClient({ fetch, retryDelayMs: 1 });
    await assert.rejects(client.send({ method: 'GET', url: 'https://x/a', idempotent: true }), (error: EmzanoError) => error.code === 2);
    assert.equal(calls.length, 3);
  });

  it('never retries a request that is not idempotent, nor a 4xx or a business error', async () => {
    const first = scriptedFetch([new TypeError('Failed to fetch')]);
    await assert.rejects(new HttpClient({ fetch: first.fetch, retryDelayMs: 1 }).send({ method: 'POST', url: 'https://x/a' }));
    assert.equal(first.calls.length, 1);
    const second = scriptedFetch([json({ code: 1001 }, 500)]);
    await assert.rejects(
      new HttpClient({ fetch: second.fetch, retryDelayMs: 1 }).send({ method: 'GET', url: 'https://x', idempotent: true }),
    );
    assert.equal(second.calls.length, 1);
  });

  it('refreshes the token once on 401 and replays with the new one', async () => {
    const { fetch, calls } = scriptedFetch([json({}, 401), json({ IsSuccess: true })]);
    let token = 'old';
    let refreshes = 0;
    const auth: AuthProvider = {
      accessToken: async () => token,
      refresh: async () => {
        refreshes++;
        token = 'new';
      },
    };
    await new HttpClient({ fetch }).send({ method: 'GET', url: 'https://x/a', auth });
    assert.equal(refreshes, 1);
    assert.deepEqual(
      calls.map((call) => new Headers(call.init.headers).get('authorization')),
      ['Bearer old', 'Bearer new'],
    );
  });

  it('gives up after one refresh when the replay is rejected too', async () => {
    const { fetch, calls } = scriptedFetch([json({}, 401), json({}, 401)]);
    const auth: AuthProvider = { accessToken: async () => 't', refresh: async () => undefined };
    await assert.rejects(
      new HttpClient({ fetch }).send({ method: 'GET', url: 'https://x', auth }),
      (error: EmzanoError) => error.status === 401,
    );
    assert.equal(calls.length, 2);
  });

  it('times out', async () => {
    const never = (async (_url: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as typeof fetch;
    // Node unrefs AbortSignal.timeout's timer; keep the loop alive while we wait for it.
    const keepAlive = setInterval(() => undefined, 1000);
    try {
      await assert.rejects(
        new HttpClient({ fetch: never, timeoutMs: 20 }).send({ method: 'GET', url: 'https://x' }),
        (error: EmzanoError) => error.code === 'timeout',
      );
    } finally {
      clearInterval(keepAlive);
    }
  });

  it('reads an envelope that reports failure with a 200', () => {
    assert.throws(
      () => unwrapEnvelope({ IsSuccess: false, Code: '2014', Message: 'x' }),
      (error: EmzanoError) => error.code === 2014,
    );
    assert.equal(errorFromBody(503, '<html>').code, 2);
  });
});
