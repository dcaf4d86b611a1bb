import type { CertificateStrings } from '../types.js';

// fa-IR writes the Solar Hijri calendar with Persian digits; the Gregorian date follows it.
const long = (locale: string, iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));

export const faCertificate: CertificateStrings = {
  certificate: {
    label: 'گواهی امضا',
    heading: 'گواهی امضای شما',
    checking: 'در حال بررسی گواهی امضای شما…',
    intro:
      'گواهی امضا از یک مرکز صدور گواهی مجاز، امضای شما را در اسناد معتبر قانونی می‌کند. گواهی به نامی صادر می‌شود که هویت شما با آن تأیید شده است.',
    keyHere:
      'کلید آن در همین مرورگر و روی همین دستگاه ساخته و نگه‌داری می‌شود و هرگز از آن بیرون برده نمی‌شود. برای امضا روی دستگاه یا مرورگر دیگر، آنجا گواهی جداگانه بگیرید.',
    get: 'دریافت گواهی امضای من',
    makingKey: 'در حال ساختن کلید شما در این مرورگر…',
    requesting: 'در حال درخواست گواهی از مرکز صدور گواهی…',
    revoking: 'در حال ابطال گواهی…',
    elsewhere: (count, until) =>
      count === 1
        ? `شما یک گواهی معتبر تا ${until} دارید که کلید آن روی دستگاه یا مرورگر دیگری است. با دریافت گواهی در اینجا، آن گواهی باطل می‌شود.`
        : `شما ${new Intl.NumberFormat('fa-IR').format(count)} گواهی دارید که کلیدشان روی دستگاه‌ها یا مرورگرهای دیگری است. با دریافت گواهی در اینجا، آنها باطل می‌شوند.`,
    replace: 'ابطال آن و دریافت گواهی برای این مرورگر',
    confirmReplace: 'گواهی دیگر شما برای همیشه باطل و گواهی تازه‌ای برای این مرورگر ساخته می‌شود. ادامه می‌دهید؟',
    status: { issued: 'معتبر', revoked: 'باطل‌شده', expired: 'منقضی‌شده' },
    name: 'نام',
    issuer: 'صادرکننده',
    serialNumber: 'شمارهٔ سریال',
    validFrom: 'معتبر از',
    validUntil: 'معتبر تا',
    date: (iso) => `${long('fa-IR', iso)} (${long('fa-IR-u-ca-gregory', iso)})`,
    download: 'دریافت فایل گواهی (.cer)',
    renew: 'تمدید',
    confirmRenew: 'کلید و گواهی تازه‌ای در این مرورگر ساخته و این گواهی باطل می‌شود. ادامه می‌دهید؟',
    revoke: 'ابطال…',
    reason: 'دلیل ابطال',
    reasons: {
      unspecified: 'دلیل خاصی ندارد',
      keyCompromise: 'ممکن است کس دیگری از این دستگاه یا مرورگر استفاده کرده باشد',
      affiliationChanged: 'مشخصات من تغییر کرده است',
      superseded: 'گواهی تازه‌ای دارم',
      cessationOfOperation: 'دیگر به آن نیازی ندارم',
    },
    confirmRevoke: 'ابطال برگشت‌پذیر نیست: پس از آن هیچ سندی با این گواهی امضا نمی‌شود.',
    revokeNow: 'ابطال گواهی',
    cancel: 'انصراف',
    issued: 'گواهی امضای شما آماده است.',
    revoked: 'گواهی باطل شد.',
    getNew: 'دریافت گواهی تازه',
  },
};
