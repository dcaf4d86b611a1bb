/**
 * `toNodeListener`, the server kit in Node's `http` server: a handler that answers without reading
 * the upload (a refusal, a failure) leaves the connection fit for the client's next request.
 */
import assert from 'node:assert/strict';
import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { toNodeListener } from '../../src/server/node.js';

describe('toNodeListener', () => {
  const server = createServer(
    toNodeListener(async (request) => {
      if (new URL(request.url).pathname === '/refuse') return Response.json({ reason: 'not-allowed' }, { status: 403 });
      return Response.json({ read: (await request.text()).length });
    }),
  );
  // One connection, kept alive: the second request goes on the connection of the first.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let origin = '';
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    agent.destroy();
    server.closeAllConnections();
    server.close();
  });

  const post = (path: string, body: string) =>
    new Promise<{ status: number; body: string; socket: unknown }>((resolve, reject) => {
      const sent = httpRequest(`${origin}${path}`, { method: 'POST', agent, timeout: 2000 }, (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text, socket: response.socket }));
      });
      sent.on('timeout', () => sent.destroy(new Error(`${path}: no answer within 2 s`)));
      sent.on('error', reject);
      sent.end(body);
    });

  it('throws away an upload the handler did not read, so the same connection carries the next request', async () => {
    const upload = 'x'.repeat(1024 * 1024);
    const refused = await post('/refuse', upload);
    assert.equal(refused.status, 403);
    const next = await post('/read', 'the next request');
    assert.deepEqual([next.status, next.body], [200, '{"read":16}']);
    assert.equal(next.socket, refused.socket, 'on the same connection');
  });
});
