/**
 * Every error the elements can report, with a message for the person in each language and
 * whether trying again can help. Numeric codes are Emzano's: Appendix 1 of the external API, of
 * which the CLM appendix is a subset (1, 2 and 3001–3030). String codes are raised on the client
 * (network, devices, documents, the token endpoint).
 */

/** Errors raised by the elements themselves rather than by Emzano. */
export type ClientErrorCode =
  | 'network'
  | 'timeout'
  | 'offline'
  | 'aborted'
  | 'unauthorized'
  | 'session-expired'
  | 'token-endpoint'
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
  | 'pdf-load-failed'
  | 'signer-missing'
  | 'session-missing'
  | 'evidence-unavailable'
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
}

const client: Record<ClientErrorCode, CatalogEntry> = {
  'evidence-unavailable': {
    retryable: false,
    fa: 'هنوز مدرکی برای بسته‌بندی نیست: بسته پس از پایان کار ساخته می‌شود.',
    en: 'There is nothing to package yet: the evidence is available once the work is finished.',
  },
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
  'camera-denied': {
    retryable: true,
    fa: 'اجازهٔ دسترسی به دوربین و میکروفون داده نشد. از تنظیمات مرورگر اجازه دهید و دوباره تلاش کنید.',
    en: 'Camera and microphone access was blocked. Allow it in your browser settings and try again.',
  },
  'camera-not-found': {
    retryable: true,
    fa: 'دوربین یا میکروفونی پیدا نشد. یکی را وصل کنید و دوباره تلاش کنید.',
    en: 'No camera or microphone was found. Connect one and try again.',
  },
  'camera-busy': {
    retryable: true,
    fa: 'دوربین در اختیار برنامهٔ دیگری است. آن برنامه را ببندید و دوباره تلاش کنید.',
    en: 'Another app is using the camera. Close it and try again.',
  },
  'camera-insecure-context': {
    retryable: false,
    fa: 'دوربین فقط در صفحه‌های امن (https) در دسترس است.',
    en: 'The camera is only available on secure (https) pages.',
  },
  'recorder-unsupported': {
    retryable: false,
    fa: 'این مرورگر امکان ضبط ویدئو ندارد. از نسخهٔ به‌روز Chrome، Edge، Firefox یا Safari استفاده کنید.',
    en: 'This browser cannot record video. Please use an up-to-date Chrome, Edge, Firefox or Safari.',
  },
  'recording-empty': {
    retryable: true,
    fa: 'ویدئویی ضبط نشد. دوباره ضبط کنید.',
    en: 'Nothing was recorded. Please record again.',
  },
  'pdf-not-pdf': {
    retryable: false,
    fa: 'این فایل PDF نیست. یک فایل PDF انتخاب کنید.',
    en: 'This file is not a PDF. Please choose a PDF file.',
  },
  'pdf-damaged': {
    retryable: false,
    fa: 'این فایل PDF آسیب دیده است و باز نمی‌شود.',
    en: 'This PDF is damaged and cannot be opened.',
  },
  'pdf-encrypted': {
    retryable: false,
    fa: 'این PDF رمزگذاری شده است. نسخهٔ بدون رمز آن را بارگذاری کنید.',
    en: 'This PDF is password-protected. Please load a copy without a password.',
  },
  'pdf-no-pages': {
    retryable: false,
    fa: 'این PDF هیچ صفحه‌ای ندارد.',
    en: 'This PDF has no pages.',
  },
  'pdf-too-large': {
    retryable: false,
    fa: 'این فایل بزرگ‌تر از حد مجاز است.',
    en: 'This file is larger than allowed.',
  },
  'pdf-load-failed': {
    retryable: true,
    fa: 'سند دریافت نشد. اتصال را بررسی کنید و دوباره تلاش کنید.',
    en: 'The document could not be downloaded. Check your connection and try again.',
  },
  'signer-missing': {
    retryable: false,
    fa: 'امضاکننده‌ای تنظیم نشده است (کلید امضا و گواهی).',
    en: 'No signer is set up (signing key and certificate).',
  },
  'session-missing': {
    retryable: false,
    fa: 'برای امضا ابتدا باید احراز هویت شوید.',
    en: 'You need to verify your identity before signing.',
  },
  unknown: {
    retryable: true,
    fa: 'خطای پیش‌بینی‌نشده‌ای رخ داد. دوباره تلاش کنید.',
    en: 'Something went wrong. Please try again.',
  },
};

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

let emzanoMessages: Record<number, LocalizedMessage> | undefined;
let loadingMessages: Promise<void> | undefined;

/**
 * Loads the messages for Emzano's numbered codes once. Always resolves: if the file cannot be
 * fetched, numbered errors keep the generic message rather than fail twice.
 */
export function loadEmzanoMessages(): Promise<void> {
  loadingMessages ??= import('./emzano-messages.js').then(
    (module) => void (emzanoMessages = module.EMZANO_MESSAGES),
    () => void (loadingMessages = undefined),
  );
  return loadingMessages;
}

/**
 * The entry for a code. A numbered code has its own message once `loadEmzanoMessages()` has
 * resolved, and the generic "something went wrong" before that or when Emzano adds a code.
 */
export function catalogEntry(code: ErrorCode): CatalogEntry {
  if (typeof code !== 'number') return client[code];
  const message = emzanoMessages?.[code] ?? client.unknown;
  return { retryable: !FINAL_EMZANO_CODES.has(code), fa: message.fa, en: message.en };
}
