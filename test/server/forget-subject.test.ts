/**
 * `forgetSubject`: a person who used every part of the kit (enrolment, a handoff, a certificate, a
 * CLM contract, a Dipar verification, a remote verification) is forgotten, on memory and on a real
 * Redis: what they held works no more, and nothing in the store speaks of them afterwards, while
 * another person's state is untouched. The mobile number and national code kept for the verifier
 * expire on their own after the retention.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Storage } from 'unstorage';
import { CLM_CREDENTIALS } from '../../demo/emulator/clm.js';
import { DiparEmulator } from '../../demo/emulator/dipar/dipar-emulator.js';
import {
  startRaEmulatorServer,
  startVideoIdEmulatorServer,
  type RunningRaEmulator,
  type RunningVideoIdEmulator,
} from '../../demo/emulator/server.js';
import { subjectKey } from '../../src/server/authorize.js';
import {
  createClmHandler,
  createDiparHandler,
  createKycVerifier,
  createHandoffHandler,
  createTokenHandler,
  forgetSubject,
  type HandoffTicket,
} from '../../src/server/index.js';
import { CONTRACT } from '../helpers/clm-bodies.js';
import { emulatorForSuite } from '../helpers/emulator-suite.js';
import { csrFor, SARA, testCertificateHandler } from '../helpers/ra-people.js';
import { startRemoteHost, type RemoteHost } from '../helpers/remote-verification.js';
import { storeKinds } from '../helpers/stores.js';

const API_KEY = 'forget-subject-key';
const ALICE = { phoneNumber: SARA.Telephone, nationalCode: SARA.NationalCode };
const BOB = { phoneNumber: '09351234567', nationalCode: '0070947120' };
const SEND = { phone: '+34 600 00 00 01', message: 'Verifique su identidad: [LINK]', sender: 'MiEmpresa', dni: '00000000T' };

const byUser = (request: Request) => {
  const user = request.headers.get('x-user');
  return user ? { subject: user } : false;
};
const post = (handler: (request: Request) => Promise<Response>, url: string, user: string, body: unknown) =>
  handler(
    new Request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-user': user }, body: JSON.stringify(body) }),
  );

describe('forgetSubject', () => {
  const emzano = emulatorForSuite(API_KEY);
  const kinds = storeKinds();
  let ra: RunningRaEmulator;
  let vendor: RunningVideoIdEmulator;
  let dipar: DiparEmulator;
  const hosts: RemoteHost[] = [];
  before(async () => {
    [ra, vendor] = await Promise.all([startRaEmulatorServer(), startVideoIdEmulatorServer({ stepMs: 60_000 })]);
  });
  after(async () => {
    await Promise.all([ra.close(), vendor.close(), ...hosts.map((host) => host.close())]);
  });
  beforeEach(() => {
    ra.emulator.reset();
    vendor.emulator.reset();
    vendor.emulator.setWebhook(undefined);
    dipar = new DiparEmulator();
  });

  /** Every handler of the kit on one store, as a host mounts them. */
  async function kit(storage: Storage, now: () => number = Date.now) {
    const operator = dipar.operators[0]!;
    const remote = await startRemoteHost(vendor, storage);
    hosts.push(remote);
    return {
      token: createTokenHandler({ apiKey: API_KEY, baseUrl: emzano().url, storage, authorize: byUser, now }),
      handoff: createHandoffHandler({ apiKey: API_KEY, baseUrl: emzano().url, storage, authorize: byUser, now }),
      verify: createKycVerifier({ apiKey: API_KEY, baseUrl: emzano().url, storage }),
      certificate: testCertificateHandler(ra.baseUrl, { storage, authorize: byUser, person: () => SARA }),
      clm: createClmHandler({ ...CLM_CREDENTIALS, baseUrl: emzano().url, storage, authorize: byUser }),
      dipar: createDiparHandler({
        baseUrl: 'http://dipar.invalid',
        callerCode: operator.callerCode,
        tokenKey: operator.tokenKey,
        authorize: byUser,
        claims: () => ({ nationalCode: ALICE.nationalCode, mobile: ALICE.phoneNumber, firstName: 'سارا', lastName: 'احمدی' }),
        brokerPublicKey: dipar.brokerPublicKeyPem(),
        fetch: (input, init) => dipar.handle(new Request(input, init)),
        storage,
      }),
      remote,
    };
  }

  /** Every key and value the store holds, as text (on Redis, read from Redis itself: lists too). */
  async function everything(storage: Storage): Promise<string> {
    const driver = storage.getMount('').driver as {
      name?: string;
      getInstance?: () => {
        keys(pattern: string): Promise<string[]>;
        type(key: string): Promise<string>;
        get(key: string): Promise<string | null>;
        lrange(key: string, start: number, stop: number): Promise<string[]>;
      };
    };
    if (driver.name === 'redis') {
      const client = driver.getInstance!();
      const lines = [];
      for (const key of await client.keys('*')) {
        const value = (await client.type(key)) === 'list' ? (await client.lrange(key, 0, -1)).join(' ') : await client.get(key);
        lines.push(`${key} ${value}`);
      }
      return lines.join('\n');
    }
    const keys = await storage.getKeys();
    return (await Promise.all(keys.map(async (key) => `${key} ${JSON.stringify(await storage.getItem(key))}`))).join('\n');
  }

  for (const kind of kinds) {
    describe(`on ${kind.name}`, () => {
      it('deletes everything the kit holds about a subject, and nothing of anyone else', async () => {
        const [storage] = kind.storages();
        const host = await kit(storage!);
        emzano().emulator.seedUser({ ...ALICE, infoInquiry: true, faceRecognition: true, signature: false });
        emzano().emulator.seedUser({ ...BOB, infoInquiry: true, faceRecognition: true, signature: false });

        // Alice uses everything; Bob enrols.
        const token = 'https://shop.example/api/emzano/token';
        const handoffUrl = 'https://shop.example/api/emzano/handoff';
        const grant = (await (await post(host.token, token, 'alice', ALICE)).json()) as { userId: string; refreshToken: string };
        const bob = (await (await post(host.token, token, 'bob', BOB)).json()) as { userId: string; refreshToken: string };
        const ticket = (await (
          await post(host.handoff, handoffUrl, 'alice', {
            handoff: 'create',
            userId: grant.userId,
            progress: { infoInquiry: true, faceRecognition: false, signature: false },
          })
        ).json()) as HandoffTicket;
        assert.ok(ticket.code, 'a handoff code');
        const issued = await post(host.certificate, 'https://shop.example/api/emzano/certificate', 'alice', {
          action: 'issue',
          csr: await csrFor(SARA.NationalCode),
        });
        assert.equal(issued.status, 200, await issued.clone().text());
        const sent = await post(host.clm, 'https://shop.example/api/emzano/clm/api/v1/clm/documents/execute/file', 'alice', CONTRACT);
        const { id: documentId } = (await sent.json()) as { id: string };
        assert.equal((await post(host.dipar, 'https://shop.example/api/dipar/start', 'alice', {})).status, 200);
        const remote = await host.remote.call('/send', 'alice', {
          method: 'POST',
          body: JSON.stringify(SEND),
          headers: { 'Content-Type': 'application/json' },
        });
        assert.equal(remote.status, 200, await remote.clone().text());
        const { id: remoteId } = (await remote.json()) as { id: string };
        assert.equal((await host.verify({ subject: 'alice' })).verified, true);

        const hash = await subjectKey('alice');
        const before = await everything(storage!);
        for (const trace of [hash, ALICE.nationalCode, grant.userId]) assert.ok(before.includes(trace), `the store held ${trace} before`);

        const forgotten = await forgetSubject('alice', { storage });
        assert.deepEqual(forgotten, { emzanoUser: true, certificates: 1, clmDocuments: 1, diparVerifications: 1, remoteVerifications: 1 });

        // Nothing in the store speaks of Alice any more.
        const afterwards = await everything(storage!);
        for (const trace of [hash, ALICE.nationalCode, ALICE.phoneNumber.slice(1), `"${grant.userId}"`, documentId, remoteId]) {
          assert.ok(!afterwards.includes(trace), `nothing left of ${trace}:\n${afterwards}`);
        }
        // What she held works no more.
        // The Emzano user is no longer hers: refused before the refresh token is looked at.
        assert.equal((await post(host.token, token, 'alice', { refresh: grant.refreshToken, userId: grant.userId })).status, 403);
        const redeemed = await post(host.handoff, handoffUrl, 'stranger', { handoff: 'redeem', code: ticket.code });
        assert.deepEqual(
          [redeemed.status, ((await redeemed.json()) as { reason: string }).reason],
          [404, 'handoff-unknown'],
          'the code redeems nothing',
        );
        assert.deepEqual(await host.verify({ subject: 'alice' }), {
          verified: false,
          progress: { infoInquiry: false, faceRecognition: false, signature: false },
        });
        const status = await post(host.certificate, 'https://shop.example/api/emzano/certificate', 'alice', { action: 'status' });
        assert.deepEqual(((await status.json()) as { certificates: unknown[] }).certificates, []);
        const read = await host.clm(
          new Request(`https://shop.example/api/emzano/clm/api/v1/clm/documents/${documentId}?returnStructure=1&onlyDetail=false`, {
            headers: { 'x-user': 'alice' },
          }),
        );
        assert.equal(read.status, 403);
        assert.equal((await host.remote.call(`/${remoteId}`, 'alice')).status, 404);

        // Bob is as he was.
        assert.equal((await host.verify({ subject: 'bob' })).verified, true);
        assert.equal((await post(host.token, token, 'bob', { refresh: bob.refreshToken, userId: bob.userId })).status, 200);
        // Alice may begin again, as anyone new.
        assert.equal((await post(host.token, token, 'alice', ALICE)).status, 200);
      });

      it('keeps the enrolled mobile number and national code only for the retention; the binding stays', async () => {
        const [storage] = kind.storages();
        let clock = Date.now();
        const handler = createTokenHandler({
          apiKey: API_KEY,
          baseUrl: emzano().url,
          storage,
          authorize: byUser,
          now: () => clock,
          identityRetentionSeconds: 3600,
        });
        emzano().emulator.seedUser({ ...ALICE, infoInquiry: true, faceRecognition: true, signature: false });
        const grant = (await (await post(handler, 'https://shop.example/api/emzano/token', 'alice', ALICE)).json()) as { userId: string };
        const verify = createKycVerifier({ apiKey: API_KEY, baseUrl: emzano().url, storage, now: () => clock });
        assert.equal((await verify({ subject: 'alice' })).verified, true);
        if (kind.name === 'redis') {
          // Redis expires it by itself: the identity's key carries the retention as its TTL.
          const client = (
            storage!.getMount('').driver as { getInstance(): { keys(p: string): Promise<string[]>; ttl(k: string): Promise<number> } }
          ).getInstance();
          const [key] = (await client.keys('*')).filter((name) => name.endsWith(`:emzano-elements:emzano:identity:${grant.userId}`));
          const ttl = await client.ttl(key!);
          assert.ok(ttl > 3500 && ttl <= 3600, `expires in the retention (${ttl} s)`);
        }
        clock += 3601_000;
        const later = await verify({ subject: 'alice' });
        assert.deepEqual([later.verified, later.userId], [false, grant.userId], 'not verified until the person enrols again; still theirs');
        const text = await everything(storage!);
        if (kind.name === 'memory') assert.ok(!text.includes(ALICE.nationalCode), 'no national code left once read past its expiry');
        // The Emzano user stays Alice's: Bob cannot take it with her mobile number and national code.
        assert.equal((await post(handler, 'https://shop.example/api/emzano/token', 'bob', ALICE)).status, 403);
      });
    });
  }
});
