/**
 * The person's signing keys and certificates in this browser's IndexedDB (through idb-keyval),
 * one per scope (the host's opaque id of its signed-in user, or none), under the scope's SHA-256:
 * nothing personal in a key. The key pair is stored as the CryptoKey objects themselves (IndexedDB
 * keeps them by structured clone, non-extractable as they were made), never as bytes.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { addClientErrors } from '../core/error-catalog.js';
import { EmzanoError } from '../core/errors.js';
import type { CertificateSummary } from '../core/certificate-contract.js';
import { sha256Hex } from '../core/sha256.js';

addClientErrors({
  'key-storage-unavailable': {
    retryable: false,
    fa: 'این مرورگر اجازهٔ نگه‌داشتن کلید امضا را نمی‌دهد (شاید پنجرهٔ خصوصی باشد). در یک پنجرهٔ معمولی دوباره تلاش کنید.',
    en: 'This browser will not keep a signing key (perhaps this is a private window). Please try again in a normal window.',
  },
});

export interface StoredSigningKey {
  keys: CryptoKeyPair;
  createdAt: number;
  /** The certificate the CA issued for this key, once it has one, with what the endpoint last said of it. */
  certificate?: CertificateSummary;
}

let store: UseStore | undefined;
/** Opened on first use, so importing this module never touches IndexedDB. */
const db = () => (store ??= createStore('emzano-elements-keys', 'signing-keys'));
const keyOf = async (scope: string) => `signing-key:${await sha256Hex(`scope:${scope}`)}`;

/** Runs an IndexedDB step, turning a browser that refuses storage into a clear error. */
async function stored<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw new EmzanoError('key-storage-unavailable', { cause: error });
  }
}

export function loadSigningKey(scope: string): Promise<StoredSigningKey | undefined> {
  return stored(async () => get<StoredSigningKey>(await keyOf(scope), db()));
}

export function saveSigningKey(scope: string, value: StoredSigningKey): Promise<void> {
  return stored(async () => set(await keyOf(scope), value, db()));
}

export function forgetSigningKey(scope: string): Promise<void> {
  return stored(async () => del(await keyOf(scope), db()));
}
