/**
 * docs/server-kit.md opens with the kit mounted in Hono: that sample, as written there, runs here
 * against every vendor's emulator (its imports pointed at this repository's sources and at
 * `test/fixtures/kit-sample-app.ts`, the host's `./app.js`). A sample that stops working fails.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { HandoffTicket } from '../../src/server/index.js';
import { CONTRACT } from '../helpers/clm-bodies.js';
import { startKitWorld, type KitWorld } from '../helpers/kit-host.js';
import { SARA } from '../helpers/ra-people.js';

const root = new URL('../../', import.meta.url);

/** The first TypeScript block of the docs' kit section, and how many lines of code it has (blank lines aside). */
function kitSample(): { code: string; lines: number } {
  const docs = readFileSync(new URL('docs/server-kit.md', root), 'utf8');
  const section = docs.slice(docs.indexOf('## The kit: every vendor, one configuration'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  assert.ok(match, 'the kit section has a TypeScript sample');
  return { code: match[1]!, lines: match[1]!.split('\n').filter((line) => line.trim() !== '').length };
}

describe("docs/server-kit.md's kit sample", () => {
  let world: KitWorld;
  let app: { fetch(request: Request): Response | Promise<Response> };
  before(async () => {
    world = await startKitWorld();
    (globalThis as { kitSampleWorld?: KitWorld }).kitSampleWorld = world;
    const { code } = kitSample();
    const runnable = code
      .replace("from 'emzano-elements/server'", `from '${new URL('src/server/index.ts', root).href}'`)
      .replace("from './app.js'", `from '${new URL('test/fixtures/kit-sample-app.ts', root).href}'`);
    assert.notEqual(runnable, code, 'the sample imports the kit and the host app as expected');
    // Inside the repository, so that `hono` resolves from its node_modules.
    const directory = new URL('artifacts/doc-samples/', root);
    mkdirSync(directory, { recursive: true });
    const file = new URL(`kit-sample-${process.pid}.ts`, directory);
    writeFileSync(file, runnable);
    app = ((await import(file.href)) as { default: typeof app }).default;
  });
  after(() => world.close());

  it('mounts every vendor in at most 15 lines', () => {
    assert.ok(kitSample().lines <= 15, `the sample is ${kitSample().lines} lines`);
  });

  it("answers every vendor's route under /api/emzano, and refuses a visitor not signed in", async () => {
    const call = async (path: string, user?: string, body?: unknown) =>
      app.fetch(
        new Request(`https://shop.example/api/emzano${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { 'Content-Type': 'application/json', ...(user ? { 'x-user': user } : {}) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
    const ok = async <T>(response: Promise<Response>) => {
      const answer = await response;
      assert.equal(answer.status, 200, await answer.clone().text());
      return (await answer.json()) as T;
    };
    const person = { phoneNumber: SARA.Telephone, nationalCode: SARA.NationalCode };
    assert.equal((await call('/token', undefined, person)).status, 403);
    const { userId } = await ok<{ userId: string }>(call('/token', 'alice', person));
    const progress = { infoInquiry: true, faceRecognition: false, signature: false };
    const ticket = await ok<HandoffTicket>(call('/handoff', 'alice', { handoff: 'create', userId, progress }));
    // The phone, not signed in, comes in by its code only.
    await ok(call('/handoff', undefined, { handoff: 'redeem', code: ticket.code }));
    assert.equal((await call('/handoff', undefined, { handoff: 'status', id: ticket.id })).status, 403);
    await ok(call('/certificate', 'alice', { action: 'status' }));
    await ok(call('/clm/api/v1/clm/documents/execute/file', 'alice', CONTRACT));
    await ok(call('/dipar/start', 'alice', {}));
    const send = { phone: '+34 600 00 00 01', message: 'Verifique su identidad: [LINK]', sender: 'MiEmpresa' };
    const { id } = await ok<{ id: string }>(call('/remote/send', 'alice', send));
    await ok(call(`/remote/${id}`, 'alice'));
    assert.equal((await call('/elsewhere', 'alice')).status, 404);
  });
});
