/**
 * The server kit's state (bindings of Emzano users to the host's users, refresh-token families,
 * handoffs, certificates, webhook timelines) on an unstorage instance the host passes as
 * `storage`: unstorage's memory driver by default (one process, for development), Redis when the
 * host runs more than one instance.
 *
 * Besides plain values, the kit needs four guarantees, and each has one primitive here:
 * - `claim`: set-if-absent with an expiry (a single-use code, a delivery heard once);
 * - `lock`: held by an owner token, released or extended only by that owner;
 * - `update`: read-modify-write by compare-and-set, retried when another writer came between;
 * - `append`/`list`: an append-only list read by its name, never by scanning keys.
 *
 * On Redis (unstorage's Redis driver, through its ioredis client) each is one atomic command or
 * script, so they hold across instances. On any other driver they are serialised within this
 * process only: enough for one instance, and refused for `instances: 'many'` (see `kitStore`).
 * Every value carries its own expiry, so a driver that cannot expire keys still never answers
 * with a stale one.
 */
import { createStorage, prefixStorage, type Storage } from 'unstorage';
import { randomToken } from './random-token.js';

/** What the kit writes: the value and when it stops counting (Unix ms; 0 for never). */
interface Stored<T> {
  value: T;
  expiresAt: number;
}

/** A lock held by this caller; only its owner token releases or extends it. */
export interface StoreLock {
  /** Gives the lock back; false when it had expired and someone else (or nobody) holds it now. */
  release(): Promise<boolean>;
  /** Holds it `ttlSeconds` longer; false when it is no longer this caller's. */
  extend(ttlSeconds: number): Promise<boolean>;
}

/** What `update` did: the value now stored, and whether this call wrote it. */
export interface Updated<T> {
  value: T | undefined;
  changed: boolean;
}

export interface KitStore {
  /** `instances: 'many'` holds on this store: its primitives are atomic across processes. */
  readonly shared: boolean;
  get<T>(key: string): Promise<T | undefined>;
  /** `ttlSeconds` 0 keeps the value until it is removed. */
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
  remove(key: string): Promise<void>;
  /** True for the first caller only, until `ttlSeconds` pass: a one-time use, or the first of racing writers. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /** Gives a claim back (the work it guarded failed), so the next caller may win it. */
  unclaim(key: string): Promise<void>;
  /**
   * Takes the lock `key` for `ttlSeconds` (after which it lapses, if its holder died), waiting up
   * to `waitMs` for a holder to let go; undefined when it stayed held.
   */
  lock(key: string, ttlSeconds: number, waitMs?: number): Promise<StoreLock | undefined>;
  /**
   * Reads `key`, asks `change` for the next value, and writes it only if nobody wrote `key` in
   * between (else reads again and asks again). `change` answers `undefined` to leave the value as
   * it is, and may be asked more than once, so it must not act on the world. `ttlSeconds` may
   * depend on the new value.
   */
  update<T>(
    key: string,
    change: (current: T | undefined) => T | undefined,
    ttlSeconds: number | ((next: T) => number),
  ): Promise<Updated<T>>;
  /** Adds `item` at the end of the list `name`, whose whole list is kept `ttlSeconds` from now (0: until removed). */
  append<T>(name: string, item: T, ttlSeconds: number): Promise<void>;
  /** The list `name`, oldest first (empty when there is none). */
  list<T>(name: string): Promise<T[]>;
  /** Removes the whole list `name`. */
  dropList(name: string): Promise<void>;
  /** Removes expired values under this namespace; returns how many. Run by itself on drivers that do not expire keys. */
  sweep(): Promise<number>;
}

export interface KitStoreOptions {
  now?: () => number;
  /**
   * `'many'` when more than one process of the host shares this storage: the store then refuses a
   * driver whose claims, locks and compare-and-set would hold within one process only.
   */
  instances?: 'one' | 'many';
  /** The factory that asked, for the refusal's message. */
  factory?: string;
}

/** The few ioredis commands the atomic store needs. */
interface RedisCommands {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ...args: Array<string | number>): Promise<'OK' | null>;
  unlink(...keys: string[]): Promise<number>;
  lrange(key: string, start: number, stop: number): Promise<string[]>;
  eval(script: string, numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<unknown>;
}

interface DriverLike {
  name?: string;
  options?: { base?: string };
  getInstance?: () => unknown;
}

