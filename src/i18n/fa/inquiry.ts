import type { InquiryStrings } from '../types.js';

export const faInquiry: InquiryStrings = {
  inquiry: {
    intro: 'تاریخ تولد و سریال کارت ملی خود را وارد کنید تا مشخصات شما از ثبت احوال استعلام شود.',
    birthDate: 'تاریخ تولد (شمسی)',
    birthDateHint: 'سال را بنویسید و ماه و روز را انتخاب کنید.',
    birthYear: 'تاریخ تولد: سال',
    birthMonth: 'تاریخ تولد: ماه',
    birthDay: 'تاریخ تولد: روز',
    monthPlaceholder: 'ماه',
    dayPlaceholder: 'روز',
    months: ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'],
    serial: 'سریال کارت ملی',
    serialHint: 'پشت کارت ملی هوشمند چاپ شده است',
    submit: 'استعلام',
    confirmIntro: 'این مشخصات از ثبت احوال دریافت شد. اگر درست است ادامه دهید.',
    name: 'نام',
    family: 'نام خانوادگی',
    fatherName: 'نام پدر',
    confirm: 'ادامه',
    edit: 'ویرایش تاریخ تولد و سریال',
  },
};
