import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpClient } from '../../../src/api/http.js';
import { TokenSession } from '../../../src/api/session.js';
import { EmzanoError } from '../../../src/core/errors.js';

const grant = (accessToken: string, expiresAt: number) => ({
  userId: 'u1',
  accessToken,
  refreshToken: 'r1',
  expiresAt,
  progress: { infoInquiry: true, faceRecognition: false, signature: false },
});

function endpoint(answers: Array<{ status: number; body: unknown }>) {
  const bodies: unknown[] = [];
  const urls: string[] = [];
  const fetchImpl = (async (url: unknown, init?: RequestInit) => {
    urls.push(String(url));
    bodies.push(JSON.parse(String(init?.body)));
    const next = answers.shift()!;
    return new Response(JSON.stringify(next.body), { status: next.status });
  }) as typeof fetch;
  return { http: new HttpClient({ fetch: fetchImpl, retryDelayMs: 1 }), bodies, urls };
}

describe('TokenSession', () => {
  it('enrols with {phoneNumber, nationalCode} and keeps the grant in memory', async () => {
    const { http, bodies } = endpoint([{ status: 200, body: grant('a1', 2000) }]);
    const session = new TokenSession('/token', http, () => 1_000_000);
    const result = await session.enrol({ phoneNumber: '09121234567', nationalCode: '0499370899' });
    assert.equal(result.progress.infoInquiry, true);
    assert.deepEqual(bodies, [{ phoneNumber: '09121234567', nationalCode: '0499370899' }]);
    assert.equal(await session.accessToken(), 'a1');
  });

  it('refreshes ahead of expiry with {userId, refreshToken}, sharing one request', async () => {
    const { http, bodies } = endpoint([
      { status: 200, body: grant('a1', 1010) },
      { status: 200, body: grant('a2', 5000) },
    ]);
    const session = new TokenSession('/token', http, () => 1_000_000);
    await session.enrol({ phoneNumber: '09121234567', nationalCode: '0499370899' });
    const tokens = await Promise.all([session.accessToken(), session.accessToken()]);
    assert.deepEqual(tokens, ['a2', 'a2']);
    assert.deepEqual(bodies[1], { userId: 'u1', refreshToken: 'r1' });
    assert.equal(bodies.length, 2);
  });

  it("on a phone, renews by the handoff's key, saying when Emzano refused a token that had not run out", async () => {
    const redeemed = {
      ...grant('a1', 5000),
      refreshToken: '',
      handoff: { id: 'h-12345678', key: 'k'.repeat(32), status: { id: 'h-12345678', state: 'connected', progress: {}, version: 2 } },
    };
    const { http, bodies, urls } = endpoint([
      { status: 200, body: redeemed },
      { status: 200, body: grant('a2', 1010) },
      { status: 200, body: grant('a3', 5000) },
    ]);
    const session = new TokenSession('/token', http, () => 1_000_000);
    await session.redeem('c'.repeat(32), '/handoff');
    // Emzano answered 401 to a1, which had over an hour left: the host is told it was refused.
    await session.refresh();
    assert.deepEqual(bodies[1], { handoff: 'session', id: 'h-12345678', key: 'k'.repeat(32), refused: true });
    // a2 has 10 s left: an ordinary renewal.
    assert.equal(await session.accessToken(), 'a3');
    assert.deepEqual(bodies[2], { handoff: 'session', id: 'h-12345678', key: 'k'.repeat(32) });
    // The handoff's session is the handoff endpoint's, never the token endpoint's.
    assert.deepEqual(urls, ['/handoff', '/handoff', '/handoff']);
  });

  it('ends the session when the host refuses the refresh token and a new token for the user', async () => {
    const { http, bodies } = endpoint([
      { status: 200, body: grant('a1', 5000) },
      { status: 401, body: { code: 1, reason: 'refresh-invalid', message: 'expired' } },
      { status: 403, body: { code: 1, reason: 'not-allowed', message: 'Not allowed.' } },
    ]);
    const session = new TokenSession('/token', http, () => 1_000_000);
    await session.enrol({ phoneNumber: '09121234567', nationalCode: '0499370899' });
    await assert.rejects(session.refresh(), (error: EmzanoError) => error.code === 'session-expired');
    assert.equal(session.grant, undefined);
    assert.deepEqual(bodies.slice(1), [{ userId: 'u1', refreshToken: 'r1' }, { userId: 'u1' }]);
  });

  it('recovers a refresh whose answer was lost through the host (a new token for the same user), never a spent token', async () => {
    const { http, bodies } = endpoint([
      { status: 200, body: grant('a1', 5000) },
      { status: 401, body: { code: 1, reason: 'refresh-reused', message: 'used before' } },
      { status: 200, body: { ...grant('a3', 9000), refreshToken: 'r3' } },
      { status: 200, body: { ...grant('a4', 9000), refreshToken: 'r4' } },
    ]);
    const session = new TokenSession('/token', http, () => 1_000_000);
    await session.enrol({ phoneNumber: '09121234567', nationalCode: '0499370899' });
    await session.refresh();
    assert.equal(await session.accessToken(), 'a3');
    assert.deepEqual(bodies.slice(1), [{ userId: 'u1', refreshToken: 'r1' }, { userId: 'u1' }]);
    await session.refresh();
    assert.deepEqual(bodies.at(-1), { userId: 'u1', refreshToken: 'r3' }, 'the new family from then on');
  });

  it('asks for one token when several requests need one after a reload', async () => {
    const { http, bodies } = endpoint([{ status: 200, body: grant('minted', 5000) }]);
    const session = new TokenSession('/token', http, () => 1_000_000);
    session.resume('u1');
    assert.deepEqual(await Promise.all([session.accessToken(), session.accessToken(), session.accessToken()]), [
      'minted',
      'minted',
      'minted',
    ]);
    assert.deepEqual(bodies, [{ userId: 'u1' }]);
  });

  for (const [reason, code] of [
    ['not-allowed', 'not-allowed'],
    ['identity-taken', 'identity-taken'],
  ] as const) {
    it(`takes the host's ${reason} refusal as final: one request, not retried, a message of its own`, async () => {
      const { http, bodies } = endpoint([{ status: 403, body: { code: 1, reason, message: 'refused' } }]);
      const session = new TokenSession('/token', http);
      await assert.rejects(
        session.enrol({ phoneNumber: '09121234567', nationalCode: '0499370899' }),
        (error: EmzanoError) => error.code === code && error.retryable === false,
      );
      assert.equal(bodies.length, 1);
    });
  }

  it('adopts a session handed over by another element, and starts one for a known user', async () => {
    const { http, bodies } = endpoint([{ status: 200, body: grant('minted', 5000) }]);
    const session = new TokenSession('/token', http, () => 1_000_000);
    session.adopt({ userId: 'u1', accessToken: 'handed', refreshToken: 'r', expiresAt: 5000 });
    assert.equal(await session.accessToken(), 'handed');
    assert.deepEqual(session.session, { userId: 'u1', accessToken: 'handed', expiresAt: 5000 }, 'never the refresh token');
    await session.start('u1');
    assert.deepEqual(bodies, [{ userId: 'u1' }]);
    assert.equal(await session.accessToken(), 'minted');
  });

  it('cannot renew a handed-over session without an endpoint, and says the session ended', async () => {
    const { http } = endpoint([]);
    const session = new TokenSession('', http, () => 1_000_000);
    session.adopt({ userId: 'u1', accessToken: 'a', refreshToken: 'r', expiresAt: 5000 });
    await assert.rejects(session.refresh(), (error: EmzanoError) => error.code === 'session-expired');
  });

  it('reports a missing or broken endpoint as the host’s problem', async () => {
    const { http } = endpoint([{ status: 404, body: 'not found' }]);
    const session = new TokenSession('/token', http);
    await assert.rejects(
      session.enrol({ phoneNumber: '09121234567', nationalCode: '0499370899' }),
      (error: EmzanoError) => error.code === 'token-endpoint',
    );
  });
});