/** Drivers that expire keys themselves, given `ttl`: no sweep needed. */
const EXPIRING_DRIVERS = new Set(['redis', 'cloudflare-kv-binding', 'cloudflare-kv-http', 'vercel-kv', 'upstash']);
const SWEEP_EVERY_MS = 10 * 60_000;
/** Writers racing for one record: far more than a person's requests ever make. */
const MAX_UPDATE_TRIES = 100;

let processStorage: Storage | undefined;

/**
 * unstorage's memory driver, one per process and shared by every handler given no `storage`, so
 * the token handler and the verifier agree out of the box. Lost on restart; never shared between
 * instances: production hosts pass a real store.
 */
export function defaultStorage(): Storage {
  processStorage ??= createStorage();
  return processStorage;
}

export function kitStore(storage: Storage | undefined, namespace: string, options: KitStoreOptions | (() => number) = {}): KitStore {
  const { now = Date.now, instances = 'one', factory = 'emzano-elements' } = typeof options === 'function' ? { now: options } : options;
  const root = storage ?? defaultStorage();
  const prefix = `emzano-elements:${namespace}`;
  const mount = root.getMount(prefix) as { base: string; driver: DriverLike };
  const redis = redisOf(mount.driver);
  if (instances === 'many' && !redis) {
    throw new TypeError(
      `${factory}: instances: 'many' needs a store whose single-use claims, owner locks and compare-and-set hold across processes; ` +
        `unstorage's "${mount.driver.name ?? 'unnamed'}" driver has no atomic set-if-absent or compare-and-set, so two instances could both redeem one code. ` +
        'Use unstorage/drivers/redis (Redis, Valkey, or a managed Redis).',
    );
  }
  return redis
    ? redisStore(redis, rawKeyOf(mount, prefix), now)
    : localStore(root, prefix, EXPIRING_DRIVERS.has(mount.driver.name ?? ''), now);
}

/** The key the driver itself uses for `key`, as unstorage's Redis driver writes it (so values read back either way). */
function rawKeyOf(mount: { base: string; driver: DriverLike }, prefix: string): (key: string) => string {
  const driverBase = (mount.driver.options?.base ?? '').replace(/:$/, '');
  const withinMount = prefix.slice(mount.base.replace(/:$/, '').length);
  return (key) =>
    [driverBase, withinMount, key]
      .map((part) => part.replace(/[:/\\]/g, ':').replace(/^:|:$/g, ''))
      .filter(Boolean)
      .join(':');
}

function redisOf(driver: DriverLike): RedisCommands | undefined {
  if (driver.name !== 'redis' || typeof driver.getInstance !== 'function') return undefined;
  const client = driver.getInstance() as Partial<RedisCommands> | undefined;
  return typeof client?.eval === 'function' && typeof client.set === 'function' ? (client as RedisCommands) : undefined;
}

function stored<T>(value: T, ttlSeconds: number, now: () => number): { stored: Stored<T>; ttl: number } {
  const ttl = Math.max(0, Math.ceil(ttlSeconds));
  return { stored: { value, expiresAt: ttl ? now() + ttl * 1000 : 0 }, ttl };
}

function live<T>(found: unknown, now: () => number): T | undefined {
  if (!found || typeof found !== 'object' || !('value' in found)) return undefined;
  const { value, expiresAt } = found as Stored<T>;
  return expiresAt && expiresAt <= now() ? undefined : value;
}

