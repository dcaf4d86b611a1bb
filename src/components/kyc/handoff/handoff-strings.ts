/**
 * What the handoff screens say, in Persian and English: they load with the screens, only when a
 * handoff is shown. The offer button's label is in the wizard's own strings (it shows before).
 */
import { addClientErrors } from '../../../core/error-catalog.js';
import type { Language } from '../../../i18n/types.js';

export interface HandoffStrings {
  /** The desktop's panel. */
  heading: string;
  intro: string;
  noCamera: string;
  qrLabel: string;
  linkLabel: string;
  copy: string;
  copied: string;
  /** How long the code shown still works, `m:ss`. */
  expiresIn(time: string): string;
  renewing: string;
  waiting: string;
  connected: string;
  /** The step the phone shows now. */
  phoneAt(step: string): string;
  stepDone(step: string): string;
  stepToDo(step: string): string;
  cancel: string;
  takeBack: string;
  /** The phone's screens. */
  joining: string;
  ended: Record<
    'finished' | 'taken-back' | 'cancelled' | 'handoff-expired' | 'handoff-used' | 'handoff-unknown',
    { title: string; text: string }
  >;
}

const fa: HandoffStrings = {
  heading: 'ادامه با گوشی',
  intro: 'این کد را با دوربین گوشی خود اسکن کنید یا پیوند زیر را در گوشی باز کنید. این صفحه مراحل را همراه گوشی نشان می‌دهد.',
  noCamera: 'دوربینی روی این رایانه پیدا نشد. می‌توانید ادامهٔ کار را با گوشی خود انجام دهید.',
  qrLabel: 'کد QR پیوند ادامه در گوشی',
  linkLabel: 'پیوند برای گوشی',
  copy: 'کپی پیوند',
  copied: 'پیوند کپی شد.',
  expiresIn: (time) => `این کد تا ${time} دیگر معتبر است.`,
  renewing: 'در حال گرفتن کد تازه…',
  waiting: 'منتظر گوشی شما هستیم…',
  connected: 'گوشی متصل شد.',
  phoneAt: (step) => `در گوشی: ${step}`,
  stepDone: (step) => `${step}: انجام شد`,
  stepToDo: (step) => `${step}: مانده`,
  cancel: 'انصراف',
  takeBack: 'ادامه در همین رایانه',
  joining: 'در حال اتصال به رایانهٔ شما…',
  ended: {
    finished: { title: 'به رایانهٔ خود برگردید', text: 'کار شما در گوشی تمام شد. ادامه را در رایانهٔ خود ببینید.' },
    'taken-back': { title: 'کار در رایانه ادامه یافت', text: 'احراز هویت به رایانهٔ شما برگشت. می‌توانید این صفحه را ببندید.' },
    cancelled: { title: 'ادامه در گوشی لغو شد', text: 'این کار در رایانهٔ شما لغو شد. می‌توانید این صفحه را ببندید.' },
    'handoff-expired': {
      title: 'این کد منقضی شده است',
      text: 'به رایانهٔ خود برگردید: کد تازه‌ای خودبه‌خود نمایش داده می‌شود. آن را اسکن کنید.',
    },
    'handoff-used': {
      title: 'این کد قبلاً استفاده شده است',
      text: 'هر کد فقط یک بار کار می‌کند. به رایانهٔ خود برگردید، «انصراف» را بزنید و دوباره «ادامه با گوشی» را انتخاب کنید.',
    },
    'handoff-unknown': {
      title: 'این پیوند معتبر نیست',
      text: 'به رایانهٔ خود برگردید و کدی را که آنجا نمایش داده می‌شود دوباره اسکن کنید.',
    },
  },
};

const en: HandoffStrings = {
  heading: 'Continue on your phone',
  intro: "Scan this code with your phone's camera, or open the link below on your phone. This page follows along.",
  noCamera: 'No camera was found on this computer. You can continue on your phone.',
  qrLabel: 'QR code of the link to continue on your phone',
  linkLabel: 'Link for your phone',
  copy: 'Copy link',
  copied: 'Link copied.',
  expiresIn: (time) => `This code works for another ${time}.`,
  renewing: 'Getting a new code…',
  waiting: 'Waiting for your phone…',
  connected: 'Phone connected.',
  phoneAt: (step) => `On your phone: ${step}`,
  stepDone: (step) => `${step}: done`,
  stepToDo: (step) => `${step}: to do`,
  cancel: 'Cancel',
  takeBack: 'Continue on this computer instead',
  joining: 'Connecting to your computer…',
  ended: {
    finished: { title: 'Return to your computer', text: 'You are done here. Your computer shows the rest.' },
    'taken-back': { title: 'Continued on your computer', text: 'This verification moved back to your computer. You can close this page.' },
    cancelled: {
      title: 'Cancelled on your computer',
      text: 'Continuing on your phone was cancelled on your computer. You can close this page.',
    },
    'handoff-expired': {
      title: 'This code has expired',
      text: 'Go back to your computer: a new code appears there by itself. Scan the new one.',
    },
    'handoff-used': {
      title: 'This code was used already',
      text: 'Each code works once. Go back to your computer, press Cancel, and choose "Continue on your phone" again.',
    },
    'handoff-unknown': { title: 'This link is not valid', text: 'Go back to your computer and scan the code shown there again.' },
  },
};

export const HANDOFF_STRINGS: Record<Language, HandoffStrings> = { fa, en };

addClientErrors({
  'handoff-expired': { retryable: false, fa: fa.ended['handoff-expired'].text, en: en.ended['handoff-expired'].text },
  'handoff-used': { retryable: false, fa: fa.ended['handoff-used'].text, en: en.ended['handoff-used'].text },
  'handoff-unknown': { retryable: false, fa: fa.ended['handoff-unknown'].text, en: en.ended['handoff-unknown'].text },
  'handoff-ended': {
    retryable: false,
    fa: 'ادامه در گوشی به پایان رسیده است. کار را در رایانهٔ خود ادامه دهید.',
    en: 'Continuing on this phone has ended. Carry on on your computer.',
  },
  'handoff-not-ready': {
    retryable: true,
    fa: 'مراحل احراز هویت هنوز کامل نشده است.',
    en: 'The identity steps are not complete yet.',
  },
});
