/**
 * The person-facing messages for Dipar's `ExceptionCode`s (dipar-ekyc-api.md §2.4), in both
 * languages, and which of them trying again unchanged cannot fix. The broker's own `ErrorMessage`
 * is in the operator's language and its `TechnicalMessage` in English: neither is shown to the
 * person. Loaded with the Dipar provider, never with the Emzano one.
 */
import type { LocalizedMessage } from './error-catalog.js';

const ASK_SITE = { fa: 'با پشتیبانی سایت تماس بگیرید.', en: "Please contact the site's support." };
const message = (fa: string, en: string): LocalizedMessage => ({ fa, en });
/** A problem in the site's set-up with the broker: nothing the person can do but tell the site. */
const setup = (fa: string, en: string): LocalizedMessage => ({ fa: `${fa} ${ASK_SITE.fa}`, en: `${en} ${ASK_SITE.en}` });
const STEP_NOT_ALLOWED = setup('این مرحله برای این سایت فعال نیست.', 'This step is not enabled for this site.');
const INQUIRY_UNAVAILABLE = message(
  'استعلام هویت از مرجع رسمی در حال حاضر ممکن نیست. چند دقیقهٔ دیگر دوباره تلاش کنید.',
  'The identity check with the official registry is not possible right now. Please try again in a few minutes.',
);

