import type { TokenEndpointError } from '../core/token-contract.js';

const HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  // Tokens must never be cached by a proxy or the browser.
  'Cache-Control': 'no-store',
};

export function json(body: unknown, status = 200, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...HEADERS, ...extra } });
}

export function failure(status: number, error: TokenEndpointError, extra: Record<string, string> = {}): Response {
  return json(error, status, extra);
}
