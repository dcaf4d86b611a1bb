import { toPersianDigits } from '../../core/digits.js';
import type { VideoStrings } from '../types.js';

export const faVideo: VideoStrings = {
  video: {
    intro: 'روبه‌روی دوربین بنشینید، صورتتان در کادر باشد و جملهٔ زیر را با صدای بلند بخوانید.',
    readAloud: 'این جمله را بلند بخوانید:',
    preparing: 'در حال آماده‌سازی دوربین…',
    start: 'شروع ضبط',
    stop: 'توقف ضبط',
    retake: 'ضبط دوباره',
    send: 'ارسال ویدئو',
    sending: 'در حال ارسال ویدئو…',
    secondsLeft: (seconds) => `${toPersianDigits(String(seconds))} ثانیه باقی مانده`,
    recordedLabel: 'ویدئوی ضبط‌شده',
    previewLabel: 'تصویر زندهٔ دوربین',
  },
};