function parse(raw: string | null): unknown {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

const RELEASE_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;
const EXTEND_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0`;
/** Writes ARGV[2] (with PX ARGV[3] when not 0) if the key still holds ARGV[1] ('' for nothing). */
const COMPARE_AND_SET = `
local current = redis.call('get', KEYS[1])
if (current == false and ARGV[1] ~= '') or (current ~= false and current ~= ARGV[1]) then return 0 end
if ARGV[3] == '0' then redis.call('set', KEYS[1], ARGV[2]) else redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return 1`;
const APPEND = `
redis.call('rpush', KEYS[1], ARGV[1])
if ARGV[2] == '0' then redis.call('persist', KEYS[1]) else redis.call('pexpire', KEYS[1], ARGV[2]) end
return 1`;

/** Every primitive one Redis command or script: atomic across every instance sharing the server. */
function redisStore(redis: RedisCommands, raw: (key: string) => string, now: () => number): KitStore {
  const write = async <T>(key: string, value: T, ttlSeconds: number) => {
    const { stored: record, ttl } = stored(value, ttlSeconds, now);
    if (ttl) await redis.set(raw(key), JSON.stringify(record), 'EX', ttl);
    else await redis.set(raw(key), JSON.stringify(record));
  };
  const claimKey = (key: string) => raw(`claim:${key}`);
  const lockKey = (key: string) => raw(`lock:${key}`);
  const seconds = (ttlSeconds: number) => Math.max(1, Math.ceil(ttlSeconds));

  return {
    shared: true,
    get: async <T>(key: string) => live<T>(parse(await redis.get(raw(key))), now),
    set: write,
    remove: async (key) => void (await redis.unlink(raw(key))),
    claim: async (key, ttlSeconds) => (await redis.set(claimKey(key), '1', 'EX', seconds(ttlSeconds), 'NX')) === 'OK',
    unclaim: async (key) => void (await redis.unlink(claimKey(key))),
    async lock(key, ttlSeconds, waitMs = 0) {
      const owner = randomToken(16);
      const take = async () => (await redis.set(lockKey(key), owner, 'PX', seconds(ttlSeconds) * 1000, 'NX')) === 'OK';
      if (!(await waitFor(take, waitMs))) return undefined;
      return {
        release: async () => (await redis.eval(RELEASE_IF_OWNER, 1, lockKey(key), owner)) === 1,
        extend: async (more) => (await redis.eval(EXTEND_IF_OWNER, 1, lockKey(key), owner, seconds(more) * 1000)) === 1,
      };
    },
    async update<T>(key: string, change: (current: T | undefined) => T | undefined, ttlSeconds: number | ((next: T) => number)) {
      for (let tries = 0; tries < MAX_UPDATE_TRIES; tries++) {
        const before = await redis.get(raw(key));
        const current = live<T>(parse(before), now);
        const next = change(current);
        if (next === undefined) return { value: current, changed: false };
        const { stored: record, ttl } = stored(next, typeof ttlSeconds === 'function' ? ttlSeconds(next) : ttlSeconds, now);
        const written = await redis.eval(COMPARE_AND_SET, 1, raw(key), before ?? '', JSON.stringify(record), String(ttl * 1000));
        if (written === 1) return { value: next, changed: true };
      }
      throw new Error(`The store's record "${key}" changed under every one of ${MAX_UPDATE_TRIES} tries.`);
    },
    async append(name, item, ttlSeconds) {
      const ttl = Math.max(0, Math.ceil(ttlSeconds));
      await redis.eval(APPEND, 1, raw(`list:${name}`), JSON.stringify(item), String(ttl * 1000));
    },
    list: async <T>(name: string) =>
      (await redis.lrange(raw(`list:${name}`), 0, -1)).map((item) => parse(item)).filter((item) => item !== undefined) as T[],
    dropList: async (name) => void (await redis.unlink(raw(`list:${name}`))),
    // Redis expires every key it was given an expiry for.
    sweep: async () => 0,
  };
}

/** Per storage, the chain of work on each key: serialised within this process. */
const keyQueues = new WeakMap<Storage, Map<string, Promise<unknown>>>();

/**
 * The primitives on any unstorage driver, serialised per key within this process: atomic for one
 * instance (the memory driver is never more), not across processes.
 */
