import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  amountInPersianWords,
  checkClmValue,
  ibanChecksumValid,
  parsePlaceholder,
  type ClmValueType,
} from '../../../src/core/clm-fields.js';

const valid = (type: ClmValueType, input: string) => checkClmValue(type, input, true);
const value = (type: ClmValueType, input: string) => {
  const result = valid(type, input);
  assert.ok(result.ok, `${type} ${input}: ${result.ok ? '' : result.reason}`);
  return result.value;
};
const rejects = (type: ClmValueType, input: string) => assert.equal(valid(type, input).ok, false, `${type} should refuse ${input}`);

describe('CLM template value types', () => {
  it('reads the placeholders the templates use', () => {
    assert.deepEqual(parsePlaceholder('_REQUIRED_SHEBA'), { type: 'SHEBA', required: true });
    assert.deepEqual(parsePlaceholder('_OPTIONAL_URL'), { type: 'URL', required: false });
    assert.deepEqual(parsePlaceholder('_REQUIRED_PRICE_TEXT'), { type: 'PRICE_TEXT', required: true });
    assert.equal(parsePlaceholder('_REQUIRED_COLOUR'), undefined);
    assert.equal(parsePlaceholder('hello'), undefined);
  });

  it('requires a value for _REQUIRED_ types and lets _OPTIONAL_ ones be empty', () => {
    assert.deepEqual(checkClmValue('TEXT', '  ', true), { ok: false, error: 'required', reason: 'A value is required.' });
    assert.deepEqual(checkClmValue('URL', '', false), { ok: true, value: '' });
  });

  it('TEXT and NUMBER', () => {
    assert.equal(value('TEXT', ' any text '), 'any text');
    assert.equal(value('NUMBER', '۱۲۳'), '123');
    assert.equal(value('NUMBER', '-4.5'), '-4.5');
    rejects('NUMBER', '12a');
  });

  it('PRICE_NUMBER in digits (separators dropped) and PRICE_TEXT in Persian words', () => {
    assert.equal(value('PRICE_NUMBER', '۱٬۲۵۰٬۰۰۰'), '1250000');
    assert.equal(value('PRICE_NUMBER', '1,250,000'), '1250000');
    rejects('PRICE_NUMBER', '12.5');
    assert.equal(value('PRICE_TEXT', 'یک میلیون و دویست و پنجاه هزار'), 'یک میلیون و دویست و پنجاه هزار');
    rejects('PRICE_TEXT', 'one million');
    rejects('PRICE_TEXT', '1250000');
  });

  it('writes amounts in Persian words', () => {
    assert.equal(amountInPersianWords(0), 'صفر');
    assert.equal(amountInPersianWords(15), 'پانزده');
    assert.equal(amountInPersianWords(1250000), 'یک میلیون و دویست و پنجاه هزار');
    assert.equal(amountInPersianWords('۲۰۲۱'), 'دو هزار و بیست و یک');
    assert.equal(amountInPersianWords(3_000_000_105), 'سه میلیارد و صد و پنج');
    assert.throws(() => amountInPersianWords(-1), RangeError);
    // Every amount it writes passes the PRICE_TEXT check.
    for (const amount of [7, 99, 100, 101, 999_999, 12_345_678]) assert.ok(valid('PRICE_TEXT', amountInPersianWords(amount)).ok);
  });

  it('SHEBA with its ISO 13616 check digits', () => {
    assert.equal(ibanChecksumValid('IR820540102680020817909002'), true);
    assert.equal(value('SHEBA', 'ir82 0540 1026 8002 0817 9090 02'), 'IR820540102680020817909002');
    assert.equal(value('SHEBA', '820540102680020817909002'), 'IR820540102680020817909002');
    rejects('SHEBA', 'IR820540102680020817909003');
    rejects('SHEBA', 'IR8205401026');
  });

  it('EMAIL, ENGLISH_TEXT, PERSIAN_TEXT', () => {
    assert.equal(value('EMAIL', 'sara@example.ir'), 'sara@example.ir');
    rejects('EMAIL', 'sara@example');
    rejects('EMAIL', 'sara example.ir');
    assert.equal(value('ENGLISH_TEXT', 'Sara Ahmadi, Tehran'), 'Sara Ahmadi, Tehran');
    rejects('ENGLISH_TEXT', 'سارا');
    assert.equal(value('PERSIAN_TEXT', 'سارا احمدی، تهران'), 'سارا احمدی، تهران');
    rejects('PERSIAN_TEXT', 'Sara');
  });

  it('PHONE, NATIONALCODE and URL in their canonical forms', () => {
    assert.equal(value('PHONE', '۰۹۱۲ ۱۲۳ ۴۵۶۷'), '09121234567');
    rejects('PHONE', '02112345678');
    assert.equal(value('NATIONALCODE', '049-937089-9'), '0499370899');
    rejects('NATIONALCODE', '0499370898');
    assert.equal(value('URL', 'https://shop.example/callback'), 'https://shop.example/callback');
    rejects('URL', 'javascript:alert(1)');
    rejects('URL', 'not a url');
  });
});
