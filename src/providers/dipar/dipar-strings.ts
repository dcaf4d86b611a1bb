/**
 * What the Dipar provider adds to `<emzano-kyc>`'s words: its steps' titles, the admittance
 * video's explanation, and the messages for the broker's verdicts on a video and for a
 * verification it says is not complete. Loaded with the provider.
 */
import type { LocalizedMessage } from '../../core/error-catalog.js';
import type { Language } from '../../i18n/index.js';

export const DIPAR_STEP_TITLES: Record<Language, Record<string, string>> = {
  fa: { admittance: 'ویدئوی تأیید متن', 'card-front': 'روی کارت ملی', 'card-back': 'پشت کارت ملی' },
  en: { admittance: 'Statement video', 'card-front': 'National card, front', 'card-back': 'National card, back' },
};

export const DIPAR_STEP_INTROS: Record<Language, Record<string, string>> = {
  fa: { admittance: 'این متن را با صدای بلند و رو به دوربین بخوانید: نشان می‌دهد که آن را خوانده‌اید و می‌پذیرید.' },
  en: { admittance: 'Read this statement aloud, facing the camera: it records that you have read it and agree to it.' },
};

const RECORD_AGAIN = { fa: 'دوباره ضبط کنید.', en: 'Please record again.' };
const again = (fa: string, en: string): LocalizedMessage => ({ fa: `${fa} ${RECORD_AGAIN.fa}`, en: `${en} ${RECORD_AGAIN.en}` });

/** The broker's `AuthenticationStatus` for a video it did not accept (1 is success), as what to do next. */
export const AUTHENTICATION_MESSAGES: Record<number, LocalizedMessage> = {
  0: again('ویدئو بررسی نشد.', 'The video was not checked.'),
  2: again(
    'حضور زندهٔ شما در ویدئو تأیید نشد. رو به دوربین و در نور کافی باشید، نه عکس یا صفحه‌نمایش.',
    'We could not confirm a live person in the video. Face the camera in good light, not a photo or a screen.',
  ),
  3: again(
    'چهرهٔ شما با عکس ثبت‌شده در ثبت احوال تطبیق داده نشد. مستقیم به دوربین نگاه کنید و عینک آفتابی یا کلاه نداشته باشید.',
    'Your face did not match your photo at the civil registry. Look straight at the camera, without sunglasses or a hat.',
  ),
  4: again(
    'چهرهٔ شما در ویدئو به‌خوبی دیده نشد. تمام صورت داخل کادر و در نور کافی باشد.',
    'Your face could not be seen clearly. Keep your whole face in the frame, in good light.',
  ),
  5: again('بررسی ویدئو در سامانهٔ احراز هویت با مشکل روبه‌رو شد.', 'The identity service had a problem checking the video.'),
  6: again(
    'جمله‌ای که خواندید به‌درستی شنیده نشد. جمله را شمرده و با صدای بلند بخوانید.',
    'The sentence you read could not be heard clearly. Read it aloud, clearly.',
  ),
};

export const NOT_FINISHED: LocalizedMessage = {
  fa: 'احراز هویت کامل نشد: یکی از مراحل پذیرفته نشده است. از ابتدا شروع کنید.',
  en: 'The verification is not complete: one of the steps was not accepted. Please start again.',
};
