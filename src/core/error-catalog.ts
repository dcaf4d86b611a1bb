/**
 * Every error the elements can report, with a message for the person in each language and
 * whether trying again can help. Numeric codes are Emzano's: Appendix 1 of the external API, of
 * which the CLM appendix is a subset (1, 2 and 3001–3030). String codes are raised on the client
 * (network, devices, documents, the token endpoint).
 */
import { MODULE_URL } from '../internal/module-url.js';
import type { CertificateRefusal } from './certificate-contract.js';
import type { HandoffRefusal } from './handoff-contract.js';

/** Errors raised by the elements themselves rather than by Emzano. */
export type ClientErrorCode =
  | 'network'
  | 'timeout'
  | 'offline'
  | 'aborted'
  | 'unauthorized'
  | 'session-expired'
  | 'token-endpoint'
  | 'not-allowed'
  | 'identity-taken'
  | 'invalid-response'
  | 'validation'
  | 'camera-denied'
  | 'camera-not-found'
  | 'camera-busy'
  | 'camera-insecure-context'
  | 'recorder-unsupported'
  | 'recording-empty'
  | 'pdf-not-pdf'
  | 'pdf-damaged'
  | 'pdf-encrypted'
  | 'pdf-no-pages'
  | 'pdf-too-large'
  | 'too-large'
  | 'invalid-property'
  | 'pdf-load-failed'
  | 'signer-missing'
  | 'session-missing'
  | 'evidence-unavailable'
  | 'webcrypto-unsupported'
  | 'key-storage-unavailable'
  | 'certificate-missing'
  | 'certificate-revoked'
  | 'certificate-expired'
  // The certificate endpoint's refusals, each shown as itself (messages in api/certificate-client.ts).
  | Exclude<CertificateRefusal, 'not-allowed' | 'bad-request'>
  | 'photo-unreadable'
  // A handoff to a phone refused (its messages come with the handoff screens).
  | HandoffRefusal
  // An identity provider's own codes, prefixed with its name (registered when its code loads).
  | `dipar-${string}`
  // <emzano-remote-verification>'s own codes (its messages, in three languages, are its own).
  | `remote-${string}`
  | 'unknown';

/** An Emzano numeric error code or a client error code. */
export type ErrorCode = number | ClientErrorCode;

export interface LocalizedMessage {
  fa: string;
  en: string;
}

export interface CatalogEntry {
  retryable: boolean;
  fa: string;
  en: string;
  /** The attempt has ended (a session or token that expired or was used up): only starting again helps. */
  startOver?: boolean;
}

/**
 * Client codes every element can meet. The codes only one part of the code raises (camera,
 * recorder, PDF loading, signing) are added by that part (`addClientErrors`), so an element
 * carries the messages it can show and no others.
 */
const client: Partial<Record<ClientErrorCode, CatalogEntry>> & Record<'unknown', CatalogEntry> = {
  network: {
    retryable: true,
    fa: 'ارتباط با سرور برقرار نشد. اتصال اینترنت را بررسی کنید و دوباره تلاش کنید.',
    en: 'We could not reach the server. Check your connection and try again.',
  },
  timeout: {
    retryable: true,
    fa: 'پاسخ سرور بیش از حد طول کشید. دوباره تلاش کنید.',
    en: 'The server took too long to answer. Please try again.',
  },
  offline: {
    retryable: true,
    fa: 'اتصال اینترنت شما قطع است. با وصل شدن دوباره، ادامه می‌دهیم.',
    en: 'You are offline. We will continue when you are back online.',
  },
  aborted: {
    retryable: true,
    fa: 'درخواست لغو شد.',
    en: 'The request was cancelled.',
  },
  unauthorized: {
    retryable: true,
    fa: 'نشست شما تأیید نشد. دوباره تلاش کنید.',
    en: 'Your session could not be confirmed. Please try again.',
  },
  'session-expired': {
    retryable: false,
    startOver: true,
    fa: 'نشست شما به پایان رسیده است. لطفاً از ابتدا شروع کنید.',
    en: 'Your session has ended. Please start again.',
  },
  'token-endpoint': {
    retryable: true,
    fa: 'سرور این سایت پاسخ درستی نداد. کمی بعد دوباره تلاش کنید.',
    en: "This site's server did not answer properly. Please try again shortly.",
  },
  'invalid-response': {
    retryable: true,
    fa: 'پاسخ نامعتبری از سرور رسید. دوباره تلاش کنید.',
    en: 'The server sent an answer we could not read. Please try again.',
  },
  validation: {
    retryable: false,
    fa: 'لطفاً خطاهای مشخص‌شده را برطرف کنید.',
    en: 'Please correct the highlighted fields.',
  },
  unknown: {
    retryable: true,
    fa: 'خطای پیش‌بینی‌نشده‌ای رخ داد. دوباره تلاش کنید.',
    en: 'Something went wrong. Please try again.',
  },
};

