import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromMadridTime, madridOffsetMinutes, toMadridTime } from '../../../src/core/madrid-time.js';

describe('Madrid time (the service reads Fecha in CET/CEST)', () => {
  it('writes winter instants in CET (UTC+1) and summer ones in CEST (UTC+2)', () => {
    assert.equal(toMadridTime(new Date('2026-01-15T09:30:00Z')), '2026-01-15 10:30');
    assert.equal(toMadridTime(new Date('2026-07-15T09:30:00Z')), '2026-07-15 11:30');
    assert.equal(toMadridTime(new Date('2026-12-31T23:45:59Z')), '2027-01-01 00:45');
  });

  it('crosses the spring change (last Sunday of March, 01:00 UTC): 01:59 CET is followed by 03:00 CEST', () => {
    assert.equal(toMadridTime(new Date('2026-03-29T00:59:00Z')), '2026-03-29 01:59');
    assert.equal(toMadridTime(new Date('2026-03-29T01:00:00Z')), '2026-03-29 03:00');
    assert.equal(madridOffsetMinutes(new Date('2026-03-29T00:59:00Z')), 60);
    assert.equal(madridOffsetMinutes(new Date('2026-03-29T01:00:00Z')), 120);
  });

  it('crosses the autumn change (last Sunday of October, 01:00 UTC): 02:59 CEST is followed by 02:00 CET', () => {
    assert.equal(toMadridTime(new Date('2026-10-25T00:59:00Z')), '2026-10-25 02:59');
    assert.equal(toMadridTime(new Date('2026-10-25T01:00:00Z')), '2026-10-25 02:00');
    assert.equal(madridOffsetMinutes(new Date('2026-10-25T01:00:00Z')), 60);
  });

  it('reads a Madrid wall-clock time back to its instant, on both sides of each change', () => {
    assert.equal(fromMadridTime('2022-05-01 15:10')?.toISOString(), '2022-05-01T13:10:00.000Z');
    assert.equal(fromMadridTime('2026-01-15 10:30')?.toISOString(), '2026-01-15T09:30:00.000Z');
    assert.equal(fromMadridTime('2026-03-29 01:30')?.toISOString(), '2026-03-29T00:30:00.000Z');
    assert.equal(fromMadridTime('2026-03-29 03:30')?.toISOString(), '2026-03-29T01:30:00.000Z');
    assert.equal(fromMadridTime('2026-10-25 03:30')?.toISOString(), '2026-10-25T02:30:00.000Z');
  });

  it('reads the skipped spring hour as the clocks show it an hour later, and the repeated autumn hour as its first occurrence', () => {
    assert.equal(fromMadridTime('2026-03-29 02:30')?.toISOString(), '2026-03-29T01:30:00.000Z');
    assert.equal(fromMadridTime('2026-10-25 02:30')?.toISOString(), '2026-10-25T00:30:00.000Z');
  });

  it('round-trips every quarter hour around both changes, and every day of the year at four times', () => {
    const roundTrip = (at: number) => {
      const instant = new Date(at);
      const back = fromMadridTime(toMadridTime(instant))!;
      // The repeated autumn hour reads back as its first occurrence, an hour earlier.
      const expected = madridOffsetMinutes(instant) === 60 && madridOffsetMinutes(new Date(at - 3_600_000)) === 120 ? at - 3_600_000 : at;
      if (back.getTime() !== at) assert.equal(back.getTime(), expected, toMadridTime(instant));
    };
    // The two weekends the clocks change (where conversions can go wrong), every quarter hour…
    for (const change of [Date.UTC(2026, 2, 29), Date.UTC(2026, 9, 25)])
      for (let at = change - 2 * 86_400_000; at < change + 2 * 86_400_000; at += 15 * 60_000) roundTrip(at);
    // …and the rest of the year (the same offset all day), every day at four times.
    for (let at = Date.UTC(2026, 0, 1, 1, 15); at < Date.UTC(2027, 0, 1); at += 6 * 3_600_000) roundTrip(at);
  });

  it('refuses what is not a wall-clock time', () => {
    for (const text of ['', '2026-02-30 10:00', '2026-13-01 10:00', '2026-01-01 24:00', '01/01/2026 10:00', '2026-01-01T10:00Z']) {
      assert.equal(fromMadridTime(text), undefined, text);
    }
    assert.throws(() => toMadridTime(new Date('nonsense')), RangeError);
  });
});
