import { toPersianDigits } from '../../core/digits.js';
import type { SignPdfStrings } from '../types.js';

export const faSignPdf: SignPdfStrings = {
  signPdf: {
    documentLabel: 'سند',
    loading: 'در حال باز کردن سند…',
    empty: 'سندی بارگذاری نشده است.',
    pageOf: (current, total) => `صفحهٔ ${toPersianDigits(String(current))} از ${toPersianDigits(String(total))}`,
    pageLabel: (page) => `صفحهٔ ${toPersianDigits(String(page))}`,
    zoomIn: 'بزرگ‌نمایی',
    zoomOut: 'کوچک‌نمایی',
    fitWidth: 'هم‌عرض صفحه',
    fitPage: 'کل صفحه',
    addField: 'افزودن کادر امضا',
    fieldLabel: (page) => `کادر امضا در صفحهٔ ${toPersianDigits(String(page))}`,
    fieldHelp: 'با کلیدهای جهت‌نما جابه‌جا کنید و با نگه‌داشتن Shift اندازه را تغییر دهید.',
    resizeHandle: 'تغییر اندازهٔ کادر امضا',
    drawIntro: 'امضای خود را بکشید تا در کادر امضا قرار گیرد.',
    useSignature: 'استفاده از این امضا',
    signatureReady: 'امضای شما آماده است.',
    signatureOnFile: 'امضای ثبت‌شدهٔ شما',
    sign: 'امضای سند',
    signing: 'در حال امضای سند…',
    signed: 'سند امضا شد.',
    download: 'دریافت سند امضاشده',
  },
};
