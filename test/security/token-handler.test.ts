/**
 * The token handler and the verifier, attacked: each threat of the security review gets a case
 * that proves the refusal and that nothing reached Emzano (the emulator's request log). Every
 * case runs on unstorage's memory driver and on a real Redis, where "two instances" are two
 * unstorage instances with their own connections to one server.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { Storage } from 'unstorage';
import { createKycVerifier, createTokenHandler } from '../../src/server/index.js';
import { emulatorForSuite } from '../helpers/emulator-suite.js';
import { storeKinds } from '../helpers/stores.js';

const API_KEY = 'abuse-suite-api-key';
const PERSON = { phoneNumber: '09121234567', nationalCode: '0499370899' };
const HOUR = 3600 * 1000;

interface Grant {
  userId: string;
  accessToken: string;
  refreshToken: string;
}

describe('abuse: token handler and verifier', () => {
  const emzano = emulatorForSuite(API_KEY);
  let clock = Date.now();
  const kinds = storeKinds();
  beforeEach(() => {
    clock = Date.now();
  });

  /** One instance of the host's token endpoint; its signed-in user is the `x-user` header. */
  const instance = (storage: Storage) =>
    createTokenHandler({
      apiKey: API_KEY,
      baseUrl: emzano().url,
      storage,
      now: () => clock,
      authorize: (request) => {
        const user = request.headers.get('x-user');
        return user ? { subject: user } : false;
      },
    });
  type Handler = ReturnType<typeof instance>;
  const call = (handler: Handler, user: string | undefined, body: unknown) =>
    handler(
      new Request('http://host.example/api/emzano/token', {
        method: 'POST',
        headers: user ? { 'x-user': user } : {},
        body: JSON.stringify(body),
      }),
    );
  const grantOf = async (response: Response): Promise<Grant> => {
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as Grant;
  };
  const upstream = () =>
    emzano()
      .emulator.requests()
      .map((request) => request.path);
  const tokenCalls = () => upstream().filter((path) => path.endsWith('/token'));

  for (const kind of kinds) {
    describe(`on ${kind.name}`, () => {
      it('refuses a visitor the host does not vouch for before Emzano hears of it: no enumeration of mobile and national code', async () => {
        const [storage] = kind.storages();
        const handler = instance(storage!);
        emzano().emulator.seedUser({ ...PERSON, infoInquiry: true, faceRecognition: true, signature: false });
        const known = await call(handler, undefined, PERSON);
        const unknown = await call(handler, undefined, { phoneNumber: '09351234567', nationalCode: '0070947120' });
        assert.equal(known.status, 403);
        assert.equal(unknown.status, 403);
        assert.deepEqual(await known.json(), await unknown.json(), 'the same answer for a pair that exists and one that does not');
        assert.equal((await call(handler, undefined, { userId: '1' })).status, 403);
        assert.deepEqual(upstream(), [], 'nothing reached Emzano');
      });

      it("gives no token for another host user's Emzano user: enrolment by mobile and national code, minting by userId", async () => {
        const [storage] = kind.storages();
        const handler = instance(storage!);
        const alice = await grantOf(await call(handler, 'alice', PERSON));
        const before = tokenCalls().length;

        const taken = await call(handler, 'mallory', PERSON);
        assert.equal(taken.status, 403);
        const body = (await taken.json()) as Record<string, unknown>;
        assert.deepEqual(body, {
          code: 1,
          reason: 'identity-taken',
          message: 'This identity is already linked to another account on this site.',
        });
        assert.ok(!JSON.stringify(body).includes(alice.userId), 'whose it is stays unsaid');

        const minted = await call(handler, 'mallory', { userId: alice.userId });
        assert.equal(minted.status, 403);
        assert.equal(((await minted.json()) as { reason: string }).reason, 'not-allowed');
        assert.equal((await call(handler, 'mallory', { userId: 'never-enrolled' })).status, 403, 'unknown or taken: one answer');
        assert.equal(tokenCalls().length, before, 'no user token was minted for mallory');
        assert.equal((await call(handler, 'alice', { userId: alice.userId })).status, 200, 'alice still may');
      });

      it('ends a refresh family whose spent token comes back, and one presented by another host user', async () => {
        const [storage] = kind.storages();
        const handler = instance(storage!);
        const first = await grantOf(await call(handler, 'alice', PERSON));
        const second = await grantOf(await call(handler, 'alice', { userId: first.userId, refreshToken: first.refreshToken }));
        const before = tokenCalls().length;

        const reused = await call(handler, 'alice', { userId: first.userId, refreshToken: first.refreshToken });
        assert.equal(reused.status, 401);
        assert.equal(((await reused.json()) as { reason: string }).reason, 'refresh-reused');
        const afterTheft = await call(handler, 'alice', { userId: first.userId, refreshToken: second.refreshToken });
        assert.equal(afterTheft.status, 401, 'the newest token of the family is dead too');
        assert.equal(tokenCalls().length, before, 'nothing minted for a refused refresh');

        // The honest person recovers through the host, never through a spent token.
        const recovered = await grantOf(await call(handler, 'alice', { userId: first.userId }));
        const stolen = await call(handler, 'mallory', { userId: first.userId, refreshToken: recovered.refreshToken });
        assert.equal(stolen.status, 401);
        assert.equal(
          (await call(handler, 'alice', { userId: first.userId, refreshToken: recovered.refreshToken })).status,
          401,
          'a token shown by another user ends its family',
        );
      });

      it('ends every refresh chain 24 hours after the enrolment, however often it was refreshed', async () => {
        const [storage] = kind.storages();
        const handler = instance(storage!);
        let grant = await grantOf(await call(handler, 'alice', PERSON));
        for (let elapsed = 0; elapsed + 0.9 * HOUR < 24 * HOUR; elapsed += 0.9 * HOUR) {
          clock += 0.9 * HOUR;
          grant = await grantOf(await call(handler, 'alice', { userId: grant.userId, refreshToken: grant.refreshToken }));
        }
        clock += 0.9 * HOUR;
        const capped = await call(handler, 'alice', { userId: grant.userId, refreshToken: grant.refreshToken });
        assert.equal(capped.status, 401);
        assert.equal(((await capped.json()) as { reason: string }).reason, 'refresh-invalid');
      });

      it('behaves as one across two instances on one store: bindings, rotation and a race for one token', async () => {
        const [one, two] = kind.storages(2);
        const a = instance(one!);
        const b = instance(two!);
        const alice = await grantOf(await call(a, 'alice', PERSON));
        assert.equal((await call(b, 'mallory', PERSON)).status, 403, 'the binding made at one instance holds at the other');
        const minted = await grantOf(await call(b, 'alice', { userId: alice.userId }));

        const rotated = await grantOf(await call(a, 'alice', { userId: alice.userId, refreshToken: alice.refreshToken }));
        assert.equal(
          (await call(b, 'alice', { userId: alice.userId, refreshToken: alice.refreshToken })).status,
          401,
          'spent at one, refused at the other',
        );
        assert.equal(
          (await call(b, 'alice', { userId: alice.userId, refreshToken: rotated.refreshToken })).status,
          401,
          'and its family with it',
        );

        const raced = await Promise.all([
          call(a, 'alice', { userId: alice.userId, refreshToken: minted.refreshToken }),
          call(b, 'alice', { userId: alice.userId, refreshToken: minted.refreshToken }),
        ]);
        assert.deepEqual(raced.map((response) => response.status).sort(), [200, 401], 'one token, one renewal');
      });

      it('lets exactly one of two host users racing to enrol the same person have them', async () => {
        const [one, two] = kind.storages(2);
        const raced = await Promise.all([call(instance(one!), 'alice', PERSON), call(instance(two!), 'mallory', PERSON)]);
        assert.deepEqual(raced.map((response) => response.status).sort(), [200, 403]);
      });

      it("verifies the host's user, never a browser's claim, and asks Emzano nothing for a user who never enrolled", async () => {
        const [storage] = kind.storages();
        const handler = instance(storage!);
        const verifyKyc = createKycVerifier({ apiKey: API_KEY, baseUrl: emzano().url, storage: storage! });
        emzano().emulator.seedUser({ ...PERSON, infoInquiry: true, faceRecognition: true, signature: false });
        await grantOf(await call(handler, 'alice', PERSON));
        const calls = upstream().length;
        assert.deepEqual(await verifyKyc({ subject: 'mallory' }), {
          verified: false,
          progress: { infoInquiry: false, faceRecognition: false, signature: false },
        });
        assert.equal(upstream().length, calls, 'nobody enrolled at Emzano for mallory');
        assert.equal((await verifyKyc({ subject: 'alice' })).verified, true);
      });
    });
  }
});
