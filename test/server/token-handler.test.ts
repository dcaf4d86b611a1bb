import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startEmulatorServer, type RunningEmulator } from '../../demo/emulator/server.js';
import { createKycVerifier, createTokenHandler, toExpiresAt, type TokenHandlerEvent } from '../../src/server/index.js';
import { toNodeListener } from '../../src/server/node.js';

const API_KEY = 'secret-key-that-must-stay-on-the-server';
const PERSON = { phoneNumber: '+98 912 123 4567', nationalCode: '۰۴۹۹۳۷۰۸۹۹' };

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

  it('renews with a refresh token it signed, and refuses forged, foreign or expired ones', async () => {
    const first = (await (await post(PERSON)).json()) as { userId: string; refreshToken: string; accessToken: string };
    const renewed = await post({ userId: first.userId, refreshToken: first.refreshToken });
    assert.equal(renewed.status, 200);
    const second = (await renewed.json()) as { accessToken: string; userId: string };
    assert.equal(second.userId, first.userId);
    assert.notEqual(second.accessToken, first.accessToken);

    // Change one signature character in the middle (the last one carries unused padding bits).
    const at = first.refreshToken.length - 10;
    const swapped = first.refreshToken[at] === 'A' ? 'B' : 'A';
    const forged = first.refreshToken.slice(0, at) + swapped + first.refreshToken.slice(at + 1);
    assert.equal((await post({ userId: first.userId, refreshToken: forged })).status, 401);
    assert.equal((await post({ userId: 'someone-else', refreshToken: first.refreshToken })).status, 401);
    clock += 2 * 3600 * 1000;
    assert.equal((await post({ userId: first.userId, refreshToken: first.refreshToken })).status, 401);
  });

  it('rejects bad input before calling Emzano', async () => {
    const response = await post({ phoneNumber: '0912', nationalCode: '0499370899' });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { code: 1, message: '`phoneNumber` is not valid (phone-invalid).', field: 'phoneNumber' });
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
    assert.equal(((await taken.json()) as { code: number }).code, 1001);

    emzano.emulator.faults.set([{ kind: 'error', code: 2, times: 1 }]);
    const down = await post({ ...PERSON, nationalCode: '0070947120' });
    assert.equal(down.status, 502);
    assert.equal(((await down.json()) as { code: number }).code, 2);

    emzano.emulator.faults.set([{ kind: 'drop', times: 1 }]);
    const dropped = await post({ ...PERSON, nationalCode: '0070947120' });
    assert.equal(dropped.status, 502);
    assert.deepEqual(await dropped.json(), { code: 2, message: 'The connection to Emzano broke off.' });
  });

  it('never puts the API key in a response or an event', async () => {
    const bodies: string[] = [];
    for (const body of [PERSON, { phoneNumber: 'x' }, { userId: 'u', refreshToken: 'r' }]) bodies.push(await (await post(body)).text());
    emzano.emulator.faults.set([{ kind: 'error', code: 2 }]);
    bodies.push(await (await post(PERSON)).text());
    for (const text of [...bodies, JSON.stringify(events)]) assert.ok(!text.includes(API_KEY), text);
  });

  it('lets the host refuse through authorize', async () => {
    const handler = createTokenHandler({
      apiKey: API_KEY,
      baseUrl: emzano.url,
      authorize: (request) => request.headers.get('x-session') === 'ok',
    });
    const request = (session: string) =>
      handler(new Request('http://host/token', { method: 'POST', headers: { 'x-session': session }, body: JSON.stringify(PERSON) }));
    assert.equal((await request('no')).status, 403);
    assert.equal((await request('ok')).status, 200);
  });

  it('mints a token for a known userId only when the host authorises it', async () => {
    const first = (await (await post(PERSON)).json()) as { userId: string };
    // The default handler has no authorize hook: minting is refused.
    const refused = await post({ userId: first.userId });
    assert.equal(refused.status, 403);
    const seen: unknown[] = [];
    const handler = createTokenHandler({
      apiKey: API_KEY,
      baseUrl: emzano.url,
      authorize: (_request, body) => {
        seen.push(body);
        return true;
      },
    });
    const response = await handler(new Request('http://host/token', { method: 'POST', body: JSON.stringify({ userId: first.userId }) }));
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body['userId'], first.userId);
    assert.match(String(body['accessToken']), /^emu_at_/);
    assert.deepEqual(seen, [{ userId: first.userId }]);
  });

  it('refuses cross-site callers, unlisted origins, oversized bodies and rate-limited callers', async () => {
    const request = (headers: Record<string, string>, body = JSON.stringify(PERSON)) =>
      new Request('http://host/token', { method: 'POST', headers, body });
    const defaults = createTokenHandler({ apiKey: API_KEY, baseUrl: emzano.url });
    assert.equal((await defaults(request({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }))).status, 403);
    assert.equal((await defaults(request({ 'sec-fetch-site': 'same-origin', origin: 'http://host' }))).status, 200);

    const listed = createTokenHandler({ apiKey: API_KEY, baseUrl: emzano.url, allowedOrigins: ['https://shop.example'] });
    assert.equal((await listed(request({ origin: 'https://other.example' }))).status, 403);
    assert.equal((await listed(request({ origin: 'https://shop.example' }))).status, 200);

    const huge = await defaults(request({}, JSON.stringify({ ...PERSON, padding: 'x'.repeat(10_000) })));
    assert.equal(huge.status, 413);

    let calls = 0;
    const limited = createTokenHandler({ apiKey: API_KEY, baseUrl: emzano.url, rateLimit: () => ++calls <= 1 });
    assert.equal((await limited(request({}))).status, 200);
    const refused = await limited(request({}));
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '30');
  });

  it('answers an internal failure with a code, never a stack trace', async () => {
    const handler = createTokenHandler({
      apiKey: API_KEY,
      baseUrl: emzano.url,
      authorize: () => {
        throw new Error(`secret detail ${API_KEY}`);
      },
    });
    const response = await handler(new Request('http://host/token', { method: 'POST', body: JSON.stringify(PERSON) }));
    assert.equal(response.status, 500);
    const text = await response.text();
    assert.deepEqual(JSON.parse(text), { code: 2, message: 'The token service failed. Please try again.' });
    assert.ok(!text.includes('secret') && !text.includes('at '), text);
  });

  it('verifies a KYC result on the server, with the API key, instead of trusting the browser', async () => {
    const verifyKyc = createKycVerifier({ apiKey: API_KEY, baseUrl: emzano.url });
    const person = emzano.emulator.seedUser({
      phoneNumber: '09121234567',
      nationalCode: '0499370899',
      infoInquiry: true,
      faceRecognition: false,
      signature: false,
    });
    assert.deepEqual(await verifyKyc({ phoneNumber: '09121234567', nationalCode: '0499370899' }), {
      verified: false,
      userId: person.userId,
      progress: { infoInquiry: true, faceRecognition: false, signature: false },
    });
    person.faceRecognition = true;
    assert.equal((await verifyKyc({ phoneNumber: '09121234567', nationalCode: '0499370899', userId: person.userId })).verified, true);
    assert.equal((await verifyKyc({ phoneNumber: '09121234567', nationalCode: '0499370899', userId: 'forged' })).verified, false);
    assert.equal((await verifyKyc({ phoneNumber: '09121234567', nationalCode: '0499370899', requireSignature: true })).verified, false);
  });

  it('requires an API key', () => {
    assert.throws(() => createTokenHandler({ apiKey: '' }), /apiKey/);
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
