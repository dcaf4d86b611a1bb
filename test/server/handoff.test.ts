/**
 * Continuing on a phone: the handoff endpoint (`createHandoffHandler`) beside the token endpoint, against the Emzano emulator over
 * real HTTP, on unstorage's memory driver and on a real Redis (where two instances of the host are
 * two handlers with their own connections to one server). The desktop is signed in (`x-user`);
 * the phone is not: the host lets it in (`{ anonymous: true }`), and the code, then its key,
 * authorise it.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { Storage } from 'unstorage';
import { startEmulatorServer, type RunningEmulator } from '../../demo/emulator/server.js';
import type { HandoffStatus, HandoffTicket } from '../../src/core/handoff-contract.js';
import { createHandoffHandler, createTokenHandler, type TokenAction, type TokenHandlerEvent } from '../../src/server/index.js';
import { toNodeListener } from '../../src/server/node.js';
import { followEvents } from '../helpers/server-sent-events.js';
import { storeKinds } from '../helpers/stores.js';

const API_KEY = 'handoff-test-key';
const PERSON = { phoneNumber: '09121234567', nationalCode: '0499370899' };
const AFTER_INQUIRY = { infoInquiry: true, faceRecognition: false, signature: false };

interface Host {
  /** The handoff endpoint (the token endpoint is beside it). */
  url: string;
  tokenUrl: string;
  /** `user` is the signed-in subject (`x-user`); none for the phone. */
  post(body: object, user?: string): Promise<Response>;
  asked: TokenAction[];
  events: TokenHandlerEvent[];
  close(): Promise<void>;
}

