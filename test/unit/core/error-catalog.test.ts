import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogEntry, loadEmzanoMessages } from '../../../src/core/error-catalog.js';
import { EMZANO_MESSAGES } from '../../../src/core/emzano-messages.js';
import { EmzanoError, toEmzanoError } from '../../../src/core/errors.js';

// Every code in Appendix 1 of the external API reference; the CLM reference's appendix is a subset.
const APPENDIX_CODES = [
  1, 2, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015,
  2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 3001, 3002, 3003, 3004, 3005, 3006, 3007, 3009, 3010, 3011, 3012, 3013, 3014, 3015,
  3016, 3017, 3018, 3019, 3021, 3023, 3024, 3025, 3026, 3027, 3028, 3029, 3030,
];

describe('error catalog', () => {
  it('has a Persian and an English message for every documented code, once the messages are loaded', async () => {
    // A copy of the catalog as a page first has it: this process's own may have had the messages
    // loaded by another test file already.
    const firstLoad = '../../../src/core/error-catalog.js?as-a-page-first-has-it';
    const page = (await import(firstLoad)) as { catalogEntry: typeof catalogEntry; loadEmzanoMessages: typeof loadEmzanoMessages };
    assert.equal(page.catalogEntry(1001).en, page.catalogEntry('unknown').en, 'generic until loaded');
    await page.loadEmzanoMessages();
    assert.notEqual(page.catalogEntry(1001).en, page.catalogEntry('unknown').en, 'its own message once loaded');
    await loadEmzanoMessages();
    assert.deepEqual(Object.keys(EMZANO_MESSAGES).map(Number), APPENDIX_CODES, 'exactly the documented codes');
    for (const code of APPENDIX_CODES) {
      const entry = catalogEntry(code);
      assert.match(entry.fa, /[\u0600-\u06FF]/, `code ${code} has no Persian text`);
      assert.match(entry.en, /^[A-Z]/, `code ${code} has no English text`);
    }
  });
  it('marks outages retryable and the person-fixable errors not', () => {
    assert.equal(catalogEntry(2).retryable, true);
    assert.equal(catalogEntry(1003).retryable, true);
    assert.equal(catalogEntry(1001).retryable, false);
  });
  it('falls back to a generic message for an unknown code', () => {
    assert.deepEqual(catalogEntry(9999), catalogEntry('unknown'));
  });
  it('wraps thrown values', () => {
    assert.equal(toEmzanoError(new TypeError('Failed to fetch')).code, 'network');
    assert.equal(toEmzanoError(new DOMException('t', 'TimeoutError')).code, 'timeout');
    const original = new EmzanoError(1009);
    assert.equal(toEmzanoError(original), original);
  });
});
