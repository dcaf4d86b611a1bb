/**
 * CLM's callback, attacked: a forged state, an oversized body, a wrong secret, and the same
 * delivery twice (at two instances). Each is refused or heard once, and the state the host hears
 * is the one CLM itself reports. On memory and on a real Redis.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Storage } from 'unstorage';
import { CLM_CREDENTIALS } from '../../demo/emulator/clm.js';
import { clmCallbackUrl, createClmCallbackHandler, createClmHandler, type ClmDocumentStateEvent } from '../../src/server/index.js';
import { CONTRACT } from '../helpers/clm-bodies.js';
import { emulatorForSuite } from '../helpers/emulator-suite.js';
import { storeKinds } from '../helpers/stores.js';

const SECRET = 'abuse-suite-callback-secret-0123';

describe('abuse: CLM callback', () => {
  const emzano = emulatorForSuite('callback-abuse-key');
  const kinds = storeKinds();

  const receiver = (storage: Storage, heard: ClmDocumentStateEvent[]) =>
    createClmCallbackHandler({
      ...CLM_CREDENTIALS,
      baseUrl: emzano().url,
      storage,
      secret: SECRET,
      onDocumentState: (event) => void heard.push(event),
    });
  const deliver = (handler: ReturnType<typeof receiver>, body: unknown, secret = SECRET) =>
    handler(
      new Request(clmCallbackUrl('https://shop.example/api/emzano/clm-callback', secret), { method: 'POST', body: JSON.stringify(body) }),
    );

  /** A contract sent through the proxy; its id. */
  async function sendContract(storage: Storage): Promise<string> {
    const proxy = createClmHandler({ ...CLM_CREDENTIALS, baseUrl: emzano().url, storage, authorize: () => ({ subject: 'sender' }) });
    const response = await proxy(
      new Request('https://shop.example/api/emzano/clm/api/v1/clm/documents/execute/file', {
        method: 'POST',
        body: JSON.stringify(CONTRACT),
      }),
    );
    return ((await response.json()) as { id: string }).id;
  }
  const advance = (id: string, action: 'next' | 'reject') =>
    fetch(`${emzano().url}/__emulator/clm/documents/${id}/advance`, { method: 'POST', body: JSON.stringify({ action }) });

  for (const kind of kinds) {
    describe(`on ${kind.name}`, () => {
      it('hears nothing of a state CLM does not confirm: a forged "Signed" for a document still in progress', async () => {
        const [storage] = kind.storages();
        const heard: ClmDocumentStateEvent[] = [];
        const id = await sendContract(storage!);
        const forged = await deliver(receiver(storage!, heard), { documentId: id, state: 'Signed', title: 'Paid in full' });
        assert.equal(forged.status, 409);
        assert.equal(heard.length, 0, 'nothing heard');
        await advance(id, 'reject');
        const claimedSigned = await deliver(receiver(storage!, heard), { documentId: id, state: 'Signed' });
        assert.equal(claimedSigned.status, 409, 'CLM says Rejected');
        assert.equal((await deliver(receiver(storage!, heard), { documentId: id, state: 'Rejected' })).status, 204);
        assert.deepEqual(
          heard.map((event) => [event.documentId, event.state, event.title]),
          [[id, 'Rejected', 'Service agreement']],
        );
        // Each re-read asked exactly as the reference's one sample does.
        const reads = emzano()
          .emulator.requests()
          .filter((request) => request.method === 'GET' && request.path === `/api/v1/clm/documents/${id}`);
        assert.equal(reads.length, 3);
        assert.deepEqual(new Set(reads.map((request) => request.query)), new Set(['returnStructure=1&onlyDetail=false']));
        assert.ok(reads.every((request) => request.status === 200));
      });

      it('refuses an oversized body unread and a wrong secret, asking CLM nothing', async () => {
        const [storage] = kind.storages();
        const heard: ClmDocumentStateEvent[] = [];
        const handler = receiver(storage!, heard);
        const huge = await deliver(handler, {
          documentId: '2ac617da-02e4-4c36-afe1-f65919206d62',
          state: 'Signed',
          padding: 'x'.repeat(70_000),
        });
        assert.equal(huge.status, 413);
        assert.equal(
          (await deliver(handler, { documentId: '2ac617da-02e4-4c36-afe1-f65919206d62', state: 'Signed' }, 'guessed-secret-0000000'))
            .status,
          401,
        );
        assert.deepEqual(emzano().emulator.requests(), [], 'CLM was not asked');
        assert.deepEqual(heard, []);
      });

      it('hears a final state once, however often and wherever it is delivered', async () => {
        const [one, two] = kind.storages(2);
        const heard: ClmDocumentStateEvent[] = [];
        const id = await sendContract(one!);
        await advance(id, 'reject');
        const deliveries = await Promise.all([
          deliver(receiver(one!, heard), { documentId: id, state: 'Rejected' }),
          deliver(receiver(two!, heard), { documentId: id, state: 'Rejected' }),
          deliver(receiver(two!, heard), { documentId: id, state: 4 }),
        ]);
        assert.deepEqual(
          deliveries.map((response) => response.status),
          [204, 204, 204],
        );
        assert.equal(heard.length, 1);
      });
    });
  }
});
