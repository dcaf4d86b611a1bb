/**
 * Checks every server-kit handler makes before it spends an upstream call: where the request
 * comes from, how big it is, and whether the host's rate limit allows it.
 */
import { failure } from './responses.js';

export interface GuardOptions {
  /**
   * Origins allowed to call (e.g. `['https://shop.example']`). When set, a browser request whose
   * `Origin` is not listed is refused. When not set, cross-site browser requests are refused
   * (`Sec-Fetch-Site: cross-site`) and same-site ones pass.
   */
  allowedOrigins?: string[];
  /** Largest accepted body in bytes. */
  maxBodyBytes?: number;
  /** The host's rate limit: return `false` (429) or a Response of your own to refuse. */
  rateLimit?: (request: Request) => boolean | Response | Promise<boolean | Response>;
}

/** A refusal to send, or `undefined` when the request may proceed. */
export async function guardRequest(request: Request, options: GuardOptions): Promise<Response | undefined> {
  const origin = request.headers.get('origin');
  if (options.allowedOrigins) {
    if (origin !== null && !options.allowedOrigins.includes(origin)) {
      return failure(403, { code: 1, reason: 'origin-not-allowed', message: 'Origin not allowed.' });
    }
  } else if (request.headers.get('sec-fetch-site') === 'cross-site') {
    return failure(403, { code: 1, reason: 'origin-not-allowed', message: 'Cross-site requests are not allowed.' });
  }
  if (options.rateLimit) {
    const verdict = await options.rateLimit(request);
    if (verdict instanceof Response) return verdict;
    if (verdict !== true)
      return failure(
        429,
        { code: 1, reason: 'rate-limited', message: 'Too many requests. Please try again shortly.' },
        { 'Retry-After': '30' },
      );
  }
  return undefined;
}

export class BodyTooLarge extends Error {}

/** Reads the body as text, refusing it once it passes `maxBytes` (without reading the rest). */
export async function readLimitedText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new BodyTooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(concatBytes(chunks));
}

/** The chunks of a body read in parts, as one array. */
export function concatBytes(chunks: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