describe('handoff to a phone: the handoff endpoint', () => {
  let emzano: RunningEmulator;
  const kinds = storeKinds();
  const hosts: Host[] = [];
  let clock = Date.now();
  before(async () => {
    emzano = await startEmulatorServer({ apiKey: API_KEY });
  });
  after(async () => {
    await emzano.close();
  });
  beforeEach(() => {
    emzano.emulator.reset();
    clock = Date.now();
  });
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.close()));
  });

  /** `phone`: what the host answers for a phone not signed in (by default it lets it in to continue by its code). */
  async function startHost(storage: Storage, phone: Response | false | { anonymous: true } = { anonymous: true }): Promise<Host> {
    const asked: TokenAction[] = [];
    const events: TokenHandlerEvent[] = [];
    const authorize = (request: Request, action: TokenAction) => {
      asked.push(action);
      const user = request.headers.get('x-user');
      if (user) return { subject: user };
      if (action.action !== 'handoff-phone') return false;
      return phone instanceof Response ? phone.clone() : phone;
    };
    const shared = {
      apiKey: API_KEY,
      baseUrl: emzano.url,
      storage,
      now: () => clock,
      onEvent: (event: TokenHandlerEvent) => events.push(event),
      authorize,
    };
    const token = toNodeListener(createTokenHandler(shared));
    const handoff = toNodeListener(
      createHandoffHandler({ ...shared, stream: { pollMs: 50, heartbeatMs: 1000, maxDurationMs: 5000, retryMs: 100 } }),
    );
    const server: Server = createServer((request, response) =>
      (request.url ?? '').startsWith('/api/emzano/token') ? token(request, response) : handoff(request, response),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const url = `${origin}/api/emzano/handoff`;
    const tokenUrl = `${origin}/api/emzano/token`;
    const host: Host = {
      url,
      tokenUrl,
      asked,
      events,
      post: (body, user) =>
        fetch('handoff' in body ? url : tokenUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(user ? { 'x-user': user } : {}) },
          body: JSON.stringify(body),
        }),
      close: async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      },
    };
    hosts.push(host);
    return host;
  }

  const ok = async <T>(response: Promise<Response>): Promise<T> => {
    const answer = await response;
    assert.equal(answer.status, 200, await answer.clone().text());
    return (await answer.json()) as T;
  };
  const refused = async (response: Promise<Response>, status: number, reason: string) => {
    const answer = await response;
    const body = (await answer.json()) as { reason?: string; message?: string };
    assert.equal(answer.status, status, JSON.stringify(body));
    assert.equal(body.reason, reason);
    return body;
  };
  /** Alice enrols on the desktop and asks for a handoff after the inquiry. */
  const handOff = async (host: Host) => {
    const grant = await ok<{ userId: string }>(host.post(PERSON, 'alice'));
    const ticket = await ok<HandoffTicket>(host.post({ handoff: 'create', userId: grant.userId, progress: AFTER_INQUIRY }, 'alice'));
    return { userId: grant.userId, ticket };
  };
  type Redeemed = {
    userId: string;
    accessToken: string;
    refreshToken: string;
    progress: object;
    handoff: { id: string; key: string; status: HandoffStatus };
  };

  for (const kind of kinds) {
    describe(`on ${kind.name}`, () => {
      it('mints one upstream token per lifetime window for a phone that asks again and again', async () => {
        const [desktopSide, phoneSide] = kind.storages(2);
        const desktop = await startHost(desktopSide!);
        const phone = await startHost(phoneSide!);
        const { ticket } = await handOff(desktop);
        const minted = () => emzano.emulator.requests().filter((request) => request.path.endsWith('/token')).length;
        const redeemed = await ok<Redeemed & { expiresAt: number }>(phone.post({ handoff: 'redeem', code: ticket.code }));
        const key = { id: ticket.id, key: redeemed.handoff.key };
        const before = minted();
        type Session = { accessToken: string; expiresAt: number; progress: object };

        // Six at once, at both instances: the token the redeem minted, each time.
        const sessions = await Promise.all(
          Array.from({ length: 6 }, (_, index) => ok<Session>((index % 2 ? phone : desktop).post({ handoff: 'session', ...key }))),
        );
        assert.equal(minted(), before, 'nothing minted while the token handed out lives');
        assert.deepEqual([...new Set(sessions.map((session) => session.accessToken))], [redeemed.accessToken]);
        assert.deepEqual(sessions[0]!.progress, AFTER_INQUIRY, 'with the progress as it is now');

        // Refused by Emzano: a new one, though not within half a minute of the last.
        assert.equal((await ok<Session>(phone.post({ handoff: 'session', ...key, refused: true }))).accessToken, redeemed.accessToken);
        clock += 31_000;
        const renewed = await ok<Session>(phone.post({ handoff: 'session', ...key, refused: true }));
        assert.notEqual(renewed.accessToken, redeemed.accessToken);
        assert.equal((await ok<Session>(phone.post({ handoff: 'session', ...key, refused: true }))).accessToken, renewed.accessToken);
        assert.equal(minted(), before + 1);

        // Near its end (under a minute left): the next one.
        clock = (renewed.expiresAt - 50) * 1000;
        const next = await ok<Session>(desktop.post({ handoff: 'session', ...key }));
        assert.notEqual(next.accessToken, renewed.accessToken);
        assert.equal(minted(), before + 2);
        const malformed = await phone.post({ handoff: 'session', ...key, refused: 'yes' });
        assert.equal(malformed.status, 400);
        assert.equal(((await malformed.json()) as { field?: string }).field, 'refused');
      });

      it('hands the same user to the phone: a code redeems once, the phone reports its steps, the desktop follows live', async () => {
        const [desktopSide, phoneSide] = kind.storages(2);
        const desktop = await startHost(desktopSide!);
        const phone = await startHost(phoneSide!);
        const { userId, ticket } = await handOff(desktop);
        assert.equal(ticket.status.state, 'waiting');
        assert.match(ticket.code, /^[A-Za-z0-9_-]{32}$/);
        assert.ok(Math.abs(ticket.codeExpiresAt - (clock / 1000 + 600)) <= 1, 'the code works for 10 minutes');
        assert.equal(ticket.codeSeconds, 600, 'from now, for a countdown by any clock');

        const stream = await fetch(`${desktop.url}?handoff=${ticket.id}`, { headers: { 'x-user': 'alice' } });
        assert.equal(stream.headers.get('content-type'), 'text/event-stream; charset=utf-8');
        const following = followEvents(stream);
        const shown = (state: string, phoneStep?: string) =>
          following.waitFor((data) => (data as HandoffStatus).state === state && (data as HandoffStatus).phoneStep === phoneStep);
        await shown('waiting');

        const before = emzano.emulator.requests().length;
        const redeemed = await ok<Redeemed>(phone.post({ handoff: 'redeem', code: ticket.code }));
        assert.equal(redeemed.userId, userId, 'the same Emzano user');
        assert.equal(redeemed.refreshToken, '', 'the phone renews with its key, never a refresh token');
        assert.deepEqual(redeemed.progress, AFTER_INQUIRY, 'the phone skips what is done');
        assert.equal(redeemed.handoff.status.state, 'connected');
        const key = { id: ticket.id, key: redeemed.handoff.key };
        await shown('connected');

        await refused(phone.post({ handoff: 'redeem', code: ticket.code }), 410, 'handoff-used');
        await ok(phone.post({ handoff: 'progress', ...key, step: 'video' }));
        await shown('connected', 'video');
        const renewed = await ok<{ userId: string; accessToken: string }>(phone.post({ handoff: 'session', ...key }));
        assert.equal(renewed.userId, userId);
        await ok(phone.post({ handoff: 'progress', ...key, step: 'signature', completed: 'video' }));
        await shown('connected', 'signature');
        const finished = await ok<HandoffStatus>(phone.post({ handoff: 'progress', ...key, step: 'done', completed: 'signature' }));
        assert.equal(finished.state, 'finished');
        assert.deepEqual(finished.progress, { infoInquiry: true, faceRecognition: true, signature: true });

        const last = (await shown('finished', 'done')) as HandoffStatus;
        assert.deepEqual(last.progress, finished.progress, 'the desktop saw each step, then the end');
        await following.stop();
        const versions = following.events.map((event) => event.id);
        assert.deepEqual(versions, [...versions].sort(), 'event ids sort in the order things happened');
        const seen = JSON.stringify(following.events);
        assert.ok(!seen.includes(ticket.code) && !seen.includes(key.key), 'no code or key in the stream');

        const paths = emzano.emulator
          .requests()
          .slice(before)
          .map((request) => request.path);
        // One token for the phone (the session handed the redeem's out again), and no second enrolment.
        assert.deepEqual(paths, [`/api/v1/external/user/${userId}/token`], 'no second enrolment');
        await refused(phone.post({ handoff: 'session', ...key }), 410, 'handoff-ended');
        const told = await ok<HandoffStatus>(phone.post({ handoff: 'status', ...key }));
        assert.equal(told.state, 'finished', 'the phone may still read how it ended');
        assert.deepEqual(desktop.asked.at(0), { action: 'enrol' });
        assert.ok(phone.asked.some((action) => action.action === 'handoff-phone' && action.handoff === 'redeem'));
      });

      it('refuses an expired code, and a new code replaces the old one', async () => {
        const host = await startHost(kind.storages()[0]!);
        const { ticket } = await handOff(host);
        clock += 601_000;
        await refused(host.post({ handoff: 'redeem', code: ticket.code }), 410, 'handoff-expired');
        const fresh = await ok<HandoffTicket>(host.post({ handoff: 'code', id: ticket.id }, 'alice'));
        assert.notEqual(fresh.code, ticket.code);
        assert.equal(fresh.id, ticket.id, 'the same handoff, followed on');
        const again = await ok<HandoffTicket>(host.post({ handoff: 'code', id: ticket.id }, 'alice'));
        await refused(host.post({ handoff: 'redeem', code: fresh.code }), 410, 'handoff-expired');
        await ok(host.post({ handoff: 'redeem', code: again.code }));
        await refused(host.post({ handoff: 'redeem', code: 'a'.repeat(32) }), 404, 'handoff-unknown');
      });

      it('ends the phone when the desktop cancels or takes back, and the desktop gets what the phone did', async () => {
        const host = await startHost(kind.storages()[0]!);
        const { ticket } = await handOff(host);
        const cancelled = await ok<HandoffStatus>(host.post({ handoff: 'cancel', id: ticket.id }, 'alice'));
        assert.equal(cancelled.state, 'cancelled');
        await refused(host.post({ handoff: 'redeem', code: ticket.code }), 410, 'handoff-ended');

        const { ticket: second } = await handOff(host);
        const redeemed = await ok<Redeemed>(host.post({ handoff: 'redeem', code: second.code }));
        const key = { id: second.id, key: redeemed.handoff.key };
        await ok(host.post({ handoff: 'progress', ...key, step: 'signature', completed: 'video' }));
        const back = await ok<HandoffStatus>(host.post({ handoff: 'take-back', id: second.id }, 'alice'));
        assert.equal(back.state, 'taken-back');
        assert.equal(back.progress.faceRecognition, true, 'the video the phone sent counts');
        await refused(host.post({ handoff: 'session', ...key }), 410, 'handoff-ended');
        await refused(host.post({ handoff: 'progress', ...key, step: 'done', completed: 'signature' }), 410, 'handoff-ended');
        assert.equal((await ok<HandoffStatus>(host.post({ handoff: 'status', ...key }))).state, 'taken-back');
        const again = await ok<HandoffStatus>(host.post({ handoff: 'cancel', id: second.id }, 'alice'));
        assert.equal(again.state, 'taken-back', 'an ended handoff stays as it ended');
      });

      it('makes one phone at a time: a new handoff for the user ends the one before', async () => {
        const host = await startHost(kind.storages()[0]!);
        const { ticket, userId } = await handOff(host);
        const redeemed = await ok<Redeemed>(host.post({ handoff: 'redeem', code: ticket.code }));
        await ok(host.post({ handoff: 'create', userId, progress: AFTER_INQUIRY }, 'alice'));
        await refused(host.post({ handoff: 'session', id: ticket.id, key: redeemed.handoff.key }), 410, 'handoff-ended');
      });

      it('lets one of two racing phones in, on two instances, and mints one session for it', async () => {
        const [first, second] = kind.storages(2);
        const one = await startHost(first!);
        const two = await startHost(second!);
        const { ticket } = await handOff(one);
        const minted = () => emzano.emulator.requests().filter((request) => request.path.endsWith('/token')).length;
        const before = minted();
        const answers = await Promise.all([one, two, one, two].map((host) => host.post({ handoff: 'redeem', code: ticket.code })));
        assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 410, 410, 410]);
        // The code is claimed before a session is minted: the phones that lose cost Emzano nothing.
        assert.equal(minted() - before, 1, 'one user token minted, for the phone that got in');
      });

      it('refuses "done" before the identity steps are recorded', async () => {
        const host = await startHost(kind.storages()[0]!);
        const { ticket } = await handOff(host);
        const redeemed = await ok<Redeemed>(host.post({ handoff: 'redeem', code: ticket.code }));
        const key = { id: ticket.id, key: redeemed.handoff.key };
        await refused(host.post({ handoff: 'progress', ...key, step: 'done' }), 409, 'handoff-not-ready');
        assert.equal((await ok<HandoffStatus>(host.post({ handoff: 'status', ...key }))).state, 'connected');
      });
    });
  }

  describe('who may do what', () => {
    it("refuses another subject's handoff, and creating one for another's user", async () => {
      const host = await startHost(kinds[0]!.storages()[0]!);
      const { ticket, userId } = await handOff(host);
      for (const handoff of ['status', 'code', 'cancel', 'take-back']) {
        await refused(host.post({ handoff, id: ticket.id }, 'mallory'), 403, 'not-allowed');
        await refused(host.post({ handoff, id: ticket.id }), 403, 'not-allowed');
      }
      const stream = await fetch(`${host.url}?handoff=${ticket.id}`, { headers: { 'x-user': 'mallory' } });
      assert.equal(stream.status, 403);
      await refused(host.post({ handoff: 'create', userId, progress: AFTER_INQUIRY }, 'mallory'), 403, 'not-allowed');
      await refused(host.post({ handoff: 'create', userId, progress: AFTER_INQUIRY }), 403, 'not-allowed');
      assert.equal((await ok<HandoffStatus>(host.post({ handoff: 'status', id: ticket.id }, 'alice'))).state, 'waiting');
    });

    it('refuses a phone signed in as someone else, and keeps the code for the right phone', async () => {
      const host = await startHost(kinds[0]!.storages()[0]!);
      const { ticket } = await handOff(host);
      await refused(host.post({ handoff: 'redeem', code: ticket.code }, 'mallory'), 403, 'not-allowed');
      await ok(host.post({ handoff: 'redeem', code: ticket.code }, 'alice'));
    });

    it("refuses every handoff action, the phone's included, when authorize answers false", async () => {
      const host = await startHost(kinds[0]!.storages()[0]!, false);
      const { ticket } = await handOff(host);
      await refused(host.post({ handoff: 'redeem', code: ticket.code }), 403, 'not-allowed');
      for (const handoff of ['session', 'progress', 'status']) {
        await refused(host.post({ handoff, id: ticket.id, key: 'k'.repeat(43), step: 'video' }), 403, 'not-allowed');
      }
      for (const handoff of ['status', 'code', 'cancel', 'take-back'])
        await refused(host.post({ handoff, id: ticket.id }), 403, 'not-allowed');
      assert.equal((await fetch(`${host.url}?handoff=${ticket.id}`)).status, 403);
      // Nothing was spent: the code still works for a phone the host lets in.
      assert.equal((await ok<HandoffStatus>(host.post({ handoff: 'status', id: ticket.id }, 'alice'))).state, 'waiting');
    });

    it('is not served by the token endpoint: a handoff body there is refused, naming the endpoint', async () => {
      const host = await startHost(kinds[0]!.storages()[0]!);
      const { userId } = await handOff(host);
      const answer = await fetch(host.tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-user': 'alice' },
        body: JSON.stringify({ handoff: 'create', userId, progress: AFTER_INQUIRY }),
      });
      const body = (await answer.json()) as { reason: string; field: string; message: string };
      assert.equal(answer.status, 400);
      assert.deepEqual([body.reason, body.field], ['bad-request', 'handoff']);
      assert.match(body.message, /createHandoffHandler/);
      assert.throws(() => createTokenHandler({ apiKey: API_KEY, authorize: () => false, handoff: {} } as never), /createHandoffHandler/);
    });

    it("sends the host's own refusal of a phone as it is", async () => {
      const host = await startHost(kinds[0]!.storages()[0]!, new Response('slow down', { status: 429 }));
      const { ticket } = await handOff(host);
      const answer = await host.post({ handoff: 'redeem', code: ticket.code });
      assert.equal(answer.status, 429);
      assert.equal(await answer.text(), 'slow down');
    });

    it('refuses a wrong key, bad bodies, and a stream of an unknown handoff', async () => {
      const host = await startHost(kinds[0]!.storages()[0]!);
      const { ticket } = await handOff(host);
      await ok(host.post({ handoff: 'redeem', code: ticket.code }));
      await refused(host.post({ handoff: 'session', id: ticket.id, key: 'k'.repeat(43) }), 404, 'handoff-unknown');
      await refused(host.post({ handoff: 'status', id: ticket.id, key: 'k'.repeat(43) }), 404, 'handoff-unknown');
      for (const body of [
        { handoff: 'redeem' },
        { handoff: 'redeem', code: 'short' },
        { handoff: 'progress', id: ticket.id, key: 'k'.repeat(43), step: 'video', completed: 'anything' },
        { handoff: 'progress', id: ticket.id, step: 'video' },
        { handoff: 'fly' },
      ]) {
        const answer = await host.post(body, 'alice');
        assert.equal(answer.status, 400, JSON.stringify(body));
      }
      assert.equal((await fetch(`${host.url}?handoff=${'x'.repeat(22)}`, { headers: { 'x-user': 'alice' } })).status, 404);
      assert.equal((await fetch(host.url)).status, 405);
      assert.ok(!JSON.stringify(host.events).includes(ticket.code), 'no code in what the host logs');
    });
  });
});
