import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clampDay, daysInSolarMonth, joinSolarDate, splitSolarDate } from '../../../src/core/solar-date-parts.js';
import { normalizeBirthDate } from '../../../src/core/birth-date.js';

describe('Solar Hijri date parts', () => {
  it('splits and joins, whatever digits and separators were used', () => {
    assert.deepEqual(splitSolarDate('۱۳۷۰/۰۱/۰۹'), { year: '1370', month: '1', day: '9' });
    assert.deepEqual(splitSolarDate('1370-12-'), { year: '1370', month: '12', day: '' });
    assert.equal(joinSolarDate({ year: '1370', month: '1', day: '9' }), '1370-1-9');
    assert.equal(joinSolarDate({ year: '', month: '', day: '' }), '');
    assert.deepEqual(normalizeBirthDate(joinSolarDate({ year: '۱۳۷۰', month: '1', day: '9' }), new Date('2026-01-01')), {
      ok: true,
      value: '1370-01-09',
    });
  });
  it('knows how many days each month has, leap years included', () => {
    assert.equal(daysInSolarMonth('1370', '6'), 31);
    assert.equal(daysInSolarMonth('1370', '7'), 30);
    assert.equal(daysInSolarMonth('1399', '12'), 30); // leap
    assert.equal(daysInSolarMonth('1400', '12'), 29);
    assert.equal(daysInSolarMonth('', '12'), 30, 'unknown year: the most Esfand can have');
    assert.equal(daysInSolarMonth('1370', ''), 31);
  });
  it('moves the day back into the month when the month changes', () => {
    assert.deepEqual(clampDay({ year: '1400', month: '12', day: '31' }), { year: '1400', month: '12', day: '29' });
    assert.deepEqual(clampDay({ year: '1400', month: '1', day: '31' }), { year: '1400', month: '1', day: '31' });
  });
});
