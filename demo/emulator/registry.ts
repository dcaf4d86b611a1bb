/**
 * A made-up civil registry and sentence list for the emulator. Names are picked from the
 * national code so the same person always gets the same answer.
 */

const NAMES = ['علی', 'مریم', 'رضا', 'زهرا', 'حسین', 'فاطمه', 'محمد', 'سارا'];
const FAMILIES = ['احمدی', 'محمدی', 'حسینی', 'رضایی', 'کریمی', 'موسوی', 'جعفری', 'صادقی'];
const FATHERS = ['حسن', 'جواد', 'مهدی', 'عباس', 'کاظم', 'مجید', 'ناصر', 'یوسف'];
/** The same names in Latin letters, as a CA writes them in a certificate (not part of Emzano's answer). */
const NAMES_LATIN = ['Ali', 'Maryam', 'Reza', 'Zahra', 'Hossein', 'Fatemeh', 'Mohammad', 'Sara'];
const FAMILIES_LATIN = ['Ahmadi', 'Mohammadi', 'Hosseini', 'Rezaei', 'Karimi', 'Mousavi', 'Jafari', 'Sadeghi'];

export interface RegistryRecord {
  Name: string;
  Family: string;
  Gender: boolean;
  FatherName: string;
  CertificateNumber: string;
  CertificateSeries: string;
  CertificateSerial: string;
}

export function lookUpPerson(nationalCode: string): RegistryRecord {
  const digit = (i: number) => Number(nationalCode[i] ?? 0);
  const nameIndex = (digit(0) + digit(3) + digit(6)) % NAMES.length;
  return {
    Name: NAMES[nameIndex] as string,
    Family: FAMILIES[(digit(1) + digit(4) + digit(7)) % FAMILIES.length] as string,
    Gender: nameIndex % 2 === 0,
    FatherName: FATHERS[(digit(2) + digit(5) + digit(8)) % FATHERS.length] as string,
    CertificateNumber: nationalCode,
    CertificateSeries: String((digit(9) % 9) + 1).padStart(2, '0'),
    CertificateSerial: nationalCode.slice(4),
  };
}

/**
 * The registry's names in Latin letters, for a demo host's own records (what it hands the CA as
 * `EnName`, `EnLastName`). Emzano's inquiry answers the Persian names only.
 */
export function latinNames(nationalCode: string): { name: string; family: string } {
  const digit = (i: number) => Number(nationalCode[i] ?? 0);
  return {
    name: NAMES_LATIN[(digit(0) + digit(3) + digit(6)) % NAMES_LATIN.length] as string,
    family: FAMILIES_LATIN[(digit(1) + digit(4) + digit(7)) % FAMILIES_LATIN.length] as string,
  };
}

export const SENTENCES = [
  'من امروز با خانواده‌ام به پارک رفتم',
  'آسمان شهر ما امروز آبی و صاف است',
  'کتاب خواندن بهترین سرگرمی من است',
  'هر روز صبح یک لیوان چای می‌نوشم',
  'باران پاییزی هوای شهر را تازه کرد',
];
