import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toLatinDigits, toPersianDigits } from '../../../src/core/digits.js';
import { normalizeBirthDate } from '../../../src/core/birth-date.js';
import { normalizeCardSerial, normalizeNationalCode, normalizePhoneNumber } from '../../../src/core/validation.js';

describe('digits', () => {
  it('turns Persian and Arabic-Indic digits into Latin ones', () => {
    assert.equal(toLatinDigits('۰۹۱۲-٣٤٥'), '0912-345');
  });
  it('turns Latin digits into Persian ones for display', () => {
    assert.equal(toPersianDigits('Step 2 of 10'), 'Step ۲ of ۱۰');
  });
});

describe('normalizePhoneNumber', () => {
  for (const input of ['09121234567', '+989121234567', '00989121234567', '9121234567', '۰۹۱۲ ۱۲۳ ۴۵۶۷', '0912-123-4567']) {
    it(`accepts ${input}`, () => assert.deepEqual(normalizePhoneNumber(input), { ok: true, value: '09121234567' }));
  }
  it('rejects landlines and short numbers', () => {
    assert.deepEqual(normalizePhoneNumber('02112345678'), { ok: false, error: 'phone-invalid' });
    assert.deepEqual(normalizePhoneNumber('0912123'), { ok: false, error: 'phone-invalid' });
  });
  it('reports an empty value as required', () => assert.deepEqual(normalizePhoneNumber('  '), { ok: false, error: 'required' }));
});

describe('normalizeNationalCode', () => {
  it('accepts a code whose check digit is right', () => {
    assert.deepEqual(normalizeNationalCode('0499370899'), { ok: true, value: '0499370899' });
    assert.deepEqual(normalizeNationalCode('۰۰۷۰۹۴۷۱۲۰'), { ok: true, value: '0070947120' });
  });
  it('pads codes written without leading zeros', () => {
    assert.deepEqual(normalizeNationalCode('70947120'), { ok: true, value: '0070947120' });
  });
  it('rejects a wrong check digit', () => {
    assert.deepEqual(normalizeNationalCode('0499370898'), { ok: false, error: 'national-code-checksum' });
  });
  it('rejects a code of one repeated digit, though its checksum passes', () => {
    assert.deepEqual(normalizeNationalCode('1111111111'), { ok: false, error: 'national-code-checksum' });
  });
  it('rejects the wrong length', () => {
    assert.deepEqual(normalizeNationalCode('123'), { ok: false, error: 'national-code-length' });
    assert.deepEqual(normalizeNationalCode('12345678901'), { ok: false, error: 'national-code-length' });
  });
});

describe('normalizeBirthDate', () => {
  const today = new Date('2026-11-24T12:00:00Z'); // 1405-09-03
  it('accepts the reference sample and normalises separators and digits', () => {
    assert.deepEqual(normalizeBirthDate('1370-01-01', today), { ok: true, value: '1370-01-01' });
    assert.deepEqual(normalizeBirthDate('۱۳۷۰/۱/۹', today), { ok: true, value: '1370-01-09' });
  });
  it('knows month lengths: the first six months have 31 days, Esfand 29 or 30', () => {
    assert.equal(normalizeBirthDate('1370-06-31', today).ok, true);
    assert.deepEqual(normalizeBirthDate('1370-07-31', today), { ok: false, error: 'birth-date-invalid' });
  });
  it('knows leap years', () => {
    assert.equal(normalizeBirthDate('1399-12-30', today).ok, true); // 1399 is leap
    assert.deepEqual(normalizeBirthDate('1400-12-30', today), { ok: false, error: 'birth-date-invalid' });
  });
  it('rejects dates in the future, very old dates and other shapes', () => {
    assert.deepEqual(normalizeBirthDate('1405-10-01', today), { ok: false, error: 'birth-date-future' });
    assert.deepEqual(normalizeBirthDate('1280-01-01', today), { ok: false, error: 'birth-date-too-old' });
    assert.deepEqual(normalizeBirthDate('1991-03-21x', today), { ok: false, error: 'birth-date-format' });
    assert.deepEqual(normalizeBirthDate('', today), { ok: false, error: 'required' });
  });
});

describe('normalizeCardSerial', () => {
  it('accepts the sample and a smart-card serial, upper-cased', () => {
    assert.deepEqual(normalizeCardSerial('12345'), { ok: true, value: '12345' });
    assert.deepEqual(normalizeCardSerial('0j۱۲۳۴۵۶۷۸'), { ok: true, value: '0J12345678' });
  });
  it('rejects other shapes', () => {
    assert.deepEqual(normalizeCardSerial('12'), { ok: false, error: 'serial-invalid' });
    assert.deepEqual(normalizeCardSerial('ab#12345'), { ok: false, error: 'serial-invalid' });
  });
});
