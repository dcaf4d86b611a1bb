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
