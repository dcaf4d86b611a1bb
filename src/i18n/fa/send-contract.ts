import { toPersianDigits } from '../../core/digits.js';
import type { SendContractStrings } from '../types.js';

const digits = (value: number) => toPersianDigits(String(value));

export const faSendContract: SendContractStrings = {
  sendContract: {
    settings: 'قرارداد',
    title: 'عنوان قرارداد',
    titleMissing: 'برای قرارداد عنوانی بنویسید.',
    expiredAt: 'مهلت امضا (اختیاری)',
    expiredAtPast: 'مهلت امضا باید زمانی در آینده باشد.',
    startPage: 'صفحهٔ شروع',
    startPageBadge: 'صفحهٔ شروع: جای امضاها در این صفحه است',
    startPageHelp: (page, total) =>
      `جای امضاها در صفحهٔ ${digits(page)} از ${digits(total)} است؛ امضای تکرارشونده از همین صفحه تکرار می‌شود.`,
    startPageInvalid: (total) => `صفحه‌ای از ۱ تا ${digits(total)} انتخاب کنید.`,
    certificatePayment: 'هزینهٔ احراز هویت گیرندگان را می‌پردازم',
    recipients: 'گیرندگان',
    noRecipients: 'هنوز گیرنده‌ای نیست. هر کسی را که امضا، مشاهده یا تأیید می‌کند بیفزایید.',
    recipientLabel: (index) => `گیرندهٔ ${digits(index)}`,
    name: 'نام و نام خانوادگی',
    mobile: 'شمارهٔ همراه',
    nationalCode: 'کد ملی',
    recipientTitle: 'سمت در قرارداد (اختیاری)',
    role: 'نقش',
    roles: { signer: 'امضاکننده', viewer: 'بیننده', approver: 'تأییدکننده' },
    order: 'ترتیب',
    placeField: (page) => `گذاشتن جای امضا در صفحهٔ ${digits(page)}`,
    fieldPlaced: (page) => `جای امضا در صفحهٔ ${digits(page)} است؛ آن را بکشید یا با کلیدهای جهت جابه‌جا کنید.`,
    fieldLabel: (who, page) => `جای امضای ${who} در صفحهٔ ${digits(page)}`,
    digitalSignature: 'امضای دیجیتال (با گواهی)',
    repeatSignature: 'تکرار در همهٔ صفحه‌ها از صفحهٔ شروع',
    remove: (who) => `حذف ${who}`,
    addRecipient: 'افزودن گیرنده',
    send: 'ارسال قرارداد',
    sending: 'در حال ارسال قرارداد…',
    fixFirst: (count) => `پیش از ارسال، ${digits(count)} مورد نشان‌داده‌شده را درست کنید.`,
    sent: (id) => `قرارداد ارسال شد. شناسهٔ سند: ${id}`,
    problems: {
      name: 'نام و نام خانوادگی را وارد کنید.',
      mobile: 'شمارهٔ همراه را مانند ۰۹۱۲۱۲۳۴۵۶۷ وارد کنید.',
      'national-code': 'این کد ملی معتبر نیست.',
      duplicate: 'این شخص پیش‌تر گیرنده است (کد ملی تکراری).',
      'field-missing': 'جای امضای این امضاکننده را بگذارید.',
      'field-page': 'این جای امضا در صفحهٔ شروع نیست.',
      role: 'امضاکننده، بیننده یا تأییدکننده را انتخاب کنید.',
      order: 'ترتیب امضا عددی صحیح از ۱ به بالاست.',
      'field-shape': 'جای این امضا خوانده نشد. دوباره آن را بگذارید.',
    },
  },
};
