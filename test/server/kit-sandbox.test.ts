/**
 * The kit's one switch to the sandbox: `createEmzanoKit({ sandbox: url, … })` reads every base URL
 * and credential from the sandbox's discovery document; sections say only which vendors, and
 * what only the host can give; every token tells the browser where the sandbox's Emzano is. Against the real sandbox (its emulators on one port), over HTTP.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type RunningSandbox } from '../../demo/sandbox/sandbox.js';
import { createEmzanoKit } from '../../src/server/index.js';
import { CONTRACT } from '../helpers/clm-bodies.js';
import { freePort } from '../helpers/free-port.js';
import { csrFor, SARA } from '../helpers/ra-people.js';

const PERSON = { phoneNumber: SARA.Telephone, nationalCode: SARA.NationalCode };
const SEND = { phone: '+34 600 00 00 01', message: 'Verifique su identidad: [LINK]', sender: 'MiEmpresa' };

/**
 * The kit made outside production, whatever another test in this process set: a Vite build
 * (test/build) sets NODE_ENV to production for the whole process. Synchronous, so nothing runs between.
 */
function kitOf(config: Parameters<typeof createEmzanoKit>[0]) {
  const before = process.env['NODE_ENV'];
  delete process.env['NODE_ENV'];
  try {
    return createEmzanoKit(config);
  } finally {
    if (before !== undefined) process.env['NODE_ENV'] = before;
  }
}

describe('createEmzanoKit({ sandbox })', () => {
  let state: string;
  let sandbox: RunningSandbox;
  before(async () => {
    state = mkdtempSync(join(tmpdir(), 'emzano-kit-sandbox-'));
    sandbox = await startSandbox({ port: 0, stateDir: state });
  });
  after(async () => {
    await sandbox.close();
    rmSync(state, { recursive: true, force: true });
  });

  const call = (kit: ReturnType<typeof createEmzanoKit>, path: string, body?: unknown) =>
    kit.fetch(
      new Request(`http://app.example/api/emzano${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
  const ok = async <T>(response: Promise<Response>) => {
    const answer = await response;
    assert.equal(answer.status, 200, await answer.clone().text());
    return (await answer.json()) as T;
  };

  it('runs every vendor from the discovery document, with only what the host alone can give', { timeout: 60_000 }, async () => {
    const kit = kitOf({
      sandbox: sandbox.url,
      authorize: () => ({ subject: 'alice' }),
      emzano: true,
      handoff: true,
      ra: { person: () => SARA },
      clm: true,
      dipar: { claims: () => ({ nationalCode: SARA.NationalCode, mobile: SARA.Telephone, firstName: SARA.Name, lastName: SARA.LastName }) },
      remoteVerification: true,
    });
    const { userId, apiBase } = await ok<{ userId: string; apiBase?: string }>(call(kit, '/token', PERSON));
    assert.equal(apiBase, sandbox.url, 'every token tells the browser where the sandbox is: pages need no api-base');
    await ok(call(kit, '/certificate', { action: 'issue', csr: await csrFor(SARA.NationalCode) }));
    await ok(call(kit, '/clm/api/v1/clm/documents/execute/file', CONTRACT));
    await ok(call(kit, '/dipar/start', {}));
    await ok(call(kit, '/remote/send', SEND));
    assert.equal((await kit.verifyKyc({ subject: 'alice' })).userId, userId);
    // Dual-Auth for the sandbox's broker comes with it: the signed result is read and checked.
    const result = await kit.readDiparResult('alice');
    assert.equal(result?.nationalCode, SARA.NationalCode);
    assert.equal(typeof (await kit.remoteCredits({ maxAgeSeconds: 0 }))?.credits, 'number');
  });

  it("lets a section's own value win over the sandbox's", async () => {
    const kit = kitOf({
      sandbox: sandbox.url,
      authorize: () => ({ subject: 'alice' }),
      emzano: { apiKey: 'not-the-sandbox-key' },
    });
    const refused = await call(kit, '/token', PERSON);
    assert.equal(refused.status, 502, 'the sandbox refused the key the section gave');
  });

  it('answers 503 sandbox-unavailable while the sandbox is down, and works once it is up', async () => {
    const port = await freePort();
    const kit = kitOf({ sandbox: `http://127.0.0.1:${port}`, authorize: () => ({ subject: 'alice' }), emzano: true });
    const down = await call(kit, '/token', PERSON);
    assert.equal(down.status, 503);
    assert.equal(((await down.json()) as { reason: string }).reason, 'sandbox-unavailable');
    const late = await startSandbox({ port, stateDir: state });
    try {
      await ok(call(kit, '/token', PERSON));
    } finally {
      await late.close();
    }
  });

  it('is refused in production, and with an address that is not one', () => {
    const before = process.env['NODE_ENV'];
    process.env['NODE_ENV'] = 'production';
    try {
      assert.throws(() => createEmzanoKit({ sandbox: sandbox.url, authorize: () => false, emzano: true }), /NODE_ENV is "production"/);
    } finally {
      if (before === undefined) delete process.env['NODE_ENV'];
      else process.env['NODE_ENV'] = before;
    }
    assert.throws(() => kitOf({ sandbox: 'localhost 8787', authorize: () => false, emzano: true }), /`sandbox` must be/);
  });
});
