/**
 * What a developer reads when a page sets an element's property to a value of the wrong shape:
 * the property, what it must be, and what it was. Loaded only when that happens, so no element
 * carries these texts up front.
 */
import { addClientErrors } from '../core/error-catalog.js';
import { EmzanoError } from '../core/errors.js';

addClientErrors({
  'invalid-property': {
    retryable: false,
    fa: 'این صفحه این بخش را درست راه‌اندازی نکرده است و کار ادامه نمی‌یابد. توسعه‌دهندگان سایت علت را در کنسول مرورگر می‌بینند.',
    en: "This page set this part up wrongly, so it cannot go on. The site's developers can see why in the browser console.",
  },
});

/**
 * What each property must be, by name (a recipient's `role` or `order` by its last part); a name
 * two elements use differently is looked up as `tag.name` first.
 */
const EXPECTED: Record<string, string> = {
  'emzano-kyc.certificate': '"issue" or "off"',
  pdf: 'a Blob, an ArrayBuffer or a Uint8Array',
  mode: '"sign" or "send"',
  field: 'a field { page, x, y, width, height, pageWidth, pageHeight } in PDF points',
  certificate: 'an X.509 certificate: PEM or base64 DER text, or the DER bytes',
  signer: 'a function (digest, context) => Promise<signed digest>',
  signingKey: 'a private CryptoKey (RSASSA-PKCS1-v1_5, SHA-256)',
  session: "a session { userId, accessToken, expiresAt } (emzano-complete's detail.session)",
  recipients: 'an array of recipients { name, mobile, nationalCode, title, role, order, field? }',
  sendOptions: 'the contract settings { title, startPage, expiredAt?, callbackUrl?, certificatePayment? }',
  role: '"signer", "viewer" or "approver"',
  order: 'a whole number from 1',
  signature: '"required", "optional" or "off"',
  persist: '"on" or "off"',
  randomTextField: '"RandomText" or "randomText"',
  maxDuration: 'a number of seconds above 0',
  videoBitrate: 'a number of bits per second above 0',
  cameraHiddenTimeout: 'a number of seconds above 0',
  maxSize: 'a number of bytes above 0',
  documentId: "the CLM document's id, as text",
  persistKey: 'an opaque id of your signed-in user, as text',
  clmEndpoint: "the URL of the host's CLM endpoint, as text",
  certificateEndpoint: "the URL of the host's certificate endpoint, as text",
  pollInterval: 'a number of milliseconds above 0',
  maxPollInterval: 'a number of milliseconds above 0',
};

/** Says in the console what `element`'s property `name` must be and was; the error to show for it. */
export function refusal(element: Element, name: string, value: unknown): EmzanoError {
  const detail = refusalMessage(name, value, element.localName);
  console.error(`<${element.localName}>: ${detail}`);
  return new EmzanoError('invalid-property', { detail });
}

/** The developer's message: `recipients[0].role must be "signer", "viewer" or "approver"; got 0.` */
export function refusalMessage(name: string, value: unknown, tag = ''): string {
  const expected = EXPECTED[`${tag}.${name}`] ?? EXPECTED[name.replace(/^.*\./, '')] ?? 'another value';
  return `${name} must be ${expected}; got ${describeValue(value)}.`;
}

/** A value as a developer would recognise it in a message: short, and never a whole document. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const name = (value as object).constructor?.name;
  if (name && name !== 'Object') return `a ${name}`;
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  } catch {
    return 'an object';
  }
}
