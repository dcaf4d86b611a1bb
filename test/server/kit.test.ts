/**
 * `createEmzanoKit`: every vendor behind one `fetch` under one base path, against every vendor's
 * emulator over real HTTP; two instances of the site over one store (memory, and a real Redis
 * where each instance has its own connection) in the stateful cases.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { createStorage } from 'unstorage';
import { createEmzanoKit, type HandoffTicket, type KitAction } from '../../src/server/index.js';
import { CONTRACT } from '../helpers/clm-bodies.js';
import { KIT_API_KEY, KIT_CALLBACK_SECRET, startKitHost, startKitWorld, type KitHost, type KitWorld } from '../helpers/kit-host.js';
import { csrFor, SARA } from '../helpers/ra-people.js';
import { storeKinds } from '../helpers/stores.js';

const PERSON = { phoneNumber: SARA.Telephone, nationalCode: SARA.NationalCode };
const SEND = { phone: '+34 600 00 00 01', message: 'Verifique su identidad: [LINK]', sender: 'MiEmpresa', dni: '00000000T' };
const AFTER_INQUIRY = { infoInquiry: true, faceRecognition: false, signature: false };
const EXECUTE = '/clm/api/v1/clm/documents/execute/file';

const ok = async <T>(response: Promise<Response>): Promise<T> => {
  const answer = await response;
  assert.equal(answer.status, 200, `${answer.url}: ${await answer.clone().text()}`);
  return (await answer.json()) as T;
};
const refused = async (response: Promise<Response>, status: number, reason: string) => {
  const answer = await response;
  const text = await answer.text();
  assert.equal(answer.status, status, `${answer.url}: ${text}`);
  assert.equal((JSON.parse(text) as { reason: string }).reason, reason, `${answer.url}: ${text}`);
};

describe('createEmzanoKit', () => {
  let world: KitWorld;
  const kinds = storeKinds();
  const hosts: KitHost[] = [];
  before(async () => {
    world = await startKitWorld();
  });
  after(() => world.close());
  beforeEach(() => world.reset());
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.close()));
  });
  const start = async (...args: Parameters<typeof startKitHost> extends [unknown, ...infer Rest] ? Rest : never) => {
    const host = await startKitHost(world, ...args);
    hosts.push(host);
    return host;
  };

  it('serves every vendor under one base path, with one authorize told which route asks', async () => {
    const host = await start(createStorage());
    const grant = await ok<{ userId: string }>(host.call('/token', { user: 'alice', body: PERSON }));
    const ticket = await ok<HandoffTicket>(
      host.call('/handoff', { user: 'alice', body: { handoff: 'create', userId: grant.userId, progress: AFTER_INQUIRY } }),
    );
    await ok(host.call('/handoff', { body: { handoff: 'redeem', code: ticket.code } }));
    await ok(host.call('/certificate', { user: 'alice', body: { action: 'status' } }));
    const issued = await ok<{ serialNumber: string }>(
      host.call('/certificate', { user: 'alice', body: { action: 'issue', csr: await csrFor(SARA.NationalCode) } }),
    );
    assert.ok(issued.serialNumber);
    const { id: documentId } = await ok<{ id: string }>(host.call(EXECUTE, { user: 'alice', body: CONTRACT }));
    await ok(host.call(`/clm/api/v1/clm/documents/${documentId}`, { user: 'alice' }));
    await ok(host.call('/dipar/start', { user: 'alice', body: {} }));
    const { id: remoteId } = await ok<{ id: string }>(host.call('/remote/send', { user: 'alice', body: SEND }));
    await ok(host.call(`/remote/${remoteId}`, { user: 'alice' }));

    assert.deepEqual([...new Set(host.asked.map((action) => action.route))], ['token', 'handoff', 'certificate', 'clm', 'dipar', 'remote']);
    assert.deepEqual(host.asked[0], { route: 'token', action: 'enrol' });
    assert.ok(host.asked.some((action) => action.route === 'handoff' && action.action === 'handoff-phone'));
    // CLM's credentials were given once: the callback URL CLM was handed is the kit's, written on the server.
    const execute = world.emzano.emulator.requests().find((request) => request.path.endsWith('/execute/file'));
    assert.equal(
      (execute?.json as { callbackUrl?: string }).callbackUrl,
      `${host.origin}/api/emzano/clm-callback?secret=${KIT_CALLBACK_SECRET}`,
    );
    // The server-side calls, on the same configuration.
    assert.equal((await host.kit.verifyKyc({ subject: 'alice' })).userId, grant.userId);
    assert.equal(typeof (await host.kit.remoteCredits({ maxAgeSeconds: 0 }))?.credits, 'number');
    assert.deepEqual(await host.kit.unmatchedRemoteEvents(), []);
    const forgotten = await host.kit.forgetSubject('alice');
    assert.deepEqual(forgotten, { emzanoUser: true, certificates: 1, clmDocuments: 1, diparVerifications: 1, remoteVerifications: 1 });
    assert.equal(host.heard.filter((item) => item instanceof Error).length, 0, 'nothing unexpected reached onError');
  });

  it('answers 404 outside its base path and for a section left out; a server-side call names the section it needs', async () => {
    const host = await start(createStorage(), { ra: undefined, dipar: undefined, remoteVerification: undefined, handoff: undefined });
    await ok(host.call('/token', { user: 'alice', body: PERSON }));
    for (const path of ['/certificate', '/dipar/start', '/remote/send', '/handoff', '/nothing', '']) {
      await refused(host.call(path, { user: 'alice', body: {} }), 404, 'not-found');
    }
    await refused(fetch(`${host.origin}/api/emzanox/token`, { method: 'POST', body: '{}' }), 404, 'not-found');
    await assert.rejects(host.kit.readDiparResult('alice'), /readDiparResult. needs the .dipar. section/);
    await assert.rejects(host.kit.remoteCredits(), /remoteCredits. needs the .remoteVerification. section/);
  });

  it('refuses every route when authorize answers false, the handoff included, before any vendor is called', async () => {
    const host = await start(createStorage(), { authorize: () => false });
    const everyRoute: Array<[string, unknown?]> = [
      ['/token', PERSON],
      ['/token', { userId: 'u1' }],
      ['/token', { userId: 'u1', refreshToken: 'r'.repeat(43) }],
      ['/handoff', { handoff: 'create', userId: 'u1', progress: AFTER_INQUIRY }],
      ['/handoff', { handoff: 'status', id: 'h'.repeat(22) }],
      ['/handoff', { handoff: 'redeem', code: 'c'.repeat(43) }],
      ['/handoff', { handoff: 'session', id: 'h'.repeat(22), key: 'k'.repeat(43) }],
      [`/handoff?handoff=${'h'.repeat(22)}`],
      ['/certificate', { action: 'status' }],
      ['/certificate', { action: 'issue', csr: await csrFor(SARA.NationalCode) }],
      [EXECUTE, CONTRACT],
      ['/clm/api/v1/clm/documents/2ac617da-02e4-4c36-afe1-f65919206d62'],
      ['/dipar/start', {}],
      ['/dipar/resume', { orderId: 'o1' }],
      ['/remote/send', SEND],
      ['/remote/r1'],
      ['/remote/r1/events'],
      ['/remote/r1/certificate'],
    ];
    for (const [path, body] of everyRoute) await refused(host.call(path, { user: 'alice', body }), 403, 'not-allowed');
    const vendorCalls = [world.emzano.emulator.requests(), world.dipar.emulator.requests(), world.vendor.emulator.requests()].flat();
    assert.equal(vendorCalls.length, 0, 'no vendor was called');
    assert.equal(world.ra.emulator.requests().length, 0);
  });

  it("takes { anonymous: true } for the phone's handoff actions only", async () => {
    const host = await start(createStorage(), { authorize: () => ({ anonymous: true }) });
    for (const [path, body] of [
      ['/token', PERSON],
      ['/token', { userId: 'u1' }],
      ['/handoff', { handoff: 'create', userId: 'u1', progress: AFTER_INQUIRY }],
      ['/handoff', { handoff: 'status', id: 'h'.repeat(22) }],
      ['/handoff', { handoff: 'cancel', id: 'h'.repeat(22) }],
      [`/handoff?handoff=${'h'.repeat(22)}`, undefined],
      ['/certificate', { action: 'status' }],
      [EXECUTE, CONTRACT],
      ['/clm/api/v1/clm/documents/2ac617da-02e4-4c36-afe1-f65919206d62', undefined],
      ['/remote/send', SEND],
      ['/remote/r1', undefined],
      ['/dipar/start', {}],
    ] as const) {
      await refused(host.call(path, { body }), 403, 'not-allowed');
    }
    await refused(host.call('/handoff', { body: { handoff: 'redeem', code: 'c'.repeat(43) } }), 404, 'handoff-unknown');
  });

  it('is refused when made wrong, naming what is wrong', () => {
    const authorize = () => false as const;
    const emzano = { apiKey: KIT_API_KEY };
    assert.throws(() => createEmzanoKit({ authorize } as never), /no vendor section/);
    assert.throws(() => createEmzanoKit({ emzano } as never), /`authorize` is required/);
    assert.throws(() => createEmzanoKit({ authorize, emzano, clmm: {} } as never), /unknown option `clmm`/);
    assert.throws(() => createEmzanoKit({ authorize, handoff: true }), /`handoff` needs the `emzano` section/);
    assert.throws(() => createEmzanoKit({ authorize, emzano, basePath: 'api' }), /basePath/);
    assert.throws(() => createEmzanoKit({ authorize, emzano, instances: 'many' }), /instances: 'many'.*"memory" driver/);
    assert.throws(() => createEmzanoKit({ authorize, emzano: { apiKey: '' } }), /createTokenHandler: `apiKey` is required/);
    const clm = { clientId: 'c', clientSecret: 's', username: 'u', password: 'p' };
    assert.throws(
      () =>
        createEmzanoKit({
          authorize,
          clm: { ...clm, callback: { origin: 'shop.example', secret: KIT_CALLBACK_SECRET, onDocumentState: () => undefined } },
        }),
      /clm\.callback\.origin/,
    );
  });

  for (const kind of kinds) {
    describe(`two instances of the site on ${kind.name}`, () => {
      it('carries every person across instances: a refresh, a handoff, a certificate, a remote report', async () => {
        const [first, second] = kind.storages(2);
        const one = await start(first!, kind.name === 'redis' ? { instances: 'many' } : {});
        const two = await start(second!, kind.name === 'redis' ? { instances: 'many' } : {});

        const grant = await ok<{ userId: string; refreshToken: string }>(one.call('/token', { user: 'alice', body: PERSON }));
        const renewed = await ok<{ refreshToken: string }>(
          two.call('/token', { user: 'alice', body: { userId: grant.userId, refreshToken: grant.refreshToken } }),
        );
        // The spent token, replayed on the other instance: the family ends there too.
        await refused(
          one.call('/token', { user: 'alice', body: { userId: grant.userId, refreshToken: grant.refreshToken } }),
          401,
          'refresh-reused',
        );
        await refused(
          two.call('/token', { user: 'alice', body: { userId: grant.userId, refreshToken: renewed.refreshToken } }),
          401,
          'refresh-invalid',
        );

        const ticket = await ok<HandoffTicket>(
          one.call('/handoff', { user: 'alice', body: { handoff: 'create', userId: grant.userId, progress: AFTER_INQUIRY } }),
        );
        const phones = await Promise.all(
          Array.from({ length: 10 }, (_, index) =>
            (index % 2 ? one : two).call('/handoff', { body: { handoff: 'redeem', code: ticket.code } }),
          ),
        );
        assert.deepEqual(phones.map((phone) => phone.status).sort(), [200, ...Array<number>(9).fill(410)], 'one phone of ten');

        await ok(one.call('/certificate', { user: 'alice', body: { action: 'issue', csr: await csrFor(SARA.NationalCode) } }));
        const held = await ok<{ certificates: Array<{ serialNumber: string }> }>(
          two.call('/certificate', { user: 'alice', body: { action: 'status' } }),
        );
        assert.equal(held.certificates.length, 1, 'the other instance knows the certificate');
        await refused(
          two.call('/certificate', { user: 'alice', body: { action: 'issue', csr: await csrFor(SARA.NationalCode) } }),
          409,
          'certificate-exists',
        );

        const { id } = await ok<{ id: string }>(one.call('/remote/send', { user: 'alice', body: SEND }));
        const report = await two.call('/remote/webhook', {
          body: { ID: id, Estado: 5001, Telefono: '+34600000001' },
          headers: { authorization: `Basic ${btoa('kit-webhook:kit-webhook-password')}` },
        });
        assert.equal(report.status, 200, await report.clone().text());
        const timeline = await ok<{ events: Array<{ status: number }> }>(one.call(`/remote/${id}`, { user: 'alice' }));
        assert.ok(
          timeline.events.some((event) => event.status === 5001),
          JSON.stringify(timeline),
        );
        await refused(two.call(`/remote/${id}`, { user: 'mallory' }), 403, 'not-allowed');
        const routes = (host: KitHost) => new Set(host.asked.map((action: KitAction) => action.route));
        assert.deepEqual([...routes(one)].sort(), ['certificate', 'handoff', 'remote', 'token']);
      });
    });
  }
});
