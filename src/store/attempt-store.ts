/**
 * Keeps an element's unfinished work in IndexedDB (through idb-keyval), so a reload loses
 * nothing. Nothing personal is in a key: each record is kept under the SHA-256 of its scope (the
 * host's `persist-key`, an opaque id of its signed-in user, or none) and the attempt's own id
 * (for KYC, the national code), with one pointer per scope to its latest attempt. Only the
 * latest attempt of the same scope is reopened. Records older than `maxAgeMs`, records no scope
 * points to, and records written by older versions are removed the first time the store is used
 * on a page. Never stores tokens.
 */
import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';
import { sha256Hex as hash } from '../core/sha256.js';

interface Stored<T> {
  savedAt: number;
  /** The scope's hash, checked again when reading, so a record never opens under another scope. */
  scope: string;
  value: T;
}

export class AttemptStore<T> {
  private store: UseStore | undefined;
  private purged: Promise<void> | undefined;

  constructor(
    private readonly namespace: string,
    private readonly maxAgeMs = 24 * 3600 * 1000,
    private readonly origin: string = globalThis.location?.origin ?? '',
  ) {}

  /** The latest unfinished attempt of `scope`, if any and not too old. */
  async latest(scope: string): Promise<{ id: string; value: T } | undefined> {
    await this.purge();
    const scopeHash = await hash(`scope:${scope}`);
    const pointer = await get<{ record: string; id: string }>(this.key(`current:${scopeHash}`), this.db());
    if (!pointer) return undefined;
    const stored = await get<Stored<T>>(this.key(`attempt:${pointer.record}`), this.db());
    if (!stored || stored.scope !== scopeHash || this.tooOld(stored)) {
      await this.clear(scope, pointer.id);
      return undefined;
    }
    return { id: pointer.id, value: stored.value };
  }

  async save(scope: string, id: string, value: T): Promise<void> {
    const scopeHash = await hash(`scope:${scope}`);
    const record = await hash(`${scope}\u0000${id}`);
    await set(this.key(`attempt:${record}`), { savedAt: Date.now(), scope: scopeHash, value } satisfies Stored<T>, this.db());
    // The pointer holds the id to hand back on reading; it lives and dies with the record.
    await set(this.key(`current:${scopeHash}`), { record, id }, this.db());
  }

  async clear(scope: string, id: string): Promise<void> {
    const scopeHash = await hash(`scope:${scope}`);
    const record = await hash(`${scope}\u0000${id}`);
    await del(this.key(`attempt:${record}`), this.db());
    const pointer = await get<{ record: string }>(this.key(`current:${scopeHash}`), this.db());
    if (pointer?.record === record) await del(this.key(`current:${scopeHash}`), this.db());
  }

  /** Everything this element kept on this origin, every scope. */
  async clearAll(): Promise<void> {
    for (const key of await this.ownKeys()) await del(key, this.db());
  }

  /**
   * Once per page: removes records that are too old, records no scope points to (left by an
   * attempt started over, or by another person on this device), pointers to nothing, and keys of
   * the earlier layout (which held the national code in the key).
   */
  private purge(): Promise<void> {
    this.purged ??= (async () => {
      const own = await this.ownKeys();
      const pointed = new Set<string>();
      for (const key of own.filter((name) => name.startsWith(this.key('current:')))) {
        const pointer = await get<{ record?: unknown }>(key, this.db());
        if (typeof pointer?.record === 'string') pointed.add(this.key(`attempt:${pointer.record}`));
      }
      for (const key of own) {
        if (key.startsWith(this.key('current:'))) {
          const pointer = await get<{ record?: unknown }>(key, this.db());
          const target =
            typeof pointer?.record === 'string' ? await get<Stored<T>>(this.key(`attempt:${pointer.record}`), this.db()) : undefined;
          if (!target || this.tooOld(target)) await del(key, this.db());
        } else if (key.startsWith(this.key('attempt:')) && /^[0-9a-f]{64}$/.test(key.slice(this.key('attempt:').length))) {
          const stored = await get<Stored<T>>(key, this.db());
          if (!stored || !pointed.has(key) || this.tooOld(stored)) await del(key, this.db());
        } else {
          await del(key, this.db());
        }
      }
    })().catch(() => undefined);
    return this.purged;
  }

  private tooOld(stored: Stored<T>): boolean {
    return Date.now() - stored.savedAt > this.maxAgeMs;
  }

  private async ownKeys(): Promise<string[]> {
    const prefix = this.key('');
    return (await keys<IDBValidKey>(this.db())).filter((key): key is string => typeof key === 'string' && key.startsWith(prefix));
  }

  private key(name: string): string {
    return `${this.namespace}:${this.origin}:${name}`;
  }

  /** Opened on first use, so importing this module never touches IndexedDB. */
  private db(): UseStore {
    this.store ??= createStore('emzano-elements', 'attempts');
    return this.store;
  }
}
