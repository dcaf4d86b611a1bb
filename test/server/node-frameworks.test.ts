/**
 * The kit mounted as Node frameworks mount it, over real HTTP, against the emulators: Express 4,
 * Express 5, Fastify (its raw request and reply) and `node:http`. Behind body parsers mounted
 * before it (`express.json()`, `express.urlencoded()`, `express.raw()`), `toNodeListener` builds
 * the body from what the parser left; a body it cannot rebuild is answered `500 body-already-read`
 * with the fix, never a handler failing on a locked stream.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import express5 from 'express';
import express4 from 'express4';
import Fastify from 'fastify';
import { createStorage } from 'unstorage';
import { createEmzanoKit, type EmzanoKit } from '../../src/server/index.js';
import { toNodeListener } from '../../src/server/node.js';
import { KIT_API_KEY, startKitWorld, WEBHOOK_CREDENTIALS, type KitWorld } from '../helpers/kit-host.js';
import { SARA } from '../helpers/ra-people.js';
import { vendorAccount } from '../helpers/remote-verification.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;
const PERSON = { phoneNumber: SARA.Telephone, nationalCode: SARA.NationalCode };
const SEND = { phone: '+34 600 00 00 01', message: 'Verifique su identidad: [LINK]', sender: 'MiEmpresa' };
const WEBHOOK = `Basic ${Buffer.from(`${WEBHOOK_CREDENTIALS.username}:${WEBHOOK_CREDENTIALS.password}`).toString('base64')}`;

/** Reads the whole body and leaves nothing behind: what a parser the listener cannot read after does. */
const swallowBody = (req: IncomingMessage, _res: ServerResponse, next: () => void) => {
  req.on('data', () => undefined).on('end', () => next());
};

describe('toNodeListener in Node frameworks, behind body parsers', () => {
  let world: KitWorld;
  const servers: Array<{ close(): Promise<unknown> }> = [];
  before(async () => {
    world = await startKitWorld();
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await world.close();
  });
  beforeEach(() => world.reset());

  const kit = (): EmzanoKit =>
    createEmzanoKit({
      storage: createStorage(),
      authorize: (request) => {
        const user = request.headers.get('x-user');
        return user ? { subject: user } : false;
      },
      emzano: { apiKey: KIT_API_KEY, baseUrl: world.emzano.url },
      remoteVerification: {
        ...vendorAccount(world.vendor),
        webhookAuth: { basic: WEBHOOK_CREDENTIALS },
      },
    });

  const listen = async (listener: Listener): Promise<string> => {
    const server: Server = createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => (server.closeAllConnections(), new Promise((resolve) => server.close(resolve))) });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/emzano`;
  };

  const post = (url: string, body: string, type: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'Content-Type': type, 'x-user': 'alice', ...headers }, body });

  /** Enrols (JSON), sends a remote verification (JSON), delivers its report as a form, reads the timeline (GET). */
  const wholeRun = async (base: string) => {
    const enrolled = await post(`${base}/token`, JSON.stringify(PERSON), 'application/json');
    assert.equal(enrolled.status, 200, await enrolled.clone().text());
    const sent = await post(`${base}/remote/send`, JSON.stringify(SEND), 'application/json');
    assert.equal(sent.status, 200, await sent.clone().text());
    const { id } = (await sent.json()) as { id: string };
    const report = new URLSearchParams({ ID: id, Estado: '5001', Telefono: '+34600000001' }).toString();
    const delivered = await post(`${base}/remote/webhook`, report, 'application/x-www-form-urlencoded', { authorization: WEBHOOK });
    assert.equal(delivered.status, 200, await delivered.clone().text());
    const timeline = await fetch(`${base}/remote/${id}`, { headers: { 'x-user': 'alice' } });
    const { events } = (await timeline.json()) as { events: Array<{ status: number }> };
    assert.deepEqual(
      events.map((event) => event.status),
      [5001],
    );
  };

  const refusedAsRead = async (response: Response) => {
    const body = (await response.json()) as { reason: string; message: string };
    assert.equal(response.status, 500);
    assert.equal(body.reason, 'body-already-read');
    assert.match(body.message, /Mount the kit before the body parsers/);
  };

  for (const [name, express] of [
    ['Express 4', express4],
    ['Express 5', express5],
  ] as const) {
    describe(name, () => {
      it('serves the kit mounted before any body parser', async () => {
        const app = express();
        app.use('/api/emzano', toNodeListener(kit().fetch));
        await wholeRun(await listen(app));
      });

      it('serves it behind express.json() and express.urlencoded(), from what they parsed', async () => {
        const app = express();
        app.use(express.json(), express.urlencoded({ extended: false }));
        app.use('/api/emzano', toNodeListener(kit().fetch));
        await wholeRun(await listen(app));
      });

      it('takes the bytes as they came behind express.raw()', async () => {
        const app = express();
        app.use(express.raw({ type: '*/*' }));
        app.use('/api/emzano', toNodeListener(kit().fetch));
        await wholeRun(await listen(app));
      });

      it('answers 500 body-already-read, naming the fix, for a body it cannot rebuild', async () => {
        const app = express();
        app.use('/api/emzano/remote', express.urlencoded({ extended: true }));
        app.use('/api/emzano/token', swallowBody);
        app.use('/api/emzano', toNodeListener(kit().fetch));
        const base = await listen(app);
        await refusedAsRead(await post(`${base}/token`, JSON.stringify(PERSON), 'application/json'));
        // A nested form field has no one way back to the bytes that were sent.
        const nested = 'ID=r1&Estado=5001&Acceso[Fecha]=2026-12-08';
        await refusedAsRead(await post(`${base}/remote/webhook`, nested, 'application/x-www-form-urlencoded', { authorization: WEBHOOK }));
      });
    });
  }

  describe('Fastify, through its raw request and reply', () => {
    const fastifyApp = async (parseBodies: boolean) => {
      const app = Fastify();
      const listener = toNodeListener(kit().fetch);
      await app.register(async (scope) => {
        if (!parseBodies) {
          // The kit reads its own bodies: in this scope Fastify leaves the stream unread.
          scope.removeAllContentTypeParsers();
          scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
        }
        scope.all('/api/emzano/*', (request, reply) => {
          reply.hijack();
          return listener(request.raw, reply.raw);
        });
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      servers.push({ close: () => app.close() });
      return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/emzano`;
    };

    it('serves the kit in a scope whose content-type parser leaves the body unread', async () => {
      await wholeRun(await fastifyApp(false));
    });

    it("answers 500 body-already-read, naming the fix, behind Fastify's own JSON parser", async () => {
      const base = await fastifyApp(true);
      await refusedAsRead(await post(`${base}/token`, JSON.stringify(PERSON), 'application/json'));
    });
  });

  describe('node:http', () => {
    it('serves the kit as a plain listener', async () => {
      const listener = toNodeListener(kit().fetch);
      await wholeRun(await listen((req, res) => void listener(req, res)));
    });
  });
});
