import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startEmulatorServer, type RunningEmulator } from '../../demo/emulator/server.js';
import { createStorage } from 'unstorage';
import { authorizeAnyone, createKycVerifier, createTokenHandler, toExpiresAt, type TokenHandlerEvent } from '../../src/server/index.js';
import { toNodeListener } from '../../src/server/node.js';

const API_KEY = 'secret-key-that-must-stay-on-the-server';
const PERSON = { phoneNumber: '+98 912 123 4567', nationalCode: '۰۴۹۹۳۷۰۸۹۹' };
/** The host's signed-in user in these tests; test/security/ tries the others. */
const authorize = authorizeAnyone('host-user-1');

describe('createTokenHandler against the emulator over HTTP', () => {
  let emzano: RunningEmulator;
  let host: Server;
  let endpoint: string;
  let events: TokenHandlerEvent[];
  let clock = Date.now();

  before(async () => {
    emzano = await startEmulatorServer({ apiKey: API_KEY });
    const handler = createTokenHandler({
      apiKey: API_KEY,
      baseUrl: emzano.url,
      authorize,
      storage: createStorage(),
      onEvent: (event) => events.push(event),
      now: () => clock,
    });
    host = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(host.address() as AddressInfo).port}/api/emzano/token`;
  });
  after(async () => {
    host.closeAllConnections();
    host.close();
    await emzano.close();
  });
  beforeEach(() => {
    emzano.emulator.reset();
    events = [];
    clock = Date.now();
  });

  const post = (body: unknown) =>
    fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('enrols with the API key, mints a user token and answers the documented shape', async () => {
    const response = await post(PERSON);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['accessToken', 'expiresAt', 'progress', 'refreshToken', 'userId']);
    assert.deepEqual(body['progress'], { infoInquiry: false, faceRecognition: false, signature: false });
    assert.ok(Math.abs(Number(body['expiresAt']) - (Date.now() / 1000 + 600)) < 5, 'expiresAt is Unix seconds');

    const [enrol, token] = emzano.emulator.requests();
    assert.equal(enrol?.path, '/api/v1/external/kyc/enroll');
    assert.equal(enrol?.authorization, API_KEY, 'raw key, no scheme');
    assert.deepEqual(enrol?.json, { PhoneNumber: '09121234567', NationalCode: '0499370899' }, 'normalised, PascalCase');
    assert.equal(token?.path, `/api/v1/external/user/${String(body['userId'])}/token`);
    assert.deepEqual(events, [{ type: 'enrolled', status: 200, userId: body['userId'] }]);
  });

  it('passes on progress Emzano already has', async () => {
    emzano.emulator.seedUser({
      phoneNumber: '09121234567',
      nationalCode: '0499370899',
      infoInquiry: true,
      faceRecognition: true,
      signature: false,
    });
    const body = (await (await post(PERSON)).json()) as { progress: unknown };
    assert.deepEqual(body.progress, { infoInquiry: true, faceRecognition: true, signature: false });
  });

  it('renews with a refresh token once, answering the next one, and refuses unknown or expired ones', async () => {
    const first = (await (await post(PERSON)).json()) as { userId: string; refreshToken: string; accessToken: string };
    assert.match(first.refreshToken, /^[A-Za-z0-9_-]{43}$/, 'opaque: 32 random bytes');
    const renewed = await post({ userId: first.userId, refreshToken: first.refreshToken });
    assert.equal(renewed.status, 200);
    const second = (await renewed.json()) as { accessToken: string; userId: string; refreshToken: string };
    assert.equal(second.userId, first.userId);
    assert.notEqual(second.accessToken, first.accessToken);
    assert.notEqual(second.refreshToken, first.refreshToken, 'rotated');

    const unknown = await post({ userId: first.userId, refreshToken: 'A'.repeat(43) });
    assert.equal(unknown.status, 401);
    assert.deepEqual(await unknown.json(), { code: 1, reason: 'refresh-invalid', message: 'The refresh token is invalid or has expired.' });
    clock += 2 * 3600 * 1000;
    assert.equal((await post({ userId: first.userId, refreshToken: second.refreshToken })).status, 401, 'unused for over an hour');
  });

  it('rejects bad input before calling Emzano', async () => {
    const response = await post({ phoneNumber: '0912', nationalCode: '0499370899' });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      code: 1,
      reason: 'bad-request',
      message: '`phoneNumber` is not valid (phone-invalid).',
      field: 'phoneNumber',
    });
    assert.equal((await post({ phoneNumber: '09121234567', nationalCode: '0499370898' })).status, 400);
    assert.equal((await fetch(endpoint, { method: 'POST', body: 'not json' })).status, 400);
    assert.equal((await fetch(endpoint)).status, 405);
    assert.equal(emzano.emulator.requests().length, 0);
  });

  it("maps Emzano's errors to JSON with Emzano's code", async () => {
    emzano.emulator.seedUser({
      phoneNumber: '09350000000',
      nationalCode: '0499370899',
      infoInquiry: false,
      faceRecognition: false,
      signature: false,
    });
    const taken = await post(PERSON);
    assert.equal(taken.status, 422);
    const takenBody = (await taken.json()) as { code: number; reason: string; message: unknown };
    assert.deepEqual([takenBody.code, takenBody.reason, typeof takenBody.message], [1001, 'emzano-refused', 'string']);

    emzano.emulator.faults.set([{ kind: 'error', code: 2, times: 1 }]);
    events.length = 0;
    const down = await post({ ...PERSON, nationalCode: '0070947120' });
    assert.deepEqual(events, [{ type: 'upstream-error', status: 502, code: 2 }], 'one event for the request');
    assert.equal(down.status, 502);
    assert.deepEqual((({ code, reason }) => ({ code, reason }))((await down.json()) as { code: number; reason: string }), {
      code: 2,
      reason: 'emzano-unavailable',
    });

    emzano.emulator.faults.set([{ kind: 'drop', times: 1 }]);
    const dropped = await post({ ...PERSON, nationalCode: '0070947120' });
    assert.equal(dropped.status, 502);
    assert.deepEqual(await dropped.json(), { code: 2, reason: 'emzano-unavailable', message: 'The connection to Emzano broke off.' });
  });

  it('never puts the API key in a response or an event', async () => {
    const bodies: string[] = [];
    for (const body of [PERSON, { phoneNumber: 'x' }, { userId: 'u', refreshToken: 'r' }]) bodies.push(await (await post(body)).text());
    emzano.emulator.faults.set([{ kind: 'error', code: 2 }]);
    bodies.push(await (await post(PERSON)).text());
    for (const text of [...bodies, JSON.stringify(events)]) assert.ok(!text.includes(API_KEY), text);
  });

  it('asks the host on every request, with the action, and sends its own refusal as it is', async () => {
    const asked: unknown[] = [];
    const handler = createTokenHandler({
      apiKey: API_KEY,
      baseUrl: emzano.url,
      storage: createStorage(),
      authorize: (request, action) => {
        asked.push(action);
        if (request.headers.get('x-session') === 'teapot') return new Response('no', { status: 418 });
        return request.headers.get('x-session') === 'ok' ? { subject: 'host-user-1' } : false;
      },
    });
    const request = (session: string, body: unknown) =>
      handler(new Request('http://host/token', { method: 'POST', headers: { 'x-session': session }, body: JSON.stringify(body) }));
    const refused = await request('no', PERSON);
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), { code: 1, reason: 'not-allowed', message: 'Not allowed.' });
    assert.equal((await request('teapot', PERSON)).status, 418);
    const enrolled = (await (await request('ok', PERSON)).json()) as { userId: string; refreshToken: string };
    assert.equal((await request('ok', { userId: enrolled.userId })).status, 200);
    assert.equal((await request('ok', { userId: enrolled.userId, refreshToken: enrolled.refreshToken })).status, 200);
    assert.deepEqual(asked, [
      { action: 'enrol' },
      { action: 'enrol' },
      { action: 'enrol' },
      { action: 'mint', userId: enrolled.userId },
      { action: 'refresh', userId: enrolled.userId },
    ]);
  });

  it('mints a token for a userId the same host user enrolled', async () => {
    const first = (await (await post(PERSON)).json()) as { userId: string };
    const response = await post({ userId: first.userId });
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body['userId'], first.userId);
    assert.match(String(body['accessToken']), /^emu_at_/);
    assert.equal(events.at(-1)?.type, 'minted');
  });

  it('refuses cross-site callers, unlisted origins, oversized bodies and rate-limited callers', async () => {
    const request = (headers: Record<string, string>, body = JSON.stringify(PERSON)) =>
      new Request('http://host/token', { method: 'POST', headers, body });
    const defaults = createTokenHandler({ apiKey: API_KEY, baseUrl: emzano.url, authorize });
    assert.equal((await defaults(request({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }))).status, 403);
    assert.equal((await defaults(request({ 'sec-fetch-site': 'same-origin', origin: 'http://host' }))).status, 200);

    const listed = createTokenHandler({ apiKey: API_KEY, baseUrl: emzano.url, authorize, allowedOrigins: ['https://shop.example'] });
    assert.equal((await listed(request({ origin: 'https://other.example' }))).status, 403);
    assert.equal((await listed(request({ origin: 'https://shop.example' }))).status, 200);

    const huge = await defaults(request({}, JSON.stringify({ ...PERSON, padding: 'x'.repeat(10_000) })));
    assert.equal(huge.status, 413);

    let calls = 0;
    const limited = createTokenHandler({ apiKey: API_KEY, baseUrl: emzano.url, authorize, rateLimit: () => ++calls <= 1 });
    assert.equal((await limited(request({}))).status, 200);
    const refused = await limited(request({}));
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '30');
  });

  it("answers an internal failure 500 internal, never a stack trace, and hands the error to the host's onError", async () => {
    const seen: Array<{ error: unknown; route: string }> = [];
    const handler = createTokenHandler({
      apiKey: API_KEY,
      baseUrl: emzano.url,
      authorize: () => {
        throw new Error(`secret detail ${API_KEY}`);
      },
      onError: (error, { route }) => seen.push({ error, route }),
    });
    const response = await handler(new Request('http://host/token', { method: 'POST', body: JSON.stringify(PERSON) }));
    assert.equal(response.status, 500);
    const text = await response.text();
    assert.deepEqual(JSON.parse(text), { reason: 'internal', message: 'Something went wrong on the server. Please try again.' });
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.route, 'token');
    assert.ok(!text.includes('secret') && !text.includes('at '), text);
  });

  it("verifies the host's own user on the server, with the API key, instead of trusting the browser", async () => {
    const storage = createStorage();
    const handler = createTokenHandler({ apiKey: API_KEY, baseUrl: emzano.url, authorize, storage });
    const verifyKyc = createKycVerifier({ apiKey: API_KEY, baseUrl: emzano.url, storage });
    const person = emzano.emulator.seedUser({
      phoneNumber: '09121234567',
      nationalCode: '0499370899',
      infoInquiry: true,
      faceRecognition: false,
      signature: false,
    });
    await handler(new Request('http://host/token', { method: 'POST', body: JSON.stringify(PERSON) }));
    assert.deepEqual(await verifyKyc({ subject: 'host-user-1' }), {
      verified: false,
      userId: person.userId,
      identity: { phoneNumber: '09121234567', nationalCode: '0499370899' },
      progress: { infoInquiry: true, faceRecognition: false, signature: false },
    });
    person.faceRecognition = true;
    assert.equal((await verifyKyc({ subject: 'host-user-1' })).verified, true);
    assert.equal((await verifyKyc({ subject: 'host-user-1', requireSignature: true })).verified, false);
    await assert.rejects(verifyKyc({} as never), /subject/);
  });

  it('requires an API key and an authorize hook', () => {
    assert.throws(() => createTokenHandler({ apiKey: '', authorize }), /apiKey/);
    assert.throws(() => createTokenHandler({ apiKey: API_KEY } as never), /`authorize` is required/);
    assert.throws(
      () => createTokenHandler({ apiKey: API_KEY, authorize, storage: {} as never }),
      /`storage` must be an unstorage instance/,
    );
  });
});

describe('toExpiresAt', () => {
  it('reads ExpiresIn as Unix seconds, milliseconds or a lifetime', () => {
    assert.equal(toExpiresAt(1_800_000_000, 'auto', 100), 1_800_000_000);
    assert.equal(toExpiresAt(1_800_000_000_000, 'auto', 100), 1_800_000_000);
    assert.equal(toExpiresAt(600, 'auto', 100), 700);
    assert.equal(toExpiresAt(600, 'unix-seconds', 100), 600);
    assert.equal(toExpiresAt(600, 'lifetime-seconds', 100), 700);
    assert.equal(toExpiresAt(5000, 'unix-milliseconds', 100), 5);
  });
});
