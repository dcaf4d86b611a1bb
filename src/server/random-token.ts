import { bytesToBase64 } from '../core/base64.js';

/** `bytes` random bytes as base64url: the kit's opaque ids, codes and tokens (fit for a URL as they are). */
export function randomToken(bytes: number): string {
  return bytesToBase64(crypto.getRandomValues(new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
