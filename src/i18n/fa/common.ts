import { toPersianDigits } from '../../core/digits.js';
import type { CommonStrings } from '../types.js';

export const fa: CommonStrings = {
  lang: 'fa',
  dir: 'rtl',
  digits: (text) => toPersianDigits(String(text)),
  common: {
    retry: 'تلاش دوباره',
    startOver: 'شروع دوباره',
    working: 'لطفاً صبر کنید…',
    stepOf: (current, total, name) => `مرحلهٔ ${toPersianDigits(String(current))} از ${toPersianDigits(String(total))}: ${name}`,
  },
  upload: {
    progress: (percent) => `در حال ارسال: ${toPersianDigits(String(percent))}٪`,
    label: 'پیشرفت ارسال',
    cancel: 'لغو ارسال',
  },
  pad: {
    label: 'کادر امضا',
    undo: 'برگرداندن',
    clear: 'پاک کردن',
    required: 'لطفاً امضا کنید.',
    typeInstead: 'تایپ نام به‌جای امضا',
    drawInstead: 'کشیدن امضا',
    typedLabel: 'نام خود را به‌عنوان امضا تایپ کنید',
  },
};
