/**
 * Server-to-server calls to Emzano with the API key. Only the server kit imports this file, so
 * the key cannot end up in a browser bundle.
 */
import type { KycProgress } from '../core/kyc-flow.js';
import { isRecord } from '../core/is-record.js';

export interface UpstreamConfig {
  apiKey: string;
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

/** An Emzano failure, or Emzano being unreachable (code 2, the reference's "service unavailable"). */
export class UpstreamError extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** The status our handler answers with. */
    readonly status: number,
  ) {
    super(message);
  }
}

export interface Enrolment {
  userId: string;
  progress: KycProgress;
}

export interface UserToken {
  accessToken: string;
  refreshToken: string;
  /** Emzano's `ExpiresIn`, whose meaning the reference leaves open (see `expiresIn` option). */
  expiresIn: number;
}

/** `POST /api/v1/external/kyc/enroll` with `{"PhoneNumber","NationalCode"}`. */
export async function enroll(config: UpstreamConfig, phoneNumber: string, nationalCode: string): Promise<Enrolment> {
  const body = await call(config, '/api/v1/external/kyc/enroll', { PhoneNumber: phoneNumber, NationalCode: nationalCode });
  if (!isRecord(body) || body['IsSuccess'] === false) throw envelopeError(body);
  const data = isRecord(body['Data']) ? body['Data'] : {};
  const userId = data['UserId'];
  if (typeof userId !== 'string' && typeof userId !== 'number') {
    throw new UpstreamError(2, 'Emzano enrol answered without a UserId.', 502);
  }
  return {
    userId: String(userId),
    progress: {
      infoInquiry: data['IsInfoInquiryCompleted'] === true,
      faceRecognition: data['IsFaceRecognitionCompleted'] === true,
      signature: data['IsSignatureUploaded'] === true,
    },
  };
}

/** `POST /api/v1/external/user/{UserId}/token`, no body; answer has no envelope. */
export async function mintUserToken(config: UpstreamConfig, userId: string): Promise<UserToken> {
  const body = await call(config, `/api/v1/external/user/${encodeURIComponent(userId)}/token`, undefined);
  if (!isRecord(body)) throw new UpstreamError(2, 'Emzano token answered with an unexpected shape.', 502);
  const { AccessToken, RefreshToken, ExpiresIn } = body;
  if (typeof AccessToken !== 'string' || typeof ExpiresIn !== 'number') {
    throw new UpstreamError(2, 'Emzano token answered with an unexpected shape.', 502);
  }
  return { accessToken: AccessToken, refreshToken: typeof RefreshToken === 'string' ? RefreshToken : '', expiresIn: ExpiresIn };
}

async function call(config: UpstreamConfig, path: string, json: unknown): Promise<unknown> {
  const headers: Record<string, string> = { Authorization: config.apiKey, Accept: 'application/json' };
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await config.fetch(`${config.baseUrl.replace(/\/+$/, '')}${path}`, {
      method: 'POST',
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new UpstreamError(2, timedOut ? 'Emzano did not answer in time.' : 'Emzano could not be reached.', timedOut ? 504 : 502);
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new UpstreamError(2, 'The connection to Emzano broke off.', 502);
  }
  let body: unknown;
  try {
    body = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    throw new UpstreamError(2, `Emzano answered ${response.status} with a body that is not JSON.`, 502);
  }
  if (!response.ok) throw envelopeError(body, response.status);
  return body;
}

/** Emzano's `{code, message}` (or an envelope with `IsSuccess: false`) as an UpstreamError. */
function envelopeError(body: unknown, status = 500): UpstreamError {
  const record = isRecord(body) ? body : {};
  const rawCode = record['code'] ?? record['Code'];
  const code = typeof rawCode === 'number' ? rawCode : Number.parseInt(String(rawCode ?? ''), 10);
  const message = record['message'] ?? record['Message'];
  const known = Number.isFinite(code) && code > 0;
  // Emzano's own business errors (1001, 2020 …) are the person's to fix: 422. Outages stay 5xx.
  const ourStatus = status === 401 || status === 403 ? 502 : known && code !== 2 ? 422 : 502;
  return new UpstreamError(known ? code : 2, typeof message === 'string' ? message : `Emzano answered ${status}.`, ourStatus);
}
