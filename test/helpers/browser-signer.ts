/** For the signing browser tests: a person who finished KYC, their token, and a certified key. */
import type { EmzanoSession } from '../../src/core/token-contract.js';
import { bytesToBase64 } from '../../src/core/base64.js';
import { emulator, resetEmulator, seedPerson, testEnv } from './env.js';

export interface BrowserSigner {
  session: EmzanoSession;
  key: CryptoKey;
  certificate: string;
}

/** A person who finished KYC, their token (from the host's endpoint) and a key the test CA certified. */
export async function readySigner(commonName = 'Browser Signer'): Promise<BrowserSigner> {
  await resetEmulator();
  await seedPerson({ nationalCode: '0499370899', phoneNumber: '09121234567', infoInquiry: true, faceRecognition: true });
  const { tokenEndpoint } = await testEnv();
  const grant = await (
    await fetch(tokenEndpoint, { method: 'POST', body: JSON.stringify({ phoneNumber: '09121234567', nationalCode: '0499370899' }) })
  ).json();
  const keys = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
    false,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const spki = bytesToBase64(new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey)));
  const issued = await emulator<{ certificate: string }>('/certificates', {
    method: 'POST',
    body: JSON.stringify({ publicKey: spki, commonName }),
  });
  return { session: grant, key: keys.privateKey, certificate: issued.certificate };
}
