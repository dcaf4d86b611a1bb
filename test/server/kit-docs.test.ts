/**
 * docs/server-kit.md opens with the kit mounted in Hono: that sample, as written there, type-checks
 * against the kit's types and runs here against every vendor's emulator (its imports pointed at this repository's sources and at
 * `test/fixtures/kit-sample-app.ts`, the host's `./app.js`). A sample that stops working fails.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
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
  let file: URL;
  before(async () => {
    world = await startKitWorld();
    (globalThis as { kitSampleWorld?: KitWorld }).kitSampleWorld = world;
    const { code } = kitSample();
    // Written inside the repository, beside nothing else, so that `hono` resolves from its node_modules.
    const runnable = code
      .replace("from 'emzano-elements/server'", "from '../../src/server/index.js'")
      .replace("from './app.js'", "from '../../test/fixtures/kit-sample-app.js'");
    assert.notEqual(runnable, code, 'the sample imports the kit and the host app as expected');
    const directory = new URL('artifacts/doc-samples/', root);
    mkdirSync(directory, { recursive: true });
    file = new URL(`kit-sample-${process.pid}.ts`, directory);
    writeFileSync(file, runnable);
    app = ((await import(file.href)) as { default: typeof app }).default;
  });
  after(() => world.close());

  it('mounts every vendor in at most 15 lines', () => {
    assert.ok(kitSample().lines <= 15, `the sample is ${kitSample().lines} lines`);
  });

  it("type-checks as written, against the kit's own types", () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      fileURLToPath(new URL('tsconfig.json', root)),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    );
    assert.ok(config);
    const program = ts.createProgram([fileURLToPath(file)], config.options);
    const problems = ts
      .getPreEmitDiagnostics(program, program.getSourceFile(fileURLToPath(file)))
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    assert.deepEqual(problems, []);
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
