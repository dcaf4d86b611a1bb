import { clear, createStore } from 'idb-keyval';

/** Forgets every attempt the elements kept in IndexedDB, so each test starts fresh. */
export function clearSavedAttempts(): Promise<void> {
  return clear(createStore('emzano-elements', 'attempts'));
}
