import type { KycStrings } from '../types.js';

export const enKyc: KycStrings = {
  steps: {
    enrol: 'Sign up',
    inquiry: 'Identity check',
    video: 'Selfie video',
    signature: 'Signature',
    certificate: 'Signing certificate',
    done: 'Done',
  },
  enrol: {
    intro: 'To start identity verification, enter your mobile number and national code. The number must be registered in your name.',
    introWithBirthDate:
      'To start identity verification, enter your mobile number, national code and date of birth. The number must be registered in your name.',
    phone: 'Phone number',
    phoneHint: 'For example 09121234567',
    nationalCode: 'National code',
    nationalCodeHint: 'Ten digits, no dashes',
    submit: 'Continue',
  },
  signature: {
    intro: 'Draw your signature in the box below.',
    send: 'Send signature',
    skip: 'Not now',
    empty: 'Please sign first.',
  },
  done: {
    intro: 'Your identity has been verified.',
    verifiedAs: (fullName) => `Verified as ${fullName}.`,
    signatureUploaded: 'Your signature has been saved.',
    signatureNotUploaded: 'No signature was saved.',
    certificateHeld: 'Your signing certificate is in this browser, ready to sign with.',
  },
  handoff: { offer: 'Continue on your phone' },
  certificateStep: { continue: 'Continue' },
  cancel: {
    ask: 'Cancel verification',
    question: 'Cancel this verification? What you have sent so far is discarded, and you would start again.',
    confirm: 'Yes, cancel it',
    keep: 'No, go on',
  },
  validation: {
    required: 'Please fill in this field.',
    'phone-invalid': 'This is not a valid mobile number. Use the form 09xxxxxxxxx.',
    'national-code-length': 'The national code has ten digits.',
    'national-code-checksum': 'This national code is not valid. Please check the digits.',
    'birth-date-format': 'Enter the year (four digits), the month and the day of birth.',
    'birth-date-invalid': 'That day does not exist in the Solar Hijri calendar.',
    'birth-date-future': 'A birth date cannot be in the future.',
    'birth-date-too-old': 'Please check the birth year.',
    'serial-invalid': 'The card serial has 4 to 12 Latin letters or digits.',
  },
};