/** Adds the messages of the codes a module raises (called once, where the module is defined). */
export function addClientErrors(entries: Partial<Record<ClientErrorCode, CatalogEntry>>): void {
  Object.assign(client, entries);
}

/**
 * Emzano's documented codes that trying again unchanged cannot fix (the person or the host must
 * change something). Outages and timeouts (2, 1003, 2014–2016, 3009, 3014, 3015, 3018) and codes
 * Emzano adds later are retryable. The messages are in emzano-messages.ts, loaded on first use
 * (see `loadEmzanoMessages`).
 */
const FINAL_EMZANO_CODES: ReadonlySet<number> = new Set([
  1, 1001, 1002, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012, 2013, 2017, 2018, 2019,
  2020, 2021, 2022, 2023, 2024, 3001, 3002, 3003, 3004, 3005, 3006, 3007, 3010, 3011, 3012, 3013, 3016, 3017, 3019, 3021, 3023, 3024, 3025,
  3026, 3027, 3028, 3029, 3030,
]);

/** Set by the build for the script-tag bundle (scripts/build.mjs). */
declare const __EMZANO_MESSAGES__: string | undefined;

/** The script-tag bundle loads the messages from the file beside it (set by the build). */
function importMessages(): Promise<typeof import('./emzano-messages.js')> {
  return typeof __EMZANO_MESSAGES__ === 'string'
    ? import(/* @vite-ignore */ new URL(__EMZANO_MESSAGES__, MODULE_URL).href)
    : import('./emzano-messages.js');
}

let emzanoMessages: Record<number, LocalizedMessage> | undefined;
let loadingMessages: Promise<void> | undefined;

/**
 * Loads the messages for Emzano's numbered codes once. Always resolves: if the file cannot be
 * fetched, numbered errors keep the generic message rather than fail twice.
 */
export function loadEmzanoMessages(): Promise<void> {
  loadingMessages ??= importMessages().then(
    (module) => void (emzanoMessages = module.EMZANO_MESSAGES),
    () => void (loadingMessages = undefined),
  );
  return loadingMessages;
}

/**
 * The entry for a code. A numbered code has its own message once `loadEmzanoMessages()` has
 * resolved, and the generic "something went wrong" before that or when Emzano adds a code.
 */
/** Whether a part registered a message for this client code (a server kit's `reason` is one when it is). */
export function isRegisteredClientError(code: string): code is ClientErrorCode {
  return code !== 'unknown' && Object.hasOwn(client, code);
}

export function catalogEntry(code: ErrorCode): CatalogEntry {
  if (typeof code !== 'number') return client[code] ?? client.unknown;
  const message = emzanoMessages?.[code] ?? client.unknown;
  // 2020: the user's session at Emzano has ended; only a new enrolment helps.
  return { retryable: !FINAL_EMZANO_CODES.has(code), fa: message.fa, en: message.en, ...(code === 2020 ? { startOver: true } : {}) };
}
