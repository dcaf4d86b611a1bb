/**
 * The server kit's state (bindings of Emzano users to the host's users, refresh-token families,
 * and what later features record) on an unstorage instance the host passes as `storage`:
 * unstorage's memory driver by default (one process, for development), Redis or an edge KV when
 * the host runs more than one instance. Each handler keeps its keys under its own namespace;
 * every value carries its own expiry, so a driver that cannot expire keys still never answers
 * with a stale one.
 */
import { createStorage, prefixStorage, type Storage } from 'unstorage';

/** What the kit writes: the value and when it stops counting (Unix ms; 0 for never). */
interface Stored<T> {
  value: T;
  expiresAt: number;
}

export interface KitStore {
  get<T>(key: string): Promise<T | undefined>;
  /** `ttlSeconds` 0 keeps the value until it is removed. */
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
  remove(key: string): Promise<void>;
  /**
   * True for the first caller only, until `ttlSeconds` pass: a one-time use, or the first of two
   * racing writers. Atomic across instances on Redis (`SET NX`); one process at a time on other
   * drivers (see docs/server-kit.md).
   */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /** Gives a claim back (the work it guarded failed), so the next caller may win it. */
  release(key: string): Promise<void>;
  /** The keys in the group `prefix` (whole `:`-separated parts, e.g. `event:42:`); expired values may be listed, `get` skips them. */
  keys(prefix: string): Promise<string[]>;
  /** Removes expired values under this namespace; returns how many. Run by itself on drivers that do not expire keys. */
  sweep(): Promise<number>;
}

/** The minimum of an ioredis client a claim needs. */
interface RedisLike {
  set(key: string, value: string, expiry: 'EX', seconds: number, mode: 'NX'): Promise<'OK' | null>;
  del(key: string): Promise<number>;
}

interface DriverLike {
  name?: string;
  options?: { base?: string };
  getInstance?: () => unknown;
}

/** Drivers that expire keys themselves, given `ttl`: no sweep needed. */
const EXPIRING_DRIVERS = new Set(['redis', 'cloudflare-kv-binding', 'cloudflare-kv-http', 'vercel-kv', 'upstash']);
const SWEEP_EVERY_MS = 10 * 60_000;

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

/** In-process claims per storage: serialised, so two callers in one process never both win. */
const localClaims = new WeakMap<Storage, Map<string, Promise<boolean>>>();

export function kitStore(storage: Storage | undefined, namespace: string, now: () => number = Date.now): KitStore {
  const root = storage ?? defaultStorage();
  const items = prefixStorage(root, `emzano-elements:${namespace}`);
  const mount = root.getMount(`emzano-elements:${namespace}`) as { base: string; driver: DriverLike };
  const driver = mount.driver;
  const expiresByItself = EXPIRING_DRIVERS.has(driver.name ?? '');
  let lastSweep = now();

  const get = async <T>(key: string): Promise<T | undefined> => {
    const stored = (await items.getItem(key)) as Stored<T> | null;
    if (!stored || typeof stored !== 'object' || !('value' in stored)) return undefined;
    if (stored.expiresAt && stored.expiresAt <= now()) {
      await items.removeItem(key);
      return undefined;
    }
    return stored.value;
  };

  const set = async <T>(key: string, value: T, ttlSeconds: number): Promise<void> => {
    const ttl = Math.max(0, Math.ceil(ttlSeconds));
    const stored: Stored<T> = { value, expiresAt: ttl ? now() + ttl * 1000 : 0 };
    await items.setItem(key, stored as never, ttl ? { ttl } : {});
    if (!expiresByItself && now() - lastSweep > SWEEP_EVERY_MS) void sweep().catch(() => undefined);
  };

  const sweep = async (): Promise<number> => {
    lastSweep = now();
    let removed = 0;
    for (const key of await items.getKeys()) {
      const stored = (await items.getItem(key)) as Stored<unknown> | null;
      if (stored && typeof stored === 'object' && stored.expiresAt && stored.expiresAt <= now()) {
        await items.removeItem(key);
        removed += 1;
      }
    }
    return removed;
  };

  // A key of its own beside unstorage's, under the driver's base: SET NX is the one atomic step.
  const rawClaimKey = (key: string) =>
    [(driver.options?.base ?? '').replace(/:$/, ''), 'emzano-elements', namespace, 'claim', key].filter(Boolean).join(':');

  const release = async (key: string): Promise<void> => {
    const redis = redisOf(driver);
    if (redis) await redis.del(rawClaimKey(key));
    else await items.removeItem(`claim:${key}`);
  };

  const claim = async (key: string, ttlSeconds: number): Promise<boolean> => {
    const redis = redisOf(driver);
    if (redis) return (await redis.set(rawClaimKey(key), '1', 'EX', Math.max(1, Math.ceil(ttlSeconds)), 'NX')) === 'OK';
    let pending = localClaims.get(root);
    if (!pending) localClaims.set(root, (pending = new Map()));
    const claimKey = `${namespace}:${key}`;
    const before = pending.get(claimKey) ?? Promise.resolve(false);
    const mine = before.then(async () => {
      if ((await get<boolean>(`claim:${key}`)) === true) return false;
      await set(`claim:${key}`, true, ttlSeconds);
      return true;
    });
    const settled = mine.catch(() => false);
    pending.set(claimKey, settled);
    try {
      return await mine;
    } finally {
      if (pending.get(claimKey) === settled) pending.delete(claimKey);
    }
  };

  // unstorage writes keys with `:` between parts, whatever separator they were given.
  const keys = async (prefix: string): Promise<string[]> => {
    const base = prefix.replace(/[/\\]/g, ':');
    return (await items.getKeys(base)).filter((key) => key.startsWith(base));
  };

  return { get, set, remove: (key) => items.removeItem(key), keys, claim, release, sweep };
}

function redisOf(driver: DriverLike): RedisLike | undefined {
  if (driver.name !== 'redis' || typeof driver.getInstance !== 'function') return undefined;
  const client = driver.getInstance() as Partial<RedisLike> | undefined;
  return typeof client?.set === 'function' && typeof client.del === 'function' ? (client as RedisLike) : undefined;
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
