/**
 * The person-facing messages for Emzano's numbered error codes (external API, Appendix 1; the
 * CLM appendix is a subset), in both languages. Loaded with the first Emzano error rather than
 * with the elements: a page that never meets one never downloads them. Whether a code is
 * retryable is in error-catalog.ts, which is always loaded.
 */
import type { LocalizedMessage } from './error-catalog.js';

export const EMZANO_MESSAGES: Record<number, LocalizedMessage> = {
  1: { fa: 'درخواست معتبر نیست.', en: 'The request is not valid.' },
  2: { fa: 'سرویس در دسترس نیست. لطفاً کمی بعد دوباره تلاش کنید.', en: 'The service is unavailable. Please try again later.' },
  1001: {
    fa: 'این کد ملی با شماره موبایل دیگری ثبت شده است.',
    en: 'This national code is already registered with a different mobile number.',
  },
  1002: {
    fa: 'کد ملی با مشخصات صاحب شماره موبایل مطابقت ندارد. شماره‌ای وارد کنید که به نام خودتان است.',
    en: 'The national code does not match the owner of this mobile number. Use a number registered in your name.',
  },
  1003: {
    fa: 'سامانهٔ شاهکار در حال حاضر در دسترس نیست. چند دقیقهٔ دیگر دوباره تلاش کنید.',
    en: 'The mobile-ownership check (Shahkar) is unavailable right now. Try again in a few minutes.',
  },
  1004: { fa: 'کد اشتباه است یا منقضی شده است.', en: 'The code is wrong or has expired.' },
  1005: { fa: 'نام کاربری و رمز عبور مطابقت ندارد.', en: 'The username and password do not match.' },
  1006: {
    fa: 'نیاز به تأیید ایمیل است. کد تأیید به ایمیل شما فرستاده شد.',
    en: 'Your email needs to be verified. We sent a code to your email.',
  },
  1007: { fa: 'تأیید دومرحله‌ای فعال است.', en: 'Two-step verification is enabled.' },
  1008: { fa: 'موجودی کیف پول کافی نیست.', en: 'The wallet balance is insufficient.' },
  1009: {
    fa: 'استعلام ثبت احوال ناموفق بود. تاریخ تولد و سریال کارت ملی را بررسی کنید.',
    en: 'The civil-registry check failed. Please check your birth date and card serial.',
  },
  1010: { fa: 'برنامهٔ خود را به‌روزرسانی کنید.', en: 'Please update your app.' },
  1011: { fa: 'مخاطبی با این مشخصات وجود دارد.', en: 'A contact with these details already exists.' },
  2005: { fa: 'هزینهٔ احراز هویت قبلاً پرداخت شده است.', en: 'The identity-verification fee has already been paid.' },
  2006: { fa: 'سریال کارت ملی الزامی است.', en: 'The national card serial is required.' },
  2007: { fa: 'هزینهٔ احراز هویت پرداخت نشده است.', en: 'The identity-verification fee has not been paid.' },
  2008: { fa: 'اطلاعات ثبت گواهی نامعتبر است.', en: 'The certificate registration details are invalid.' },
  2009: { fa: 'مقدار CSR لازم است.', en: 'A certificate request (CSR) is required.' },
  2010: { fa: 'کد رهگیری لازم است.', en: 'A tracking code is required.' },
  2011: { fa: 'تشخیص چهره هنوز انجام نشده است.', en: 'Face recognition has not been completed yet.' },
  2012: { fa: 'تصویر امضا دریافت نشد.', en: 'No signature image was received.' },
  2013: { fa: 'گواهی قبلاً صادر شده است.', en: 'The certificate has already been issued.' },
  2014: { fa: 'دریافت متن برای خواندن ممکن نشد. دوباره تلاش کنید.', en: 'We could not get the sentence to read. Please try again.' },
  2015: {
    fa: 'ارسال ویدئوی سلفی ناموفق بود. دوباره ضبط کنید یا دوباره بفرستید.',
    en: 'The selfie video could not be sent. Please send it again or record a new one.',
  },
  2016: { fa: 'ارسال تصویر امضا ناموفق بود. دوباره تلاش کنید.', en: 'The signature image could not be sent. Please try again.' },
  2017: { fa: 'صدور گواهی ناموفق بود.', en: 'The certificate could not be issued.' },
  2018: { fa: 'ابطال گواهی ناموفق بود.', en: 'The certificate could not be revoked.' },
  2019: {
    fa: 'اطلاعات هویتی هنوز دریافت نشده است. ابتدا استعلام هویت را کامل کنید.',
    en: 'Identity information has not been received yet. Please complete the identity check first.',
  },
  2020: {
    fa: 'مهلت احراز هویت قبلی تمام شده است. لطفاً احراز هویت را از ابتدا انجام دهید.',
    en: 'Your previous verification has expired. Please start the verification again.',
  },
  2021: { fa: 'درخواست گواهی با این روش غیرفعال است.', en: 'Requesting a certificate this way is disabled.' },
  2022: { fa: 'درخواست صدور گواهی قبلاً ثبت شده است.', en: 'A certificate request has already been submitted.' },
  2023: { fa: 'درخواست ابطال گواهی قبلاً ثبت شده است.', en: 'A certificate revocation request has already been submitted.' },
  2024: { fa: 'درخواست ابطال نامعتبر است.', en: 'The revocation request is invalid.' },
  3001: { fa: 'تغییر وضعیت سند ممکن نیست.', en: "The document's state cannot be changed." },
  3002: { fa: 'تغییر وضعیت مشارکت‌کننده ممکن نیست.', en: "The participant's state cannot be changed." },
  3003: { fa: 'تغییر نوع مشارکت‌کننده ممکن نیست.', en: "The participant's role cannot be changed." },
  3004: {
    fa: 'این مشارکت‌کننده بیش از یک بار در گردش کار سند آمده است.',
    en: "This participant appears more than once in the document's workflow.",
  },
  3005: { fa: 'ترتیب مشارکت‌کنندگان سند درست نیست.', en: "The order of the document's participants is not valid." },
  3006: { fa: 'سند انتخاب‌شده الگو نیست.', en: 'The selected document is not a template.' },
  3007: {
    fa: 'مشارکت‌کنندهٔ الگو را نمی‌توان به سندی که الگو نیست افزود.',
    en: 'A template participant cannot be added to a document that is not a template.',
  },
  3009: {
    fa: 'در فرایند امضا مشکلی پیش آمد. دوباره تلاش کنید و اگر تکرار شد با پشتیبانی تماس بگیرید.',
    en: 'Something went wrong while signing. Please try again, and contact support if it happens again.',
  },
  3010: { fa: 'مهلت سند به پایان رسیده است.', en: 'The document has expired.' },
  3011: { fa: 'این الگو در اسناد به کار رفته و حذف آن ممکن نیست.', en: 'This template is used by documents and cannot be deleted.' },
  3012: {
    fa: 'سند برای این مشارکت‌کننده فرستاده شده و حذف او ممکن نیست.',
    en: 'The document has already been sent to this participant, so they cannot be removed.',
  },
  3013: { fa: 'نسخهٔ منتشرشدهٔ برنامه تکراری است.', en: 'This app version has already been published.' },
  3014: { fa: 'گرفتن چکیدهٔ سند ناموفق بود. دوباره تلاش کنید.', en: 'The document digest could not be created. Please try again.' },
  3015: { fa: 'امضای چکیدهٔ سند ناموفق بود. دوباره تلاش کنید.', en: 'The document digest could not be signed. Please try again.' },
  3016: { fa: 'گواهی امضای شما منقضی شده است.', en: 'Your signing certificate has expired.' },
  3017: { fa: 'گواهی یا زنجیرهٔ گواهی معتبر نیست.', en: 'The certificate or its chain is not valid.' },
  3018: { fa: 'سرور امضای خارجی نتوانست امضا کند. دوباره تلاش کنید.', en: 'The external signing server could not sign. Please try again.' },
  3019: { fa: 'فایل PDF معتبر نیست.', en: 'The PDF file is not valid.' },
  3021: {
    fa: 'این دسته به اسنادی اختصاص دارد. پیش از حذف، آن اسناد را به دستهٔ دیگری منتقل کنید.',
    en: 'This category is assigned to documents. Move them to another category before deleting it.',
  },
  3023: { fa: 'کد ملی گواهی با سند مطابقت ندارد.', en: "The certificate's national code does not match the document." },
  3024: {
    fa: 'الگوی انتخاب‌شده برای دست‌کم یکی از امضاکنندگان فیلد امضا ندارد.',
    en: 'The selected template has no signature field for at least one signer.',
  },
  3025: { fa: 'مقدار یک فیلد الزامی خالی است.', en: 'A required field is empty.' },
  3026: { fa: 'سند هنوز آمادهٔ امضا نیست.', en: 'The document is not ready for signing yet.' },
  3027: { fa: 'برخی فیلدها معتبر نیستند.', en: 'Some fields are not valid.' },
  3028: { fa: 'امضا با این روش غیرفعال است.', en: 'Signing this way is disabled.' },
  3029: { fa: 'کد اشتباه است.', en: 'The code is wrong.' },
  3030: { fa: 'این کاربر سند را امضا نکرده است.', en: 'This user has not signed the document.' },
};