function localStore(root: Storage, prefix: string, expiresByItself: boolean, now: () => number): KitStore {
  const items = prefixStorage(root, prefix);
  let lastSweep = now();
  let queues = keyQueues.get(root);
  if (!queues) keyQueues.set(root, (queues = new Map()));
  const chains = queues;

  /** Runs `work` after every earlier piece of work on `key` in this process has finished. */
  const serially = <R>(key: string, work: () => Promise<R>): Promise<R> => {
    const queueKey = `${prefix}:${key}`;
    const mine = (chains.get(queueKey) ?? Promise.resolve()).then(work, work);
    const settled = mine.catch(() => undefined);
    chains.set(queueKey, settled);
    void settled.then(() => {
      if (chains.get(queueKey) === settled) chains.delete(queueKey);
    });
    return mine;
  };

  const read = async <T>(key: string): Promise<T | undefined> => {
    const found = await items.getItem(key);
    const value = live<T>(found, now);
    // Expired: gone for good now, rather than at the next sweep.
    if (value === undefined && found !== null) await items.removeItem(key);
    return value;
  };
  const write = async <T>(key: string, value: T, ttlSeconds: number): Promise<void> => {
    const { stored: record, ttl } = stored(value, ttlSeconds, now);
    await items.setItem(key, record as never, ttl ? { ttl } : {});
    if (!expiresByItself && now() - lastSweep > SWEEP_EVERY_MS) void sweep().catch(() => undefined);
  };

  const sweep = async (): Promise<number> => {
    lastSweep = now();
    let removed = 0;
    for (const key of await items.getKeys()) {
      const found = (await items.getItem(key)) as Stored<unknown> | null;
      if (found && typeof found === 'object' && found.expiresAt && found.expiresAt <= now()) {
        await items.removeItem(key);
        removed += 1;
      }
    }
    return removed;
  };

  const claim = (key: string, ttlSeconds: number) =>
    serially(`claim:${key}`, async () => {
      if ((await read<boolean>(`claim:${key}`)) !== undefined) return false;
      await write(`claim:${key}`, true, Math.max(1, ttlSeconds));
      return true;
    });

  return {
    shared: false,
    get: (key) => serially(key, () => read(key)),
    set: (key, value, ttlSeconds) => serially(key, () => write(key, value, ttlSeconds)),
    remove: (key) => serially(key, () => items.removeItem(key)),
    claim,
    unclaim: (key) => serially(`claim:${key}`, () => items.removeItem(`claim:${key}`)),
    async lock(key, ttlSeconds, waitMs = 0) {
      const owner = randomToken(16);
      const take = () =>
        serially(`lock:${key}`, async () => {
          if ((await read<string>(`lock:${key}`)) !== undefined) return false;
          await write(`lock:${key}`, owner, Math.max(1, ttlSeconds));
          return true;
        });
      if (!(await waitFor(take, waitMs))) return undefined;
      const ifOwner = (act: () => Promise<void>) =>
        serially(`lock:${key}`, async () => {
          if ((await read<string>(`lock:${key}`)) !== owner) return false;
          await act();
          return true;
        });
      return {
        release: () => ifOwner(() => items.removeItem(`lock:${key}`)),
        extend: (more) => ifOwner(() => write(`lock:${key}`, owner, Math.max(1, more))),
      };
    },
    update: <T>(key: string, change: (current: T | undefined) => T | undefined, ttlSeconds: number | ((next: T) => number)) =>
      serially(key, async (): Promise<Updated<T>> => {
        const current = await read<T>(key);
        const next = change(current);
        if (next === undefined) return { value: current, changed: false };
        await write(key, next, typeof ttlSeconds === 'function' ? ttlSeconds(next) : ttlSeconds);
        return { value: next, changed: true };
      }),
    append: (name, item, ttlSeconds) =>
      serially(`list:${name}`, async () => {
        const listed = (await read<unknown[]>(`list:${name}`)) ?? [];
        await write(`list:${name}`, [...listed, item], ttlSeconds);
      }),
    list: async <T>(name: string) => (await read<T[]>(`list:${name}`)) ?? [],
    dropList: (name) => serially(`list:${name}`, () => items.removeItem(`list:${name}`)),
    sweep,
  };
}

/** Tries `take` until it succeeds or `waitMs` has passed, a little longer between tries each time. */
async function waitFor(take: () => Promise<boolean>, waitMs: number): Promise<boolean> {
  const deadline = performance.now() + waitMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 50)) {
    if (await take()) return true;
    if (performance.now() + pause > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** The two options every handler that keeps state takes. */
export interface StoreOptions {
  /** Where the handler keeps its state: an unstorage instance (default: unstorage's memory driver, one process). */
  storage?: Storage;
  /**
   * `'many'` when more than one process of the host serves these routes: the handler is then
   * refused at once unless `storage` gives single-use claims, owner locks and compare-and-set
   * across processes (unstorage's Redis driver). Default `'one'`.
   */
  instances?: 'one' | 'many';
}

/** The handler's store, its options checked when the handler is made, not on a person's request. */
export function handlerStore(factory: string, options: StoreOptions, namespace: string, now?: () => number): KitStore {
  const instances = options.instances ?? 'one';
  if (instances !== 'one' && instances !== 'many') throw new TypeError(`${factory}: \`instances\` must be 'one' or 'many'.`);
  return kitStore(checkStorage(factory, options.storage), namespace, { now, instances, factory });
}

/** Checks the option early, so a wrong value fails when the handler is made, not on a person's request. */
export function checkStorage(factory: string, storage: unknown): Storage | undefined {
  if (storage === undefined) return undefined;
  const candidate = storage as Partial<Storage>;
  if (typeof candidate.getItem !== 'function' || typeof candidate.setItem !== 'function' || typeof candidate.getMount !== 'function') {
    throw new TypeError(`${factory}: \`storage\` must be an unstorage instance (createStorage()).`);
  }
  return storage as Storage;
}
