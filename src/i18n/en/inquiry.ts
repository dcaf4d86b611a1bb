import type { InquiryStrings } from '../types.js';

export const enInquiry: InquiryStrings = {
  inquiry: {
    intro: 'Enter your birth date and national card serial so we can look up your details in the civil registry.',
    birthDate: 'Birth date (Solar Hijri)',
    birthDateHint: 'Type the year, then choose the month and the day.',
    birthYear: 'Birth date: year',
    birthMonth: 'Birth date: month',
    birthDay: 'Birth date: day',
    monthPlaceholder: 'Month',
    dayPlaceholder: 'Day',
    months: ['Farvardin', 'Ordibehesht', 'Khordad', 'Tir', 'Mordad', 'Shahrivar', 'Mehr', 'Aban', 'Azar', 'Dey', 'Bahman', 'Esfand'],
    serial: 'Serial number (national card)',
    serialHint: 'Printed on the back of your smart national card',
    submit: 'Look up',
    confirmIntro: 'The civil registry returned these details. Continue if they are right.',
    name: 'First name',
    family: 'Family name',
    fatherName: "Father's name",
    confirm: 'Continue',
    edit: 'Edit birth date and serial',
  },
};
