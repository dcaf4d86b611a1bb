/**
 * The remote-verification endpoint against the vendor's emulator over real HTTP, with the
 * emulator POSTing its webhook reports to the host: every path of the handler, on unstorage's
 * memory driver and on a real Redis (where "two instances" are two stores with their own
 * connections to one server).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { VirtualClock } from '../../demo/emulator/clock.js';
import type { RunningVideoIdEmulator } from '../../demo/emulator/server.js';
import type { RemoteVerificationEvent, RemoteVerificationTimeline } from '../../src/core/remote-verification-contract.js';
import { pdfinfo } from '../helpers/pdf-commands.js';
import { startRemoteHost, startVideoIdEmulatorServer, webhookTo, type RemoteHost } from '../helpers/remote-verification.js';
import { readEvents } from '../helpers/server-sent-events.js';
import { countReads, countScans, storeKinds } from '../helpers/stores.js';

const PANEL_AUTH = `Basic ${Buffer.from('panel-webhook:panel-webhook-password').toString('base64')}`;
const SEND = { phone: '+34 600 00 00 01', message: 'Verifique su identidad: [LINK]', sender: 'MiEmpresa', dni: '00000000T' };
/** Resolves once `done` holds, checking every few milliseconds (the host answers over real HTTP). */
async function until(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 1000; tries++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.fail(`never: ${what}`);
}

