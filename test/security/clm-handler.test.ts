/**
 * The CLM proxy, attacked: a caller the host does not vouch for, a read of someone else's
 * document, a callback URL from the browser, a query smuggled through, and crafted bodies. Each
 * proves the refusal and that nothing reached CLM (the emulator's request log). Documents are
 * recorded against their sender in the store: memory, and a real Redis shared by two instances.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Storage } from 'unstorage';
import { CLM_CREDENTIALS } from '../../demo/emulator/clm.js';
import { createClmHandler } from '../../src/server/index.js';
import { CONTRACT, TEMPLATE_ID, templateBody } from '../helpers/clm-bodies.js';
import { emulatorForSuite } from '../helpers/emulator-suite.js';
import { storeKinds } from '../helpers/stores.js';

describe('abuse: CLM proxy', () => {
  const emzano = emulatorForSuite('clm-abuse-key');
  const kinds = storeKinds();

  const instance = (storage: Storage, callbackUrl = 'https://shop.example/api/emzano/clm-callback?secret=server-only-0123456789') =>
    createClmHandler({
      ...CLM_CREDENTIALS,
      baseUrl: emzano().url,
      storage,
      callbackUrl,
      authorize: (request) => {
        const user = request.headers.get('x-user');
        return user ? { subject: user, anyDocument: user === 'back-office' } : false;
      },
    });
  const send = (handler: ReturnType<typeof instance>, user: string | undefined, body: unknown, search = '') =>
    handler(
      new Request(`https://shop.example/api/emzano/clm/api/v1/clm/documents/execute/file${search}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(user ? { 'x-user': user } : {}) },
        body: JSON.stringify(body),
      }),
    );
  const read = (handler: ReturnType<typeof instance>, user: string, id: string, search = '') =>
    handler(new Request(`https://shop.example/api/emzano/clm/api/v1/clm/documents/${id}${search}`, { headers: { 'x-user': user } }));
  const clmCalls = () =>
    emzano()
      .emulator.requests()
      .filter((request) => request.path.startsWith('/api/v1/clm/'));

  for (const kind of kinds) {
    describe(`on ${kind.name}`, () => {
      it('spends nothing for a caller the host does not vouch for', async () => {
        const [storage] = kind.storages();
        const refused = await send(instance(storage!), undefined, CONTRACT);
        assert.equal(refused.status, 403);
        assert.equal(((await refused.json()) as { reason: string }).reason, 'not-allowed');
        assert.deepEqual(emzano().emulator.requests(), [], 'not even a sign-in');
      });

      it("refuses a read of another user's document (and of one nobody sent through here), at another instance too", async () => {
        const [one, two] = kind.storages(2);
        const sent = await send(instance(one!), 'alice', CONTRACT);
        assert.equal(sent.status, 200);
        const { id } = (await sent.json()) as { id: string };
        const before = clmCalls().length;
        assert.equal((await read(instance(two!), 'mallory', id)).status, 403);
        assert.equal((await read(instance(two!), 'mallory', '00000000-0000-4000-8000-000000000000')).status, 403);
        assert.equal(clmCalls().length, before, 'CLM was not asked');
        assert.equal((await read(instance(two!), 'alice', id)).status, 200, 'the sender reads it at the other instance');
        assert.equal((await read(instance(one!), 'back-office', id)).status, 200, 'as does a caller authorize lets read any');
      });

      it("sends CLM the server's callback URL only, and forwards only Get Document's own query", async () => {
        const [storage] = kind.storages();
        const handler = instance(storage!);
        const sent = await send(
          handler,
          'alice',
          { ...CONTRACT, callbackUrl: 'https://evil.example/steal' },
          '?callbackUrl=https://evil.example',
        );
        const { id } = (await sent.json()) as { id: string };
        const execute = clmCalls().find((request) => request.path.endsWith('/execute/file'))!;
        assert.equal(
          (execute.json as { callbackUrl: string }).callbackUrl,
          'https://shop.example/api/emzano/clm-callback?secret=server-only-0123456789',
        );
        assert.equal(execute.query ?? '', '', 'no query forwarded to execute');
        await read(handler, 'alice', id, '?returnStructure=1&onlyDetail=false&admin=true&callbackUrl=x');
        const got = clmCalls().at(-1)!;
        assert.deepEqual(Object.fromEntries(new URLSearchParams(got.query ?? '')), { returnStructure: '1', onlyDetail: 'false' });

        const withoutOption = createClmHandler({
          ...CLM_CREDENTIALS,
          baseUrl: emzano().url,
          storage: storage!,
          authorize: () => ({ subject: 'alice' }),
        });
        await send(withoutOption, 'alice', { ...CONTRACT, callbackUrl: 'https://evil.example/steal' });
        assert.equal('callbackUrl' in (clmCalls().at(-1)!.json as object), false, 'dropped, not passed on');
      });

      it('refuses a crafted execute-file body with every problem listed, before CLM hears of it', async () => {
        const [storage] = kind.storages();
        const crafted = {
          ...CONTRACT,
          base64File: btoa('<html>not a pdf</html>'),
          workflows: [
            { ...CONTRACT.workflows[0], role: 7, contact: '123' },
            { ...CONTRACT.workflows[1], nationalCode: '0499370899' },
            { title: 'Signer without a field', name: 'Reza Karimi', nationalCode: '1234567891', contact: '09351234567', role: 0 },
          ],
        };
        const refused = await send(instance(storage!), 'alice', crafted);
        assert.equal(refused.status, 400);
        const { problems } = (await refused.json()) as { problems: Array<{ path: string; problem: string }> };
        assert.deepEqual(problems, [
          { path: 'base64File', problem: 'not-a-pdf' },
          { path: 'workflows[0].contact', problem: 'mobile' },
          { path: 'workflows[0].role', problem: 'role' },
          { path: 'workflows[1].nationalCode', problem: 'duplicate' },
          { path: 'workflows[2].signatureField', problem: 'field-missing' },
        ]);
        assert.equal((await send(instance(storage!), 'alice', { title: 'x' })).status, 400);
        assert.deepEqual(clmCalls(), [], 'nothing reached CLM');
      });

      it("checks an execute-template body against the template's declared field types, and refuses fields it lacks", async () => {
        const [storage] = kind.storages();
        const handler = createClmHandler({
          ...CLM_CREDENTIALS,
          baseUrl: emzano().url,
          storage: storage!,
          authorize: () => ({ subject: 'alice' }),
          templates: { [TEMPLATE_ID]: { 'sheba-1': '_REQUIRED_SHEBA', 'text-1': '_OPTIONAL_TEXT' } },
        });
        const body = templateBody([
          { name: 'sheba-1', value: 'IR000000000000000000000000' },
          { name: 'salary', value: '1000' },
        ]);
        const refused = await handler(
          new Request('https://shop.example/api/emzano/clm/api/v1/clm/documents/execute/template', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }),
        );
        assert.equal(refused.status, 400);
        const { problems } = (await refused.json()) as { problems: Array<{ path: string; problem: string }> };
        assert.deepEqual(
          problems.map((problem) => problem.path),
          ['documentFields[salary]', 'documentFields[sheba-1]'],
        );
        assert.deepEqual(clmCalls(), [], 'nothing reached CLM');
      });
    });
  }
});
