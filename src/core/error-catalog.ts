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

/** Emzano's codes (external API, Appendix 1). Retryable: only what may succeed unchanged later. */
const emzano: Record<number, CatalogEntry> = {
  1: { retryable: false, fa: 'درخواست معتبر نیست.', en: 'The request is not valid.' },
  2: {
    retryable: true,
    fa: 'سرویس در دسترس نیست. لطفاً کمی بعد دوباره تلاش کنید.',
    en: 'The service is unavailable. Please try again later.',
  },
  1001: {
    retryable: false,
    fa: 'این کد ملی با شماره موبایل دیگری ثبت شده است.',
    en: 'This national code is already registered with a different mobile number.',
  },
  1002: {
    retryable: false,
    fa: 'کد ملی با مشخصات صاحب شماره موبایل مطابقت ندارد. شماره‌ای وارد کنید که به نام خودتان است.',
    en: 'The national code does not match the owner of this mobile number. Use a number registered in your name.',
  },
  1003: {
    retryable: true,
    fa: 'سامانهٔ شاهکار در حال حاضر در دسترس نیست. چند دقیقهٔ دیگر دوباره تلاش کنید.',
    en: 'The mobile-ownership check (Shahkar) is unavailable right now. Try again in a few minutes.',
  },
  1004: { retryable: false, fa: 'کد اشتباه است یا منقضی شده است.', en: 'The code is wrong or has expired.' },
  1005: { retryable: false, fa: 'نام کاربری و رمز عبور مطابقت ندارد.', en: 'The username and password do not match.' },
  1006: {
    retryable: false,
    fa: 'نیاز به تأیید ایمیل است. کد تأیید به ایمیل شما فرستاده شد.',
    en: 'Your email needs to be verified. We sent a code to your email.',
  },
  1007: { retryable: false, fa: 'تأیید دومرحله‌ای فعال است.', en: 'Two-step verification is enabled.' },
  1008: { retryable: false, fa: 'موجودی کیف پول کافی نیست.', en: 'The wallet balance is insufficient.' },
  1009: {
    retryable: false,
    fa: 'استعلام ثبت احوال ناموفق بود. تاریخ تولد و سریال کارت ملی را بررسی کنید.',
    en: 'The civil-registry check failed. Please check your birth date and card serial.',
  },
  1010: { retryable: false, fa: 'برنامهٔ خود را به‌روزرسانی کنید.', en: 'Please update your app.' },
  1011: { retryable: false, fa: 'مخاطبی با این مشخصات وجود دارد.', en: 'A contact with these details already exists.' },
  2005: {
    retryable: false,
    fa: 'هزینهٔ احراز هویت قبلاً پرداخت شده است.',
    en: 'The identity-verification fee has already been paid.',
  },
  2006: { retryable: false, fa: 'سریال کارت ملی الزامی است.', en: 'The national card serial is required.' },
  2007: {
    retryable: false,
    fa: 'هزینهٔ احراز هویت پرداخت نشده است.',
    en: 'The identity-verification fee has not been paid.',
  },
  2008: { retryable: false, fa: 'اطلاعات ثبت گواهی نامعتبر است.', en: 'The certificate registration details are invalid.' },
  2009: { retryable: false, fa: 'مقدار CSR لازم است.', en: 'A certificate request (CSR) is required.' },
  2010: { retryable: false, fa: 'کد رهگیری لازم است.', en: 'A tracking code is required.' },
  2011: { retryable: false, fa: 'تشخیص چهره هنوز انجام نشده است.', en: 'Face recognition has not been completed yet.' },
  2012: { retryable: false, fa: 'تصویر امضا دریافت نشد.', en: 'No signature image was received.' },
  2013: { retryable: false, fa: 'گواهی قبلاً صادر شده است.', en: 'The certificate has already been issued.' },
  2014: {
    retryable: true,
    fa: 'دریافت متن برای خواندن ممکن نشد. دوباره تلاش کنید.',
    en: 'We could not get the sentence to read. Please try again.',
  },
  2015: {
    retryable: true,
    fa: 'ارسال ویدئوی سلفی ناموفق بود. دوباره ضبط کنید یا دوباره بفرستید.',
    en: 'The selfie video could not be sent. Please send it again or record a new one.',
  },
  2016: {
    retryable: true,
    fa: 'ارسال تصویر امضا ناموفق بود. دوباره تلاش کنید.',
    en: 'The signature image could not be sent. Please try again.',
  },
  2017: { retryable: false, fa: 'صدور گواهی ناموفق بود.', en: 'The certificate could not be issued.' },
  2018: { retryable: false, fa: 'ابطال گواهی ناموفق بود.', en: 'The certificate could not be revoked.' },
  2019: {
    retryable: false,
    fa: 'اطلاعات هویتی هنوز دریافت نشده است. ابتدا استعلام هویت را کامل کنید.',
    en: 'Identity information has not been received yet. Please complete the identity check first.',
  },
  2020: {
    retryable: false,
    fa: 'مهلت احراز هویت قبلی تمام شده است. لطفاً احراز هویت را از ابتدا انجام دهید.',
    en: 'Your previous verification has expired. Please start the verification again.',
  },
  2021: {
    retryable: false,
    fa: 'درخواست گواهی با این روش غیرفعال است.',
    en: 'Requesting a certificate this way is disabled.',
  },
  2022: {
    retryable: false,
    fa: 'درخواست صدور گواهی قبلاً ثبت شده است.',
    en: 'A certificate request has already been submitted.',
  },
  2023: {
    retryable: false,
    fa: 'درخواست ابطال گواهی قبلاً ثبت شده است.',
    en: 'A certificate revocation request has already been submitted.',
  },
  2024: { retryable: false, fa: 'درخواست ابطال نامعتبر است.', en: 'The revocation request is invalid.' },
  3001: { retryable: false, fa: 'تغییر وضعیت سند ممکن نیست.', en: "The document's state cannot be changed." },
  3002: { retryable: false, fa: 'تغییر وضعیت مشارکت‌کننده ممکن نیست.', en: "The participant's state cannot be changed." },
  3003: { retryable: false, fa: 'تغییر نوع مشارکت‌کننده ممکن نیست.', en: "The participant's role cannot be changed." },
  3004: {
    retryable: false,
    fa: 'این مشارکت‌کننده بیش از یک بار در گردش کار سند آمده است.',
    en: "This participant appears more than once in the document's workflow.",
  },
  3005: { retryable: false, fa: 'ترتیب مشارکت‌کنندگان سند درست نیست.', en: "The order of the document's participants is not valid." },
  3006: { retryable: false, fa: 'سند انتخاب‌شده الگو نیست.', en: 'The selected document is not a template.' },
  3007: {
    retryable: false,
    fa: 'مشارکت‌کنندهٔ الگو را نمی‌توان به سندی که الگو نیست افزود.',
    en: 'A template participant cannot be added to a document that is not a template.',
  },
  3009: {
    retryable: true,
    fa: 'در فرایند امضا مشکلی پیش آمد. دوباره تلاش کنید و اگر تکرار شد با پشتیبانی تماس بگیرید.',
    en: 'Something went wrong while signing. Please try again, and contact support if it happens again.',
  },
  3010: { retryable: false, fa: 'مهلت سند به پایان رسیده است.', en: 'The document has expired.' },
  3011: {
    retryable: false,
    fa: 'این الگو در اسناد به کار رفته و حذف آن ممکن نیست.',
    en: 'This template is used by documents and cannot be deleted.',
  },
  3012: {
    retryable: false,
    fa: 'سند برای این مشارکت‌کننده فرستاده شده و حذف او ممکن نیست.',
    en: 'The document has already been sent to this participant, so they cannot be removed.',
  },
  3013: { retryable: false, fa: 'نسخهٔ منتشرشدهٔ برنامه تکراری است.', en: 'This app version has already been published.' },
  3014: {
    retryable: true,
    fa: 'گرفتن چکیدهٔ سند ناموفق بود. دوباره تلاش کنید.',
    en: 'The document digest could not be created. Please try again.',
  },
  3015: {
    retryable: true,
    fa: 'امضای چکیدهٔ سند ناموفق بود. دوباره تلاش کنید.',
    en: 'The document digest could not be signed. Please try again.',
  },
  3016: { retryable: false, fa: 'گواهی امضای شما منقضی شده است.', en: 'Your signing certificate has expired.' },
  3017: { retryable: false, fa: 'گواهی یا زنجیرهٔ گواهی معتبر نیست.', en: 'The certificate or its chain is not valid.' },
  3018: {
    retryable: true,
    fa: 'سرور امضای خارجی نتوانست امضا کند. دوباره تلاش کنید.',
    en: 'The external signing server could not sign. Please try again.',
  },
  3019: { retryable: false, fa: 'فایل PDF معتبر نیست.', en: 'The PDF file is not valid.' },
  3021: {
    retryable: false,
    fa: 'این دسته به اسنادی اختصاص دارد. پیش از حذف، آن اسناد را به دستهٔ دیگری منتقل کنید.',
    en: 'This category is assigned to documents. Move them to another category before deleting it.',
  },
  3023: {
    retryable: false,
    fa: 'کد ملی گواهی با سند مطابقت ندارد.',
    en: "The certificate's national code does not match the document.",
  },
  3024: {
    retryable: false,
    fa: 'الگوی انتخاب‌شده برای دست‌کم یکی از امضاکنندگان فیلد امضا ندارد.',
    en: 'The selected template has no signature field for at least one signer.',
  },
  3025: { retryable: false, fa: 'مقدار یک فیلد الزامی خالی است.', en: 'A required field is empty.' },
  3026: { retryable: false, fa: 'سند هنوز آمادهٔ امضا نیست.', en: 'The document is not ready for signing yet.' },
  3027: { retryable: false, fa: 'برخی فیلدها معتبر نیستند.', en: 'Some fields are not valid.' },
  3028: { retryable: false, fa: 'امضا با این روش غیرفعال است.', en: 'Signing this way is disabled.' },
  3029: { retryable: false, fa: 'کد اشتباه است.', en: 'The code is wrong.' },
  3030: { retryable: false, fa: 'این کاربر سند را امضا نکرده است.', en: 'This user has not signed the document.' },
};

/** The entry for a code; unknown Emzano codes fall back to the generic "something went wrong". */
export function catalogEntry(code: ErrorCode): CatalogEntry {
  if (typeof code === 'number') return emzano[code] ?? client.unknown;
  return client[code];
}

/** Whether a code is one Emzano documents (used by tests to prove the catalog is complete). */
export function isKnownEmzanoCode(code: number): boolean {
  return code in emzano;
}
