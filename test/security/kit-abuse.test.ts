/**
 * The abuse suite against the whole kit (`createEmzanoKit`), as an attacker meets a site served
 * by two instances over one store: on memory, and on a real Redis where each instance has its
 * own connection. Every case is a refusal that holds across instances. At the end of each run,
 * nothing the kit answered in refusal, nor anything it told the host (`onError`, events), holds
 * a test person's national code, mobile number, name or birth date.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { HandoffTicket } from '../../src/server/index.js';
import { CONTRACT } from '../helpers/clm-bodies.js';
import { KIT_CALLBACK_SECRET, startKitHost, startKitWorld, type KitHost, type KitWorld } from '../helpers/kit-host.js';
import { csrFor, SARA } from '../helpers/ra-people.js';
import { storeKinds } from '../helpers/stores.js';

const PERSON = { phoneNumber: SARA.Telephone, nationalCode: SARA.NationalCode };
const REMOTE = { phone: '+34 600 00 00 01', message: 'Verifique su identidad: [LINK]', sender: 'MiEmpresa', dni: '00000000T' };
/** What must never appear in a refusal, an error or an event. */
const PERSONAL = [
  SARA.NationalCode,
  SARA.Telephone,
  SARA.Telephone.slice(1),
  SARA.Name,
  SARA.LastName,
  SARA.BirthDate,
  '600000001',
  REMOTE.dni,
];
const AFTER_INQUIRY = { infoInquiry: true, faceRecognition: false, signature: false };
const WEBHOOK = `Basic ${btoa('kit-webhook:kit-webhook-password')}`;

