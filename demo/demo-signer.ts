/**
 * The demo's signer: an RSA key made in this browser (never extractable), kept in IndexedDB so
 * it survives reloads, and a certificate for it from the emulator's test CA. A real host would
 * use a certificate from a real CA (see ../shared/api/pki-ca-ra-api.md) or its own `signer`.
 */
import { get, set } from 'idb-keyval';
import { bytesToBase64 } from '../src/core/base64.js';

interface StoredSigner {
  key: CryptoKey;
  certificate: string;
}

const STORE_KEY = 'emzano-demo-signer';

export async function demoSigner(): Promise<StoredSigner> {
  const stored = await get<StoredSigner>(STORE_KEY);
  if (stored) return stored;
  const keys = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
    false,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const publicKey = bytesToBase64(new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey)));
  const response = await fetch('/__emulator/certificates', {
    method: 'POST',
    body: JSON.stringify({ publicKey, commonName: 'Demo Signer' }),
  });
  const { certificate } = (await response.json()) as { certificate: string };
  const signer = { key: keys.privateKey, certificate };
  await set(STORE_KEY, signer);
  return signer;
}

/**
 * A person who already finished KYC in the emulator, so the signing demo needs no camera. Enrolled
 * once through the token endpoint, as `<emzano-kyc>` would, so the demo's user is bound to them
 * and may ask for their tokens later.
 */
export async function demoUserId(): Promise<string> {
  const person = { nationalCode: '0070947120', phoneNumber: '09350000000' };
  await fetch('/__emulator/users', { method: 'POST', body: JSON.stringify({ ...person, infoInquiry: true, faceRecognition: true }) });
  const response = await fetch('/api/emzano/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(person),
  });
  return ((await response.json()) as { userId: string }).userId;
}
