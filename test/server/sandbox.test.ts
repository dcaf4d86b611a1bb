/**
 * The sandbox's promises about its secrets (the discovery document holds every test credential)
 * and fault switches: this machine only. Raw HTTP, as an attacker sends it: paths that normalise
 * elsewhere, absolute-form targets, another Host (DNS rebinding), another site's page (Origin).
 * And the state file: readable by its owner only.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isLoopbackAddress, startSandbox, type RunningSandbox } from '../../demo/sandbox/sandbox.js';

describe('the sandbox keeps its secrets and switches to this machine', () => {
  let state: string;
  let sandbox: RunningSandbox;
  before(async () => {
    state = mkdtempSync(join(tmpdir(), 'emzano-sandbox-'));
    sandbox = await startSandbox({ port: 0, stateDir: state });
  });
  after(async () => {
    await sandbox.close();
    rmSync(state, { recursive: true, force: true });
  });

  /** A raw request: `target` and headers exactly as given. */
  const raw = (target: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { port } = new URL(sandbox.url);
      const sent = request({ host: '127.0.0.1', port, path: target, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      sent.on('error', reject);
      sent.end();
    });
  const refused = async (answer: Promise<{ status: number; body: string }>, reason: string) => {
    const { status, body } = await answer;
    assert.deepEqual([status, (JSON.parse(body) as { reason: string }).reason], [403, reason], body);
  };

  it('answers this machine, as itself', async () => {
    const { status, body } = await raw('/.well-known/emzano-sandbox');
    assert.equal(status, 200);
    assert.equal((JSON.parse(body) as { sandbox: string }).sandbox, sandbox.url);
    assert.equal((await raw('/__emulator/requests', { Host: 'localhost' })).status, 200);
    assert.equal((await raw('/__sandbox/', { Origin: sandbox.url })).status, 200, 'its own fault page');
  });

  it('refuses a path that normalises to a private one, and an absolute-form target', async () => {
    await refused(raw('/x/../.well-known/emzano-sandbox'), 'bad-target');
    await refused(raw('/%2e/.well-known/emzano-sandbox'), 'bad-target');
    await refused(raw('/ra/x/../__ra/faults'), 'bad-target');
    await refused(raw(`${sandbox.url}/.well-known/emzano-sandbox`), 'bad-target');
  });

  it('refuses another host name (DNS rebinding) and another site', async () => {
    await refused(raw('/.well-known/emzano-sandbox', { Host: 'attacker.example:8787' }), 'loopback-host-only');
    await refused(raw('/__emulator/requests', { Origin: 'https://attacker.example' }), 'cross-origin');
    await refused(raw('/dipar/__dipar/requests', { Origin: 'https://attacker.example' }), 'cross-origin');
    // The services' own paths stay open to the browser of any page: that is what they are for.
    assert.notEqual((await raw('/api/v1/external/kyc/random-text', { Origin: 'https://shop.example' })).status, 403);
  });

  it('takes only this machine as this machine', () => {
    for (const address of ['127.0.0.1', '127.0.1.1', '::1', '::ffff:127.0.0.1']) assert.ok(isLoopbackAddress(address), address);
    for (const address of ['10.0.0.2', '192.168.1.5', '::ffff:10.0.0.2', 'fe80::1', '127.0.0.1.evil'])
      assert.ok(!isLoopbackAddress(address), address);
  });

  it('keeps its state readable by its owner only', () => {
    assert.equal(statSync(join(state, 'sandbox.json')).mode & 0o777, 0o600);
  });

  it("names the address given for other devices in the services' base URLs, and keeps its own to this machine", async () => {
    const lan = await startSandbox({ port: 0, stateDir: state, publicUrl: 'http://192.168.1.5:8787/' });
    try {
      const { discovery } = lan;
      assert.equal(discovery.sandbox, lan.url, 'the discovery document and switches stay where this machine reaches them');
      assert.deepEqual(
        [discovery.emzano.baseUrl, discovery.ra.baseUrl, discovery.dipar.baseUrl, discovery.remoteVerification.baseUrl],
        ['http://192.168.1.5:8787', 'http://192.168.1.5:8787/ra/api', 'http://192.168.1.5:8787/dipar', 'http://192.168.1.5:8787/video-id'],
      );
    } finally {
      await lan.close();
    }
  });
});