export const DIPAR_MESSAGES: Record<number, LocalizedMessage> = {
  0: message('خطای پیش‌بینی‌نشده‌ای رخ داد. دوباره تلاش کنید.', 'Something went wrong. Please try again.'),
  1: setup('این قابلیت هنوز فراهم نیست.', 'This is not available yet.'),
  3: message('درخواست معتبر نبود. دوباره تلاش کنید.', 'The request was not valid. Please try again.'),
  1001: message('عکس مرجع شما در ثبت احوال پیدا نشد.', 'Your reference photo was not found at the civil registry.'),
  1002: message('تصویر چهرهٔ شما دریافت نشد. دوباره عکس بگیرید.', 'Your face photo did not arrive. Please take it again.'),
  1003: message('ویدئوی شما دریافت نشد. دوباره ضبط کنید.', 'Your video did not arrive. Please record it again.'),
  1004: message(
    'صدای شما در ویدئو دریافت نشد. دوباره ضبط کنید و جمله را بلند بخوانید.',
    'No voice was found in your video. Please record again, reading the sentence aloud.',
  ),
  1101: message('اطلاعات ارسالی کامل نبود. دوباره تلاش کنید.', 'What was sent was incomplete. Please try again.'),
  1102: message('اطلاعات ارسالی کامل نبود. دوباره تلاش کنید.', 'What was sent was incomplete. Please try again.'),
  1103: setup('برای این کار رمز لازم است.', 'A password is needed for this.'),
  1201: message('این درخواست قبلاً ثبت شده است. از ابتدا شروع کنید.', 'This request was already registered. Please start again.'),
  1202: setup('این سایت نزد کارگزار احراز هویت تعریف نشده است.', 'This site is not registered with the identity broker.'),
  1203: message('کد ملی معتبر نیست.', 'The national code is not valid.'),
  1204: message('شمارهٔ موبایل معتبر نیست.', 'The mobile number is not valid.'),
  1205: setup('شناسهٔ درخواست معتبر نیست.', 'The request id is not valid.'),
  1206: setup('نشانی بازگشت این سایت معتبر نیست.', "This site's return address is not valid."),
  1207: message('تاریخ تولد معتبر نیست.', 'The birth date is not valid.'),
  1208: setup('نوع استعلام معتبر نیست.', 'The kind of inquiry is not valid.'),
  1209: message(
    'زمان این احراز هویت به پایان رسید. از ابتدا شروع کنید؛ آنچه تا اینجا فرستاده‌اید باید دوباره فرستاده شود.',
    'This verification has timed out. Please start again; what you sent so far will have to be sent again.',
  ),
  1210: message('وضعیت درخواست تغییر نکرد. دوباره تلاش کنید.', 'The request could not be updated. Please try again.'),
  1211: message('این احراز هویت دیگر معتبر نیست. از ابتدا شروع کنید.', 'This verification is no longer valid. Please start again.'),
  1212: message(
    'این احراز هویت لغو شده است. برای ادامه از ابتدا شروع کنید.',
    'This verification was cancelled. Please start again to go on.',
  ),
  1213: setup('امضای این سایت نزد کارگزار احراز هویت معتبر نیست.', "This site's signature is not valid at the identity broker."),
  1214: setup('کارگزار امضای این سایت را نخواسته بود.', "The identity broker did not ask for this site's signature."),
  1215: setup('روش امضای این سایت پذیرفته نیست.', "This site's signature method is not accepted."),
  1216: message('شمارهٔ سریال کارت ملی معتبر نیست.', 'The national card serial number is not valid.'),
  1217: setup(
    'متن تأییدی که باید بخوانید برای این درخواست ثبت نشده است.',
    'The statement you should read has not been set for this request.',
  ),
  1218: message('درخواست ثبت نشد. دوباره تلاش کنید.', 'The request could not be saved. Please try again.'),
  1219: setup('قرارداد این سایت با کارگزار احراز هویت به پایان رسیده است.', "This site's contract with the identity broker has ended."),
  1220: message(
    'تعداد دفعات مجاز تلاش به پایان رسید. برای ادامه باید احراز هویت را از ابتدا شروع کنید.',
    'You have used all the attempts allowed. To go on, start the verification again.',
  ),
  1221: setup('کد این سایت نزد کارگزار احراز هویت معتبر نیست.', "This site's code is not valid at the identity broker."),
  1222: message('این احراز هویت قبلاً لغو شده است. از ابتدا شروع کنید.', 'This verification was already cancelled. Please start again.'),
  1223: message('این احراز هویت قبلاً پذیرفته شده است.', 'This verification has already been accepted.'),
  1224: message(
    'این کد ملی در ثبت احوال پیدا نشد. رقم‌ها را بررسی کنید.',
    'This national code was not found at the civil registry. Please check the digits.',
  ),
  1501: STEP_NOT_ALLOWED,
  1502: STEP_NOT_ALLOWED,
  1503: STEP_NOT_ALLOWED,
  1504: STEP_NOT_ALLOWED,
  1505: STEP_NOT_ALLOWED,
  1506: STEP_NOT_ALLOWED,
  1507: STEP_NOT_ALLOWED,
  1508: setup('دسترسی داده نشد.', 'Access was denied.'),
  1601: message(
    'چهرهٔ شما در تصویر به‌خوبی دیده نشد. در نور کافی، روبه‌روی دوربین دوباره تلاش کنید.',
    'Your face could not be seen clearly. Please try again facing the camera, in good light.',
  ),
  1602: message(
    'چهرهٔ شما با عکس ثبت احوال تطبیق داده نشد. دوباره تلاش کنید.',
    'Your face could not be matched with your registry photo. Please try again.',
  ),
  1603: message(
    'تصویر زنده به نظر نرسید. خودتان روبه‌روی دوربین باشید، نه عکس یا صفحه‌نمایش.',
    'The picture did not look live. Please be in front of the camera yourself, not a photo or a screen.',
  ),
  1604: message('ویدئو خوانا نبود. دوباره ضبط کنید.', 'The video could not be read. Please record it again.'),
  1605: message(
    'صدای شما در ویدئو واضح نبود. در جای آرام، جمله را بلند بخوانید.',
    'Your voice was not clear. Please read the sentence aloud, somewhere quiet.',
  ),
  1606: message(
    'جملهٔ خوانده‌شده با جملهٔ داده‌شده یکی نبود. دوباره ضبط کنید.',
    'The sentence read did not match the one shown. Please record again.',
  ),
  1701: INQUIRY_UNAVAILABLE,
  1702: INQUIRY_UNAVAILABLE,
  1703: message('کد ملی لازم است.', 'The national code is required.'),
  1704: message('شمارهٔ موبایل لازم است.', 'The mobile number is required.'),
  1705: message('تاریخ تولد لازم است.', 'The birth date is required.'),
  1706: INQUIRY_UNAVAILABLE,
  1707: INQUIRY_UNAVAILABLE,
  1708: INQUIRY_UNAVAILABLE,
  1709: INQUIRY_UNAVAILABLE,
  1710: INQUIRY_UNAVAILABLE,
  1711: INQUIRY_UNAVAILABLE,
  1712: INQUIRY_UNAVAILABLE,
  1713: INQUIRY_UNAVAILABLE,
  1801: setup('این سایت قبلاً نزد کارگزار تعریف شده است.', 'This site is already registered with the broker.'),
  1802: setup('این سایت نزد کارگزار احراز هویت تعریف نشده است.', 'This site is not registered with the identity broker.'),
  1901: setup('این سایت اجازهٔ فرستادن این مدرک را ندارد.', 'This site may not send this document.'),
  2001: setup('ورود این سایت به کارگزار احراز هویت پذیرفته نشد.', "This site's sign-in at the identity broker was refused."),
  2002: setup('دسترسی داده نشد.', 'Access was denied.'),
  2003: setup('دسترسی این سایت مشخص نشده است.', "This site's access has not been set."),
  2101: setup('اعتبار این سایت برای احراز هویت تمام شده است.', "This site's credit for identity verification has run out."),
};

/**
 * Codes that trying again unchanged cannot fix: the site's set-up, the person's own details, a
 * token that has ended. The rest (an outage, a photo or a video to take again) are retryable.
 */
export const FINAL_DIPAR_CODES: ReadonlySet<number> = new Set([
  1, 1103, 1201, 1202, 1203, 1204, 1205, 1206, 1207, 1208, 1209, 1211, 1212, 1213, 1214, 1215, 1216, 1217, 1219, 1220, 1221, 1222, 1223,
  1224, 1501, 1502, 1503, 1504, 1505, 1506, 1507, 1508, 1703, 1704, 1705, 1801, 1802, 1901, 2001, 2002, 2003, 2101,
]);
