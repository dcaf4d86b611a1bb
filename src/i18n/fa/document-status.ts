import type { DocumentStatusStrings } from '../types.js';

// The Persian locale writes dates in the Solar Hijri calendar with Persian digits.
const when = (iso: string) => new Intl.DateTimeFormat('fa-IR', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export const faDocumentStatus: DocumentStatusStrings = {
  documentStatus: {
    label: 'وضعیت قرارداد',
    loading: 'در حال بررسی سند…',
    noDocument: 'سندی برای نمایش نیست.',
    states: {
      'in-progress': 'در انتظار گیرندگان',
      signed: 'امضا شده توسط همه',
      rejected: 'رد شده توسط یکی از گیرندگان',
      expired: 'پیش از تکمیل منقضی شد',
    },
    recipientStates: {
      unseen: 'هنوز ندیده',
      seen: 'دیده',
      filled: 'تکمیل کرده',
      approved: 'تأیید کرده',
      rejected: 'رد کرده',
      signed: 'امضا کرده',
    },
    roles: { signer: 'امضاکننده', viewer: 'بیننده', approver: 'تأییدکننده' },
    turn: 'نوبت او',
    when,
    download: 'دریافت قرارداد امضاشده',
    refresh: 'بررسی دوباره',
  },
};
