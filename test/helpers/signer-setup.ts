/**
 * For Node tests of signing: a person who finished KYC on the emulator (with the L-shaped
 * signature image), a user token, and an RSA key whose certificate the emulator's test CA issued.
 */
import { readFileSync } from 'node:fs';
import type { RunningEmulator } from '../../demo/emulator/server.js';

export const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

export interface ReadySigner {
  userId: string;
  accessToken: string;
  keys: CryptoKeyPair;
  /** base64 DER, issued by the emulator's test CA. */
  certificate: string;
}

export async function readySigner(emzano: RunningEmulator, apiKey: string, commonName = 'Test Signer'): Promise<ReadySigner> {
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${emzano.url}${path}`, { method: 'POST', ...init, headers: { Authorization: apiKey, ...(init.headers ?? {}) } });
  const json = { 'Content-Type': 'application/json' };
  const enrol = await (
    await call('/api/v1/external/kyc/enroll', {
      headers: json,
      body: JSON.stringify({ PhoneNumber: '09121234567', NationalCode: '0499370899' }),
    })
  ).json();
  const userId: string = enrol.Data.UserId;
  await call(`/api/v1/external/kyc/${userId}/info-inquiry`, {
    headers: json,
    body: JSON.stringify({ birthDate: '1370-01-01', SerialNumber: '12345' }),
  });
  const sentence = (await (await call('/api/v1/external/kyc/random-text', { method: 'GET' })).json()).Data.RandomText;
  const video = new FormData();
  video.append('RandomText', sentence);
  video.append('file', new Blob([new Uint8Array(64)], { type: 'video/mp4' }), 'video.mp4');
  await call(`/api/v1/external/kyc/${userId}/face-recognition`, { body: video });
  const image = new FormData();
  image.append('Image', new Blob([fixture('signature-l.png')], { type: 'image/png' }), 'signature.png');
  const uploaded = await call(`/api/v1/external/kyc/${userId}/upload-signature`, { body: image });
  if (uploaded.status !== 200) throw new Error(`upload-signature answered ${uploaded.status}`);
  const token = await (await call(`/api/v1/external/user/${userId}/token`)).json();
  return { userId, accessToken: token.AccessToken, ...(await certifiedKey(emzano, commonName)) };
}

/** An RSA key pair, and its certificate (base64 DER) from the emulator's test CA. */
export async function certifiedKey(emzano: RunningEmulator, commonName: string): Promise<{ keys: CryptoKeyPair; certificate: string }> {
  const keys = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
    false,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const spki = Buffer.from(await crypto.subtle.exportKey('spki', keys.publicKey)).toString('base64');
  const issued = await (
    await fetch(`${emzano.url}/__emulator/certificates`, { method: 'POST', body: JSON.stringify({ publicKey: spki, commonName }) })
  ).json();
  return { keys, certificate: issued.certificate };
}
