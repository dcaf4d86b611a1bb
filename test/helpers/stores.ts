/**
 * The server kit's stateful tests run twice: on unstorage's memory driver, and on a real Redis
 * through unstorage's Redis driver. `storages()` makes the stores one case needs: with Redis, each
 * is its own unstorage instance (its own connection) on one server, as two instances of the host
 * would be; with memory, one instance shared, as one process is.
 */
import { after, before } from 'node:test';
import { createStorage, type Storage } from 'unstorage';
import redisDriver from 'unstorage/drivers/redis';
import { startRedis, type RunningRedis } from './redis.js';

export interface StoreKind {
  name: 'memory' | 'redis';
  /** `count` stores that share their state, fresh for this case. */
  storages(count?: number): Storage[];
}

/** Registers the Redis server's start and stop with the suite; call at the top of a describe. */
export function storeKinds(): StoreKind[] {
  let redis: RunningRedis | undefined;
  const opened: Storage[] = [];
  let run = 0;
  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    await Promise.all(opened.map((storage) => storage.dispose()));
    await redis?.stop();
  });
  return [
    {
      name: 'memory',
      storages(count = 1) {
        const shared = createStorage();
        return Array.from({ length: count }, () => shared);
      },
    },
    {
      name: 'redis',
      storages(count = 1) {
        // A base of its own per case: no case sees another's keys.
        const base = `test-${process.pid}-${run++}`;
        return Array.from({ length: count }, () => {
          const storage = createStorage({ driver: redisDriver({ url: redis!.url, base }) });
          opened.push(storage);
          return storage;
        });
      },
    },
  ];
}

/**
 * Counts the store's reads of keys that contain `fragment`, whichever way the kit reads them:
 * through unstorage (memory), or straight through the Redis driver's client (Redis).
 */
export function countReads(storage: Storage, fragment: string): { readonly count: number } {
  const counter = { count: 0 };
  const driver = storage.getMount('').driver as { name?: string; getInstance?: () => { get(key: string): Promise<string | null> } };
  if (driver.name === 'redis' && driver.getInstance) {
    const client = driver.getInstance();
    const get = client.get.bind(client);
    client.get = (key: string) => {
      if (key.includes(fragment)) counter.count += 1;
      return get(key);
    };
    return counter;
  }
  const getItem = storage.getItem.bind(storage);
  storage.getItem = ((key: string, ...rest: unknown[]) => {
    if (key.includes(fragment)) counter.count += 1;
    return (getItem as (key: string, ...rest: unknown[]) => unknown)(key, ...rest);
  }) as typeof storage.getItem;
  return counter;
}

/**
 * Counts listings of keys (unstorage's `getKeys`, and Redis's `SCAN` and `KEYS` on the driver's
 * client): none belongs on a request path, where a shared Redis would scan its whole database.
 */
export function countScans(storage: Storage): { readonly count: number } {
  const counter = { count: 0 };
  const getKeys = storage.getKeys.bind(storage);
  storage.getKeys = ((...args: Parameters<typeof getKeys>) => {
    counter.count += 1;
    return getKeys(...args);
  }) as typeof storage.getKeys;
  const driver = storage.getMount('').driver as { name?: string; getInstance?: () => Record<string, unknown> };
  if (driver.name === 'redis' && driver.getInstance) {
    const client = driver.getInstance();
    for (const command of ['scan', 'scanStream', 'keys']) {
      const original = client[command] as (...args: unknown[]) => unknown;
      client[command] = (...args: unknown[]) => {
        counter.count += 1;
        return original.apply(client, args);
      };
    }
  }
  return counter;
}