describe('remote verification: the host endpoint and the vendor emulator', () => {
  let vendor: RunningVideoIdEmulator;
  /** The vendor's time: the simulated person takes a step only when a test moves it on. */
  let clock: VirtualClock;
  const kinds = storeKinds();
  const hosts: RemoteHost[] = [];
  before(async () => {
    clock = new VirtualClock();
    vendor = await startVideoIdEmulatorServer({ stepMs: 1_500, clock });
  });
  after(async () => {
    await vendor.close();
  });
  beforeEach(() => vendor.emulator.reset());
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.close()));
  });

  const start = async (...args: Parameters<typeof startRemoteHost> extends [unknown, ...infer Rest] ? Rest : never) => {
    const host = await startRemoteHost(vendor, ...args);
    hosts.push(host);
    return host;
  };
  const send = async (host: RemoteHost, user = 'alice', body: object = SEND) => {
    const response = await host.call('/send', user, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as { id: string; credits?: number };
  };
  const timelineOf = async (host: RemoteHost, id: string, user = 'alice') => {
    const response = await host.call(`/${id}`, user);
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as RemoteVerificationTimeline;
  };
  /**
   * The person's next step: the vendor's clock moved on to it, and its report delivered and
   * answered (one report at a time, so they reach the host in the order the person made them).
   */
  const step = async () => {
    assert.ok(await clock.next(), 'the person had a step left');
    await vendor.emulator.deliveriesSettled();
  };
  /** The person walks on, step by step, until the host has heard a report with `status`. */
  const waitForStatus = async (host: RemoteHost, id: string, status: number, user = 'alice') => {
    for (let steps = 0; steps < 20; steps++) {
      const timeline = await timelineOf(host, id, user);
      if (timeline.events.some((event) => event.status === status)) return timeline;
      await step();
    }
    assert.fail(`status ${status} never arrived for ${id}`);
  };
  const vendorCalls = () => vendor.emulator.requests().map((request) => request.path);

  for (const kind of kinds) {
    describe(`on ${kind.name}`, () => {
      it('sends with Basic auth and Resp JSON, the number normalised, and answers the id and credits', async () => {
        const [storage] = kind.storages();
        const host = await start(storage!);
        vendor.emulator.setWebhook(undefined);
        const sent = await send(host, 'alice', { ...SEND, sendAt: '2027-07-01T08:15:00Z' });
        assert.match(sent.id, /^\d+$/);
        assert.equal(sent.credits, 11999);
        const [call] = vendor.emulator.requests();
        assert.equal(call?.path, '/VerificarIdentidad');
        assert.equal(call?.res, 10);
        assert.deepEqual(call?.parameters, {
          Telefono: '34600000001',
          Mensaje: 'Verifique su identidad: [LINK]',
          Remitente: 'MiEmpresa',
          Dni: '00000000T',
          Fecha: '2027-07-01 10:15',
          Resp: 'JSON',
        });
        const timeline = await timelineOf(host, sent.id);
        assert.equal(timeline.phone, '34600000001');
        assert.equal(timeline.scheduledFor, '2027-07-01 10:15');
        assert.deepEqual(timeline.events, []);
        assert.equal((await host.handler.credits())?.credits, 11999, 'the send reported the credits');
        assert.deepEqual(vendorCalls(), ['/VerificarIdentidad'], 'the cached credits needed no call');
      });

      it('refuses bad input by field before any call to the vendor', async () => {
        const [storage] = kind.storages();
        const host = await start(storage!);
        const response = await host.call('/send', 'alice', {
          method: 'POST',
          body: JSON.stringify({ phone: '600000001', message: 'MiEmpresa', sender: 'Far too long a name', dni: '00000000A' }),
        });
        assert.equal(response.status, 422);
        const body = (await response.json()) as { reason: string; problems: Record<string, string> };
        assert.equal(body.reason, 'validation');
        assert.deepEqual(body.problems, { phone: 'phone-country-code', message: 'message-link', sender: 'sender-long', dni: 'dni-letter' });
        assert.equal((await host.call('/send', 'alice', { method: 'POST', body: 'not json' })).status, 400);
        assert.equal((await host.call('/send', undefined, { method: 'POST', body: JSON.stringify(SEND) })).status, 403);
        assert.deepEqual(vendorCalls(), []);
      });

      for (const settings of [
        { format: 'json', nestedAs: 'string' },
        { format: 'json', nestedAs: 'object' },
        { format: 'form', nestedAs: 'string' },
        { format: 'urlencoded', nestedAs: 'string' },
      ] as const) {
        it(`receives the reports as ${settings.format} with nested fields as ${settings.nestedAs}s, typed, through to 5100 and the certificate`, async () => {
          const [storage] = kind.storages();
          const host = await start(storage!);
          vendor.emulator.setWebhook(webhookTo(host, settings));
          const { id } = await send(host);
          const early = await host.call(`/${id}/certificate`, 'alice');
          // The person may already be on their way; before 5100 the answer is 409 and no vendor call.
          if (early.status !== 200) {
            assert.equal(early.status, 409);
            assert.equal(((await early.json()) as { reason: string }).reason, 'certificate-not-ready');
          }
          const timeline = await waitForStatus(host, id, 5100);
          assert.deepEqual(
            timeline.events.map((event) => event.status),
            [5000, 5010, 5020, 5001, 5100],
          );
          assert.equal(timeline.certificateReady, true);
          const opened = timeline.events[1]!;
          assert.deepEqual(opened.access, { date: opened.access?.date, ip: '85.10.20.221', port: '11892' });
          assert.equal(opened.device?.system, 'Android 15');
          assert.equal(opened.position?.latitude, 40.4189);
          const finished = timeline.events[3]!;
          assert.equal(finished.service, 'VERIFICACION_IDENTIDAD');
          assert.equal(finished.result?.faceSimilarity, 93.957847595214844);
          assert.equal(finished.result?.liveness, true);
          assert.equal(finished.result?.samePerson, true);
          assert.equal(finished.result?.requestedDocumentMatches, true);
          assert.equal(finished.result?.document?.name, 'APARICIO GARCIA,RAFAEL');
          assert.equal(finished.result?.document?.expired, false);

          const certificate = await host.call(`/${id}/certificate`, 'alice');
          assert.equal(certificate.status, 200);
          assert.equal(certificate.headers.get('content-type'), 'application/pdf');
          const pdf = Buffer.from(await certificate.arrayBuffer());
          assert.match(pdfinfo(pdf.toString('base64')), /Pages:\s+1/);
          assert.ok(vendorCalls().includes(vendor.emulator.certificatePath));
        });
      }

      it('stores a report delivered twice once, and tells the host once with the subject that sent it', async () => {
        const [storage] = kind.storages();
        const heard: { status: number; subject: string }[] = [];
        const host = await start(storage!, { onEvent: (event, sent) => void heard.push({ status: event.status, subject: sent.subject }) });
        vendor.emulator.setWebhook(webhookTo(host, { duplicate: true }));
        const { id } = await send(host, 'bob');
        const timeline = await waitForStatus(host, id, 5100, 'bob');
        await vendor.emulator.deliveriesSettled();
        assert.equal(timeline.events.length, 5);
        assert.equal(vendor.emulator.deliveries().length, 10, 'every report was delivered twice');
        assert.deepEqual(
          heard.map((item) => item.status),
          [5000, 5010, 5020, 5001, 5100],
        );
        assert.ok(heard.every((item) => item.subject === 'bob'));
      });

      it('refuses a report with the wrong Basic credentials (or none), and stores nothing of it', async () => {
        const [storage] = kind.storages();
        const host = await start(storage!);
        vendor.emulator.setWebhook(webhookTo(host, { basic: { username: 'panel-webhook', password: 'guessed-password' } }));
        const { id } = await send(host);
        // The report, and the two tries the panel makes after a refusal.
        for (let tries = 0; vendor.emulator.deliveries().length < 3 && tries < 3; tries++) await step();
        assert.ok(vendor.emulator.deliveries().every((delivery) => delivery.answered === 401));
        const unsigned = await host.call('/webhook', undefined, { method: 'POST', body: JSON.stringify({ ID: id, Estado: '5100' }) });
        assert.equal(unsigned.status, 401);
        assert.equal(unsigned.headers.get('www-authenticate'), 'Basic realm="webhook"');
        assert.deepEqual((await timelineOf(host, id)).events, []);
      });

      it('takes a URL secret instead, when the host configures one', async () => {
        const [storage] = kind.storages();
        const secret = 'webhook-url-secret-0123456789';
        const host = await start(storage!, { webhookAuth: { urlSecret: secret } });
        vendor.emulator.setWebhook({
          ...webhookTo(host),
          url: `${host.url}/api/remote-verification/webhook?secret=${secret}`,
          basic: undefined,
        });
        const { id } = await send(host);
        await waitForStatus(host, id, 5001);
        const wrong = await fetch(`${host.url}/api/remote-verification/webhook?secret=${secret.slice(0, -1)}x`, {
          method: 'POST',
          body: JSON.stringify({ ID: id, Estado: '5999' }),
        });
        assert.equal(wrong.status, 401);
      });

      it("refuses another subject's request and says nothing of an unknown one", async () => {
        const [storage] = kind.storages();
        const host = await start(storage!);
        vendor.emulator.setWebhook(undefined);
        const { id } = await send(host, 'alice');
        for (const path of [`/${id}`, `/${id}/events`, `/${id}/certificate`]) {
          assert.equal((await host.call(path, 'mallory')).status, 403, path);
          assert.equal((await host.call(path, undefined)).status, 403, path);
        }
        assert.equal((await host.call('/99999', 'alice')).status, 404);
        assert.equal((await host.call('/not/a/route/../x', 'alice')).status, 404);
        assert.deepEqual(vendorCalls(), ['/VerificarIdentidad']);
      });

      it('keeps a report for an id it never sent aside, and reports it', async () => {
        const [storage] = kind.storages();
        const aside: string[] = [];
        const host = await start(storage!, { onUnmatchedEvent: (item) => void aside.push(`${item.reason}:${item.event.id}`) });
        const report = { Servicio: 'VERIFICACION_IDENTIDAD', ID: '424242', Estado: '5001', Telefono: '34600000009' };
        const response = await fetch(`${host.url}/api/remote-verification/webhook`, {
          method: 'POST',
          headers: { Authorization: PANEL_AUTH, 'Content-Type': 'application/json' },
          body: JSON.stringify(report),
        });
        assert.equal(response.status, 200);
        await until(() => aside.length > 0, 'the host told of the report set aside');
        assert.deepEqual(aside, ['unknown-id:424242']);
        const unmatched = await host.handler.unmatchedEvents();
        assert.equal(unmatched.length, 1);
        assert.equal(unmatched[0]?.event.status, 5001);
        assert.equal(unmatched[0]?.event.raw['Telefono'], '34600000009');
      });

      it('adopts a report that arrived before the send was stored, and tells the host of it then', async () => {
        const [storage] = kind.storages();
        const heard: string[] = [];
        let hostUrl = '';
        // A person faster than the host: their first report reaches the webhook before the send's answer is stored.
        const fastPerson: typeof fetch = async (input, init) => {
          const response = await fetch(input, init);
          if (!String(input).endsWith('/VerificarIdentidad')) return response;
          const text = await response.text();
          const [answer] = JSON.parse(text) as [{ ID: string }];
          await fetch(`${hostUrl}/api/remote-verification/webhook`, {
            method: 'POST',
            headers: { Authorization: PANEL_AUTH },
            body: JSON.stringify({ ID: answer.ID, Estado: '5000', Telefono: '34600000001' }),
          });
          return new Response(text, { status: response.status, headers: response.headers });
        };
        const host = await start(storage!, {
          fetch: fastPerson,
          onEvent: (event, sent) => void heard.push(`${sent.subject}:${event.status}`),
        });
        hostUrl = host.url;
        vendor.emulator.setWebhook(undefined);
        const { id } = await send(host);
        await until(() => heard.length > 0, 'the host told of the adopted report');
        assert.deepEqual(await host.handler.unmatchedEvents(), []);
        assert.deepEqual(heard, ['alice:5000']);
        assert.deepEqual(
          (await timelineOf(host, id)).events.map((event) => event.status),
          [5000],
        );
      });

      it('sets a report aside whose number is not the one the request went to', async () => {
        const [storage] = kind.storages();
        const heard: number[] = [];
        const host = await start(storage!, { onEvent: (event) => void heard.push(event.status) });
        vendor.emulator.setWebhook(undefined);
        const { id } = await send(host);
        const forged = { ID: id, Estado: '5001', Telefono: '34699999999', Result: '{"PruebaDeVida":"Si"}' };
        await fetch(`${host.url}/api/remote-verification/webhook`, {
          method: 'POST',
          headers: { Authorization: PANEL_AUTH },
          body: JSON.stringify(forged),
        });
        await until(async () => (await host.handler.unmatchedEvents()).length > 0, 'the forged report set aside');
        assert.deepEqual(heard, []);
        assert.deepEqual(
          (await host.handler.unmatchedEvents()).map((item) => item.reason),
          ['phone-mismatch'],
        );
      });

      it('streams reports as Server-Sent Events, and a reconnection with Last-Event-ID replays only what was missed', async () => {
        const [storage] = kind.storages();
        const scans = countScans(storage!);
        const host = await start(storage!);
        vendor.emulator.setWebhook(webhookTo(host));
        const { id } = await send(host);
        const stream = await host.call(`/${id}/events`, 'alice');
        assert.equal(stream.headers.get('content-type'), 'text/event-stream; charset=utf-8');
        // The SMS goes out and the person opens it while the stream is open.
        const reading = readEvents(stream, (events) => events.length >= 2);
        await step();
        await step();
        const first = await reading;
        assert.deepEqual(
          first.map((event) => (event.data as RemoteVerificationEvent).status),
          [5000, 5010],
        );
        // Away while the person goes on; back with the last id seen.
        await waitForStatus(host, id, 5100);
        const again = await host.call(`/${id}/events`, 'alice', { headers: { 'Last-Event-ID': first[1]!.id } });
        const rest = await readEvents(again, (events) => events.length >= 3);
        assert.deepEqual(
          rest.map((event) => (event.data as RemoteVerificationEvent).status),
          [5020, 5001, 5100],
        );
        // Sends, reports and stream wake-ups read the timeline by its id: no key is scanned for them.
        assert.equal(scans.count, 0, 'no SCAN on a request path');
      });

      it('stops a live stream when its browser goes away (no store reads go on for it)', async () => {
        const storage = kind.storages()[0]!;
        const latestReads = countReads(storage, 'latest:');
        const host = await start(storage, { stream: { pollMs: 40 } });
        vendor.emulator.setWebhook(undefined);
        const { id } = await send(host);
        const leaving = new AbortController();
        const stream = await host.call(`/${id}/events`, 'alice', { signal: leaving.signal });
        assert.equal(stream.status, 200);
        await until(() => latestReads.count >= 2, `the stream polls the store while open (${latestReads.count} reads)`);
        leaving.abort();
        // Gone means no read for five polls running; a stream still reading would read every 40 ms.
        let quiet = false;
        for (let tries = 0; tries < 10 && !quiet; tries++) {
          const before = latestReads.count;
          await new Promise((resolve) => setTimeout(resolve, 200));
          quiet = latestReads.count === before;
        }
        assert.ok(quiet, 'no reads after the browser left');
      });

      it('waits after repeated failures instead of hammering the vendor, and tries again when the wait is over', async () => {
        const [storage] = kind.storages();
        let hostTime = Date.now();
        const host = await start(storage!, { now: () => hostTime, backoff: { after: 3, initialSeconds: 5 } });
        vendor.emulator.setWebhook(undefined);
        vendor.emulator.faults.set([{ kind: 'error', status: 503, path: '/VerificarIdentidad', times: 3 }]);
        const post = () => host.call('/send', 'alice', { method: 'POST', body: JSON.stringify(SEND) });
        for (let attempt = 0; attempt < 3; attempt++) assert.equal((await post()).status, 502);
        const waiting = await post();
        assert.equal(waiting.status, 503);
        assert.equal(waiting.headers.get('retry-after'), '5');
        assert.equal(((await waiting.json()) as { reason: string }).reason, 'remote-busy');
        assert.equal(vendorCalls().length, 3, 'the fourth call never reached the vendor');
        hostTime += 6000;
        assert.equal((await post()).status, 200);
        assert.equal(vendorCalls().length, 4);
      });

      it("honours the vendor's block (429) with its Retry-After", async () => {
        const [storage] = kind.storages();
        const host = await start(storage!, { apiToken: 'a-wrong-token', backoff: { after: 10 } });
        const post = () => host.call('/send', 'alice', { method: 'POST', body: JSON.stringify(SEND) });
        for (let attempt = 0; attempt < 5; attempt++) {
          const refused = await post();
          assert.equal(refused.status, 502);
          assert.equal(((await refused.json()) as { reason: string }).reason, 'remote-unauthorized');
        }
        const blocked = await post();
        assert.equal(blocked.status, 503);
        assert.equal(Number(blocked.headers.get('retry-after')) > 50, true);
        assert.equal((await post()).status, 503);
        assert.equal(vendorCalls().length, 6, 'after the block, the kit waits instead of calling');
      });

      it('reads the credits once for many callers, and answers the cached value when the vendor fails', async () => {
        const [storage] = kind.storages();
        let hostTime = Date.now();
        const host = await start(storage!, { now: () => hostTime });
        const first = await host.handler.credits();
        assert.equal(first?.credits, 12000);
        await Promise.all([host.handler.credits(), host.handler.credits({ maxAgeSeconds: 60 })]);
        assert.deepEqual(vendorCalls(), [vendor.emulator.creditsPath]);
        hostTime += 3_600_000;
        vendor.emulator.faults.set([{ kind: 'error', status: 500, path: vendor.emulator.creditsPath }]);
        const stale = await host.handler.credits();
        assert.equal(stale?.credits, 12000);
        assert.equal(stale?.at.getTime(), first?.at.getTime());
      });

      if (kind.name === 'redis') {
        it('follows on one instance what another instance received, and shares the back-off', async () => {
          const [storageA, storageB] = kind.storages(2);
          const receiver = await start(storageA!);
          const follower = await start(storageB!);
          vendor.emulator.setWebhook(webhookTo(receiver));
          const { id } = await send(follower);
          const stream = await follower.call(`/${id}/events`, 'alice');
          const reading = readEvents(stream, (items) => items.length >= 5);
          for (let steps = 0; steps < 5; steps++) await step();
          const events = await reading;
          assert.deepEqual(
            events.map((event) => (event.data as RemoteVerificationEvent).status),
            [5000, 5010, 5020, 5001, 5100],
          );
          assert.equal((await follower.call(`/${id}/certificate`, 'alice')).status, 200);

          vendor.emulator.faults.set([{ kind: 'error', status: 500, path: '/VerificarIdentidad' }]);
          const post = (host: RemoteHost) => host.call('/send', 'alice', { method: 'POST', body: JSON.stringify(SEND) });
          for (const host of [receiver, follower, receiver]) assert.equal((await post(host)).status, 502);
          assert.equal((await post(follower)).status, 503, 'the failures of both instances count together');
        });
      }
    });
  }
});
