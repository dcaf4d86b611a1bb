import type { KycStrings } from '../types.js';

export const faKyc: KycStrings = {
  steps: {
    enrol: 'ثبت‌نام',
    inquiry: 'استعلام هویت',
    video: 'ویدئوی سلفی',
    signature: 'امضا',
    certificate: 'گواهی امضا',
    done: 'پایان',
  },
  enrol: {
    intro: 'برای شروع احراز هویت، شماره موبایل و کد ملی خود را وارد کنید. شماره باید به نام خودتان باشد.',
    introWithBirthDate: 'برای شروع احراز هویت، شماره موبایل، کد ملی و تاریخ تولد خود را وارد کنید. شماره باید به نام خودتان باشد.',
    phone: 'شماره موبایل',
    phoneHint: 'مثلاً ۰۹۱۲۱۲۳۴۵۶۷',
    nationalCode: 'کد ملی',
    nationalCodeHint: 'ده رقم، بدون خط تیره',
    submit: 'ادامه',
  },
  signature: {
    intro: 'امضای خود را در کادر زیر بکشید.',
    send: 'ارسال امضا',
    skip: 'فعلاً نه',
    empty: 'لطفاً ابتدا امضا کنید.',
  },
  done: {
    intro: 'احراز هویت شما با موفقیت انجام شد.',
    verifiedAs: (fullName) => `هویت ${fullName} تأیید شد.`,
    signatureUploaded: 'امضای شما ثبت شد.',
    signatureNotUploaded: 'امضایی ثبت نشد.',
    certificateHeld: 'گواهی امضای شما در این مرورگر آمادهٔ امضاست.',
  },
  handoff: { offer: 'ادامه با گوشی' },
  certificateStep: { continue: 'ادامه' },
  cancel: {
    ask: 'لغو احراز هویت',
    question: 'این احراز هویت لغو شود؟ آنچه تا اینجا فرستاده‌اید کنار گذاشته می‌شود و باید از ابتدا شروع کنید.',
    confirm: 'بله، لغو شود',
    keep: 'نه، ادامه می‌دهم',
  },
  validation: {
    required: 'این فیلد را پر کنید.',
    'phone-invalid': 'شماره موبایل درست نیست. به شکل ۰۹xxxxxxxxx وارد کنید.',
    'national-code-length': 'کد ملی باید ده رقم باشد.',
    'national-code-checksum': 'این کد ملی معتبر نیست. رقم‌ها را دوباره بررسی کنید.',
    'birth-date-format': 'سال (چهار رقم)، ماه و روز تولد را کامل وارد کنید.',
    'birth-date-invalid': 'چنین روزی در تقویم شمسی وجود ندارد.',
    'birth-date-future': 'تاریخ تولد نمی‌تواند در آینده باشد.',
    'birth-date-too-old': 'سال تولد را دوباره بررسی کنید.',
    'serial-invalid': 'سریال کارت ملی باید ۴ تا ۱۲ حرف لاتین یا رقم باشد.',
  },
};
