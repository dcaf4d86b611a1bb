/**
 * A made-up civil registry and sentence list for the emulator. Names are picked from the
 * national code so the same person always gets the same answer.
 */

const NAMES = ['علی', 'مریم', 'رضا', 'زهرا', 'حسین', 'فاطمه', 'محمد', 'سارا'];
const FAMILIES = ['احمدی', 'محمدی', 'حسینی', 'رضایی', 'کریمی', 'موسوی', 'جعفری', 'صادقی'];
const FATHERS = ['حسن', 'جواد', 'مهدی', 'عباس', 'کاظم', 'مجید', 'ناصر', 'یوسف'];

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

export const SENTENCES = [
  'من امروز با خانواده‌ام به پارک رفتم',
  'آسمان شهر ما امروز آبی و صاف است',
  'کتاب خواندن بهترین سرگرمی من است',
  'هر روز صبح یک لیوان چای می‌نوشم',
  'باران پاییزی هوای شهر را تازه کرد',
];
