/**
 * Every ExceptionCode of Dipar's reference (§2.4, transcribed here) has a message for the person in
 * Persian and in English, written for them (no technical English in the Persian, no stack), and
 * whether it is worth trying again is decided for the codes that are final.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIPAR_MESSAGES, FINAL_DIPAR_CODES } from '../../../src/core/dipar-messages.js';

/** dipar-ekyc-api.md §2.4, all values. */
const EXCEPTION_CODES = [
  0, 1, 3, 1001, 1002, 1003, 1004, 1101, 1102, 1103, 1201, 1202, 1203, 1204, 1205, 1206, 1207, 1208, 1209, 1210, 1211, 1212, 1213, 1214,
  1215, 1216, 1217, 1218, 1219, 1220, 1221, 1222, 1223, 1224, 1501, 1502, 1503, 1504, 1505, 1506, 1507, 1508, 1601, 1602, 1603, 1604, 1605,
  1606, 1701, 1702, 1703, 1704, 1705, 1706, 1707, 1708, 1709, 1710, 1711, 1712, 1713, 1801, 1802, 1901, 2001, 2002, 2003, 2101,
];

describe('Dipar messages', () => {
  it('has a Persian and an English message for every ExceptionCode, and none for codes the reference lacks', () => {
    assert.deepEqual(
      Object.keys(DIPAR_MESSAGES)
        .map(Number)
        .sort((a, b) => a - b),
      EXCEPTION_CODES,
    );
    for (const code of EXCEPTION_CODES) {
      const { fa, en } = DIPAR_MESSAGES[code]!;
      assert.match(fa, /[\u0600-\u06FF]/, `${code}: Persian`);
      assert.doesNotMatch(fa, /[A-Za-z]{3,}/, `${code}: no English words in the Persian`);
      assert.match(en, /^[A-Z][^\u0600-\u06FF]+[.]$/, `${code}: an English sentence`);
      assert.doesNotMatch(`${fa} ${en}`, /Exception|Token|null|undefined|\bat\s\w+\s\(/, `${code}: nothing technical`);
    }
  });

  it('says which codes trying again cannot fix, among the reference’s codes only', () => {
    for (const code of FINAL_DIPAR_CODES) assert.ok(EXCEPTION_CODES.includes(code), `${code} is a reference code`);
    // Used-up tries and an expired token are final: the person must start again (their messages say so).
    assert.ok(FINAL_DIPAR_CODES.has(1220) && FINAL_DIPAR_CODES.has(1209));
    assert.match(DIPAR_MESSAGES[1220]!.en, /start the verification again/);
    assert.match(DIPAR_MESSAGES[1209]!.en, /start again/);
    // A blurred face or an unreadable video is worth another try.
    assert.ok(!FINAL_DIPAR_CODES.has(1601) && !FINAL_DIPAR_CODES.has(1604));
  });
});
