/**
 * The server kit's store on unstorage, on the memory driver and on a real Redis: values expire by
 * their own clock (and natively on Redis), expired ones are swept, namespaces keep handlers
 * apart, and each primitive keeps its promise however many callers race for it, across two
 * instances: a claim is won once, a lock is released only by its owner, a compare-and-set never
 * loses a write, an append-only list loses no item; and no request path scans keys.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStorage, type Storage } from 'unstorage';
import fsDriver from 'unstorage/drivers/fs-lite';
import { createTokenHandler } from '../../src/server/index.js';
import { kitStore, type KitStore } from '../../src/server/store.js';
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
        // Memory keeps what expired until swept; Redis expired it by itself (and a sweep never scans it).
        assert.equal(await store.sweep(), kind.name === 'redis' ? 0 : 1);
        await store.remove('b');
        assert.equal(await store.get('b'), undefined);
      });

      it('keeps each namespace to itself', async () => {
        const [storage] = kind.storages();
        await kitStore(storage, 'one').set('key', 'first', 60);
        assert.equal(await kitStore(storage, 'two').get('key'), undefined);
        assert.equal(await kitStore(storage, 'one').get('key'), 'first');
      });

      it('lets exactly one of 50 racing callers win a claim, across instances, and gives it back', async () => {
        const storages = kind.storages(2);
        const stores = storages.map((storage) => kitStore(storage, 'test'));
        const wins = await Promise.all(Array.from({ length: 50 }, (_, index) => stores[index % stores.length]!.claim('once', 60)));
        assert.equal(wins.filter(Boolean).length, 1);
        await stores[1]!.unclaim('once');
        assert.equal(await stores[0]!.claim('once', 60), true, 'given back, won again');
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

      it('gives a lock to one holder at a time, and only its owner releases or extends it', async () => {
        let clock = 1_000_000;
        const storages = kind.storages(2);
        const [one, two] = storages.map((storage) => kitStore(storage, 'test', () => clock)) as [KitStore, KitStore];
        const held = await Promise.all(Array.from({ length: 50 }, (_, index) => (index % 2 ? one : two).lock('record', 5)));
        const [holder, ...others] = held.filter((lock) => lock !== undefined);
        assert.ok(holder);
        assert.equal(others.length, 0, 'one holder of 50');

        // The holder stalls past its time; the lock lapses, and the next caller takes it.
        await lapse(kind.name, storages[0]!, 'record', () => (clock += 6_000));
        const next = await two.lock('record', 5);
        assert.ok(next, 'a lapsed lock is taken by the next caller');
        assert.equal(await holder.release(), false, "the stalled holder cannot release the next one's lock");
        assert.equal(await holder.extend(5), false, 'nor extend it');
        assert.equal(await one.lock('record', 5), undefined, 'still held by its owner');
        assert.equal(await next.extend(5), true);
        assert.equal(await next.release(), true);
        assert.ok(await one.lock('record', 5), 'free once its owner let go');
      });

      it('waits for a lock its holder gives back', async () => {
        const [one, two] = kind.storages(2).map((storage) => kitStore(storage, 'test')) as [KitStore, KitStore];
        const first = (await one.lock('busy', 5))!;
        const waiting = two.lock('busy', 5, 2_000);
        setTimeout(() => void first.release(), 30);
        assert.ok(await waiting, 'taken once given back');
        assert.equal(await two.lock('busy', 5, 0), undefined, 'and not waited for with no wait');
      });

      it('never loses a write to a record 50 writers change at once (compare-and-set)', async () => {
        const [one, two] = kind.storages(2).map((storage) => kitStore(storage, 'test')) as [KitStore, KitStore];
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, index) =>
            (index % 2 ? one : two).update<{ count: number; by: number[] }>(
              'counter',
              (current) => ({ count: (current?.count ?? 0) + 1, by: [...(current?.by ?? []), index] }),
              60,
            ),
          ),
        );
        assert.ok(results.every((result) => result.changed));
        const final = await one.get<{ count: number; by: number[] }>('counter');
        assert.equal(final?.count, 50);
        assert.deepEqual(
          [...final!.by].sort((a, b) => a - b),
          Array.from({ length: 50 }, (_, index) => index),
        );
        const left = await two.update<{ count: number }>('counter', () => undefined, 60);
        assert.deepEqual([left.changed, left.value?.count], [false, 50], 'a change that answers nothing writes nothing');
      });

      it("lets a handler declared on instances: 'many' be made only on a store that holds across processes", () => {
        const [storage] = kind.storages();
        const make = () => createTokenHandler({ apiKey: 'key', authorize: () => false, storage, instances: 'many' });
        if (kind.name === 'redis') assert.doesNotThrow(make);
        else assert.throws(make, /^TypeError: createTokenHandler: instances: 'many' needs .*"memory" driver/);
      });

      it('keeps every item 50 writers append at once, in one list read by its name', async () => {
        const [one, two] = kind.storages(2).map((storage) => kitStore(storage, 'test')) as [KitStore, KitStore];
        await Promise.all(Array.from({ length: 50 }, (_, index) => (index % 2 ? one : two).append('timeline', { index }, 60)));
        const listed = await two.list<{ index: number }>('timeline');
        assert.deepEqual(
          listed.map((item) => item.index).sort((a, b) => a - b),
          Array.from({ length: 50 }, (_, index) => index),
        );
        assert.deepEqual(await one.list('nothing'), []);
      });
    });
  }

  it('refuses instances: many on a driver whose guarantees hold in one process only, naming it', () => {
    assert.throws(
      () => kitStore(createStorage(), 'test', { instances: 'many', factory: 'createEmzanoKit' }),
      /^TypeError: createEmzanoKit: instances: 'many' needs .*"memory" driver has no atomic set-if-absent/,
    );
    const files = createStorage({ driver: fsDriver({ base: '/nonexistent-emzano-test' }) });
    assert.throws(() => kitStore(files, 'test', { instances: 'many' }), /"fs-lite" driver/);
    assert.doesNotThrow(() => kitStore(files, 'test', { instances: 'one' }));
  });

  /** Lets the lock `key` lapse: by the store's clock on memory, by Redis's own expiry on Redis. */
  async function lapse(kind: string, storage: Storage, key: string, advance: () => void) {
    advance();
    if (kind !== 'redis') return;
    const client = (
      storage.getMount('').driver as {
        getInstance(): { keys(pattern: string): Promise<string[]>; pexpire(key: string, ms: number): Promise<number> };
      }
    ).getInstance();
    const [lockKey] = (await client.keys('*')).filter((name) => name.endsWith(`:emzano-elements:test:lock:${key}`));
    assert.ok(lockKey, 'the lock is a Redis key of its own');
    await client.pexpire(lockKey, 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }

  it('shares the default memory store within a process, and refuses what is not an unstorage instance', async () => {
    await kitStore(undefined, 'shared').set('key', 'seen', 60);
    assert.equal(await kitStore(undefined, 'shared').get('key'), 'seen');
    assert.equal(await kitStore(createStorage(), 'shared').get('key'), undefined);
  });
});
