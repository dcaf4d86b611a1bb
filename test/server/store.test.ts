/**
 * The server kit's store on unstorage, on the memory driver and on a real Redis: values expire by
 * their own clock (and natively on Redis), expired ones are swept, namespaces keep handlers
 * apart, and a claim is won exactly once however many callers race for it, across instances.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStorage } from 'unstorage';
import { kitStore } from '../../src/server/store.js';
import { storeKinds } from '../helpers/stores.js';

describe('kitStore', () => {
  const kinds = storeKinds();
  for (const kind of kinds) {
    describe(`on ${kind.name}`, () => {
      it('keeps a value until its expiry, then answers nothing and sweeps it', async () => {
        let clock = 1_000_000;
        const [storage] = kind.storages();
        const store = kitStore(storage, 'test', () => clock);
        await store.set('a', { n: 1 }, 60);
        await store.set('b', 'kept', 0);
        assert.deepEqual(await store.get('a'), { n: 1 });
        clock += 61_000;
        assert.equal(await store.get('a'), undefined);
        assert.equal(await store.get('b'), 'kept', '0 keeps until removed');
        await store.set('c', 1, 10);
        clock += 11_000;
        assert.equal(await store.sweep(), 1);
        await store.remove('b');
        assert.equal(await store.get('b'), undefined);
      });

      it('keeps each namespace to itself', async () => {
        const [storage] = kind.storages();
        await kitStore(storage, 'one').set('key', 'first', 60);
        assert.equal(await kitStore(storage, 'two').get('key'), undefined);
        assert.equal(await kitStore(storage, 'one').get('key'), 'first');
      });

      it('lets exactly one of many racing callers win a claim, across instances', async () => {
        const storages = kind.storages(4);
        const stores = storages.map((storage) => kitStore(storage, 'test'));
        const wins = await Promise.all(Array.from({ length: 40 }, (_, index) => stores[index % stores.length]!.claim('once', 60)));
        assert.equal(wins.filter(Boolean).length, 1);
        assert.equal(await stores[0]!.claim('other', 60), true, 'another key is free');
        if (kind.name === 'redis') {
          // Redis's own SET NX and EX: atomic across every instance, expired by Redis itself.
          const client = (
            storages[0]!.getMount('').driver as {
              getInstance(): { keys(pattern: string): Promise<string[]>; ttl(key: string): Promise<number> };
            }
          ).getInstance();
          const [claimKey] = (await client.keys('*')).filter((key) => key.endsWith(':emzano-elements:test:claim:once'));
          assert.ok(claimKey, 'the claim is a Redis key of its own');
          assert.ok((await client.ttl(claimKey)) > 0, 'with an expiry in Redis');
        }
      });
    });
  }

  it('shares the default memory store within a process, and refuses what is not an unstorage instance', async () => {
    await kitStore(undefined, 'shared').set('key', 'seen', 60);
    assert.equal(await kitStore(undefined, 'shared').get('key'), 'seen');
    assert.equal(await kitStore(createStorage(), 'shared').get('key'), undefined);
  });
});
