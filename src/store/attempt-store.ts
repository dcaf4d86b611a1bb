/**
 * Keeps an element's unfinished work in IndexedDB (through idb-keyval), so a reload loses
 * nothing: one record per attempt, keyed by the page's origin and the attempt's own id (for
 * KYC, the national code), plus a pointer to the latest. Never stores tokens. Records older
 * than `maxAgeMs` are dropped, since Emzano expires unfinished verifications too.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

interface Stored<T> {
  savedAt: number;
  value: T;
}

export class AttemptStore<T> {
  private store: UseStore | undefined;

  constructor(
    private readonly namespace: string,
    private readonly maxAgeMs = 24 * 3600 * 1000,
    private readonly origin: string = globalThis.location?.origin ?? '',
  ) {}

  /** The latest unfinished attempt, if any and not too old. */
  async latest(): Promise<{ id: string; value: T } | undefined> {
    const id = await get<string>(this.key('current'), this.db());
    if (id === undefined) return undefined;
    const stored = await get<Stored<T>>(this.key(`attempt:${id}`), this.db());
    if (!stored || Date.now() - stored.savedAt > this.maxAgeMs) {
      await this.clear(id);
      return undefined;
    }
    return { id, value: stored.value };
  }

  async save(id: string, value: T): Promise<void> {
    await set(this.key(`attempt:${id}`), { savedAt: Date.now(), value } satisfies Stored<T>, this.db());
    await set(this.key('current'), id, this.db());
  }

  async clear(id: string): Promise<void> {
    await del(this.key(`attempt:${id}`), this.db());
    if ((await get<string>(this.key('current'), this.db())) === id) await del(this.key('current'), this.db());
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
