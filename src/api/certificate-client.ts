/**
 * Calls to the host's certificate endpoint (`createCertificateHandler`): one JSON POST per action,
 * with the page's own cookies (the endpoint's `authorize` says who is signed in). Through the
 * shared `HttpClient`, so each refusal the endpoint names reads as its own clear message.
 * Issuing and revoking are never repeated by themselves; reading the status may be.
 */
import { parseCertificateSummary, type CertificateClient, type CertificateRequest } from '../core/certificate-contract.js';
import { addClientErrors } from '../core/error-catalog.js';
import { EmzanoError } from '../core/errors.js';
import { isRecord } from '../core/is-record.js';
import { HttpClient, type HttpOptions } from './http.js';

export type { CertificateClient };

addClientErrors({
  'identity-missing': {
    retryable: false,
    fa: 'هویت شما هنوز تأیید نشده است. ابتدا احراز هویت را کامل کنید.',
    en: 'Your identity has not been verified yet. Please complete identity verification first.',
  },
  'ca-unavailable': {
    retryable: true,
    fa: 'مرکز صدور گواهی الان در دسترس نیست. کمی بعد دوباره تلاش کنید.',
    en: 'The certificate authority is not available right now. Please try again in a little while.',
  },
  'ca-refused': {
    retryable: false,
    fa: 'مرکز صدور گواهی درخواست را نپذیرفت. اگر دوباره پیش آمد با پشتیبانی تماس بگیرید.',
    en: 'The certificate authority did not accept the request. If this happens again, please contact support.',
  },
  'certificate-exists': {
    retryable: false,
    fa: 'یک گواهی فعال دیگر به نام شما هست. آن را باطل کنید و دوباره درخواست دهید.',
    en: 'You already have another active certificate. Revoke it, then ask again.',
  },
  'csr-invalid': {
    retryable: false,
    fa: 'درخواست گواهی این مرورگر پذیرفته نشد. دوباره تلاش کنید تا کلید تازه‌ای ساخته شود.',
    en: "This browser's certificate request was not accepted. Please try again to make a new key.",
  },
  'certificate-invalid': {
    retryable: true,
    fa: 'گواهی دریافت‌شده با کلید شما جور نبود و کنار گذاشته شد. دوباره تلاش کنید.',
    en: 'The certificate received did not match your key and was set aside. Please try again.',
  },
  'certificate-unknown': {
    retryable: false,
    fa: 'این گواهی در حساب شما پیدا نشد.',
    en: 'This certificate was not found in your account.',
  },
});

export function certificateClient(endpoint: string, options: HttpOptions = {}): CertificateClient {
  // Issuing can wait on the CA's registration, approval and issuance in turn.
  const http = new HttpClient({ timeoutMs: 90_000, ...options });
  const url = new URL(endpoint, globalThis.document?.baseURI ?? globalThis.location?.href).href;
  const post = (json: CertificateRequest, signal: AbortSignal | undefined, idempotent = false) =>
    http.send({ method: 'POST', url, json, credentials: 'same-origin', signal, idempotent });
  const summary = (body: unknown) => {
    const parsed = parseCertificateSummary(body);
    if (!parsed) throw new EmzanoError('invalid-response');
    return parsed;
  };
  return {
    issue: async (csr, signal) => summary(await post({ action: 'issue', csr }, signal)),
    revoke: async (serialNumber, reason, signal) => summary(await post({ action: 'revoke', serialNumber, reason }, signal)),
    status: async (signal) => {
      const body = await post({ action: 'status' }, signal, true);
      const list = isRecord(body) && Array.isArray(body['certificates']) ? body['certificates'] : undefined;
      if (!list) throw new EmzanoError('invalid-response');
      return list.map(summary);
    },
  };
}
