/**
 * The refresh token we hand to the browser. Emzano's user-token service has no refresh call, so
 * renewing means minting a new user token with the API key. To stop anyone from minting tokens
 * for an arbitrary `userId`, the handler only renews for a refresh token it signed itself
 * (HMAC-SHA-256, stateless, so it works on serverless hosts with many instances).
 */
import type { KycProgress } from '../core/kyc-flow.js';
import { isRecord } from '../core/is-record.js';

const PREFIX = 'eer1';
const encoder = new TextEncoder();

interface Claims {
  sub: string;
  exp: number;
  progress: KycProgress;
}

async function key(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(`emzano-elements/refresh/${secret}`), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export async function signRefreshToken(secret: string, claims: Claims): Promise<string> {
  const payload = base64url(encoder.encode(JSON.stringify(claims)));
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', await key(secret), encoder.encode(`${PREFIX}.${payload}`)));
  return `${PREFIX}.${payload}.${base64url(signature)}`;
}

/** The claims when the token is ours, unexpired and for `userId`; otherwise `undefined`. */
export async function verifyRefreshToken(secret: string, token: string, userId: string, nowSeconds: number): Promise<Claims | undefined> {
  const [prefix, payload, signature] = token.split('.');
  if (prefix !== PREFIX || !payload || !signature) return undefined;
  let ok: boolean;
  try {
    ok = await crypto.subtle.verify('HMAC', await key(secret), fromBase64url(signature), encoder.encode(`${PREFIX}.${payload}`));
  } catch {
    return undefined;
  }
  if (!ok) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(fromBase64url(payload)));
  } catch {
    return undefined;
  }
  if (!isRecord(claims) || claims['sub'] !== userId || typeof claims['exp'] !== 'number' || claims['exp'] < nowSeconds) return undefined;
  const progress = isRecord(claims['progress']) ? claims['progress'] : {};
  return {
    sub: userId,
    exp: claims['exp'],
    progress: {
      infoInquiry: progress['infoInquiry'] === true,
      faceRecognition: progress['faceRecognition'] === true,
      signature: progress['signature'] === true,
    },
  };
}