describe('the kit under abuse, on two instances', () => {
  let world: KitWorld;
  const kinds = storeKinds();
  let hosts: KitHost[] = [];
  /** Every refusal's body, for the grep at the end of each case. */
  let refusals: string[] = [];
  before(async () => {
    world = await startKitWorld();
  });
  after(() => world.close());
  beforeEach(() => {
    world.reset();
    refusals = [];
  });
  afterEach(async () => {
    const told = [
      ...refusals,
      ...hosts.flatMap((host) =>
        host.heard.map((item) => (item instanceof Error ? `${item.message}\n${item.stack}` : JSON.stringify(item))),
      ),
    ];
    for (const value of PERSONAL)
      assert.ok(!told.some((text) => text.includes(value)), `no ${value} in what the kit said:\n${told.join('\n')}`);
    await Promise.all(hosts.map((host) => host.close()));
    hosts = [];
  });

  const refused = async (response: Promise<Response>, status: number, reason: string) => {
    const answer = await response;
    const text = await answer.text();
    refusals.push(text);
    assert.equal(answer.status, status, `${answer.url}: ${text}`);
    assert.equal((JSON.parse(text) as { reason: string }).reason, reason, `${answer.url}: ${text}`);
  };
  const ok = async <T>(response: Promise<Response>): Promise<T> => {
    const answer = await response;
    assert.equal(answer.status, 200, `${answer.url}: ${await answer.clone().text()}`);
    return (await answer.json()) as T;
  };

  for (const kind of kinds) {
    describe(`on ${kind.name}`, () => {
      /** Two instances of the site over one store. */
      const site = async () => {
        const [first, second] = kind.storages(2);
        const many = kind.name === 'redis' ? ({ instances: 'many' } as const) : {};
        hosts = [await startKitHost(world, first!, many), await startKitHost(world, second!, many)];
        return hosts as [KitHost, KitHost];
      };

      it("refuses a stranger everything of someone else's: tokens, identity, handoff, certificate, contract, Dipar, remote", async () => {
        const [one, two] = await site();
        const { userId } = await ok<{ userId: string }>(one.call('/token', { user: 'alice', body: PERSON }));
        // Knowing Alice's mobile number and national code gets Mallory nothing, on either instance.
        await refused(two.call('/token', { user: 'mallory', body: PERSON }), 403, 'identity-taken');
        await refused(two.call('/token', { user: 'mallory', body: { userId } }), 403, 'not-allowed');
        const ticket = await ok<HandoffTicket>(
          one.call('/handoff', { user: 'alice', body: { handoff: 'create', userId, progress: AFTER_INQUIRY } }),
        );
        await refused(
          two.call('/handoff', { user: 'mallory', body: { handoff: 'create', userId, progress: AFTER_INQUIRY } }),
          403,
          'not-allowed',
        );
        for (const handoff of ['status', 'code', 'cancel', 'take-back']) {
          await refused(two.call('/handoff', { user: 'mallory', body: { handoff, id: ticket.id } }), 403, 'not-allowed');
        }
        assert.equal((await two.call(`/handoff?handoff=${ticket.id}`, { user: 'mallory' })).status, 403);
        // A phone signed in as someone else is refused, and the code stays for the right phone.
        await refused(two.call('/handoff', { user: 'mallory', body: { handoff: 'redeem', code: ticket.code } }), 403, 'not-allowed');
        const phone = await ok<{ handoff: { id: string; key: string } }>(
          two.call('/handoff', { body: { handoff: 'redeem', code: ticket.code } }),
        );
        await refused(one.call('/handoff', { body: { handoff: 'session', id: ticket.id, key: 'k'.repeat(43) } }), 404, 'handoff-unknown');
        await ok(one.call('/handoff', { body: { handoff: 'session', ...phone.handoff } }));

        const { serialNumber } = await ok<{ serialNumber: string }>(
          one.call('/certificate', { user: 'alice', body: { action: 'issue', csr: await csrFor(SARA.NationalCode) } }),
        );
        await refused(
          two.call('/certificate', { user: 'mallory', body: { action: 'revoke', serialNumber, reason: 'keyCompromise' } }),
          404,
          'certificate-unknown',
        );
        const mine = await ok<{ certificates: unknown[] }>(two.call('/certificate', { user: 'mallory', body: { action: 'status' } }));
        assert.deepEqual(mine.certificates, [], "Mallory sees none of Alice's certificates");

        const { id: documentId } = await ok<{ id: string }>(
          one.call('/clm/api/v1/clm/documents/execute/file', { user: 'alice', body: CONTRACT }),
        );
        await refused(two.call(`/clm/api/v1/clm/documents/${documentId}`, { user: 'mallory' }), 403, 'not-allowed');

        const started = await ok<{ orderId: string }>(one.call('/dipar/start', { user: 'alice', body: {} }));
        await refused(two.call('/dipar/resume', { user: 'mallory', body: { orderId: started.orderId } }), 404, 'not-found');

        const { id: remoteId } = await ok<{ id: string }>(one.call('/remote/send', { user: 'alice', body: REMOTE }));
        for (const path of [`/remote/${remoteId}`, `/remote/${remoteId}/events`, `/remote/${remoteId}/certificate`]) {
          await refused(two.call(path, { user: 'mallory' }), 403, 'not-allowed');
        }
      });

      it('refuses forged callers of the server-to-server routes, and the browser routes from another site or too large', async () => {
        const [one, two] = await site();
        await refused(
          two.call('/remote/webhook', {
            body: { ID: 'r1', Estado: 5001 },
            headers: { authorization: `Basic ${btoa('kit-webhook:guessed')}` },
          }),
          401,
          'unknown-caller',
        );
        await refused(
          fetch(`${two.origin}/api/emzano/clm-callback?secret=${KIT_CALLBACK_SECRET.replace(/.$/, 'x')}`, { method: 'POST', body: '{}' }),
          401,
          'unknown-callback',
        );
        await refused(
          one.call('/remote/webhook', {
            body: { ID: 'r1', Estado: 5001, Detalle: 'x'.repeat(300_000) },
            headers: { authorization: WEBHOOK },
          }),
          413,
          'too-large',
        );
        for (const [path, body] of [
          ['/token', PERSON],
          ['/handoff', { handoff: 'redeem', code: 'c'.repeat(43) }],
          ['/certificate', { action: 'status' }],
          ['/clm/api/v1/clm/documents/execute/file', CONTRACT],
          ['/dipar/start', {}],
          ['/remote/send', REMOTE],
        ] as const) {
          await refused(one.call(path, { user: 'alice', body, headers: { 'Sec-Fetch-Site': 'cross-site' } }), 403, 'origin-not-allowed');
          // Each route's own bound: CLM's carries a PDF as base64, the others a few fields.
          const padding = 'x'.repeat(path.startsWith('/clm') ? 40 * 1024 * 1024 : 2_000_000);
          await refused(two.call(path, { user: 'alice', body: { ...body, padding } }), 413, 'too-large');
        }
        const vendorCalls = [world.emzano, world.ra, world.dipar, world.vendor].map((running) => running.emulator.requests().length);
        assert.deepEqual(vendorCalls, [0, 0, 0, 0], 'nothing reached a vendor');
      });

      it('lets exactly one of fifty phones, spread over both instances, redeem a code; and a spent refresh token ends its family everywhere', async () => {
        const [one, two] = await site();
        const grant = await ok<{ userId: string; refreshToken: string }>(one.call('/token', { user: 'alice', body: PERSON }));
        const ticket = await ok<HandoffTicket>(
          two.call('/handoff', { user: 'alice', body: { handoff: 'create', userId: grant.userId, progress: AFTER_INQUIRY } }),
        );
        const answers = await Promise.all(
          Array.from({ length: 50 }, (_, index) =>
            (index % 2 ? one : two).call('/handoff', { body: { handoff: 'redeem', code: ticket.code } }),
          ),
        );
        const statuses = answers.map((answer) => answer.status);
        assert.equal(statuses.filter((status) => status === 200).length, 1, statuses.join(' '));
        for (const answer of answers.filter((each) => each.status !== 200)) await refused(Promise.resolve(answer), 410, 'handoff-used');

        const renewals = await Promise.all(
          Array.from({ length: 10 }, (_, index) =>
            (index % 2 ? one : two).call('/token', { user: 'alice', body: { userId: grant.userId, refreshToken: grant.refreshToken } }),
          ),
        );
        const winners = renewals.filter((answer) => answer.status === 200);
        assert.equal(winners.length, 1, renewals.map((answer) => answer.status).join(' '));
        const next = ((await winners[0]!.json()) as { refreshToken: string }).refreshToken;
        // The losers presented a spent token: the family, the winner's new token included, is ended.
        await refused(one.call('/token', { user: 'alice', body: { userId: grant.userId, refreshToken: next } }), 401, 'refresh-invalid');
      });
    });
  }
});
