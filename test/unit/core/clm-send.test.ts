import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  blankRecipient,
  buildExecuteFilePayload,
  checkRecipients,
  checkSendOptions,
  localDateTimeValue,
  moveFieldsToPage,
  type ClmRecipient,
} from '../../../src/core/clm-send.js';

const field = { page: 2, x: 72.004, y: 90, width: 160, height: 60, pageWidth: 595, pageHeight: 842 };
const sara: ClmRecipient = {
  name: 'Sara Ahmadi',
  mobile: '۰۹۱۲۱۲۳۴۵۶۷',
  nationalCode: '0499370899',
  title: 'First party',
  role: 'signer',
  order: 2,
  field,
};
const reza: ClmRecipient = {
  name: 'Reza Karimi',
  mobile: '09351234567',
  nationalCode: '1234567891',
  title: 'Second party',
  role: 'signer',
  order: 1,
  field: { ...field, x: 300, repeatSignature: true, digitalSignature: false },
};
const mina: ClmRecipient = {
  name: 'Mina Rahimi',
  mobile: '09131234567',
  nationalCode: '0012345679',
  title: 'Witness',
  role: 'viewer',
  order: 3,
};

describe('sending a contract through CLM', () => {
  it("flags a role that is not one of the three words (CLM's own number 0 included), and nothing is built", () => {
    const byNumber = { ...sara, role: 0 } as unknown as ClmRecipient;
    const misspelt = { ...reza, role: 'Signer' } as unknown as ClmRecipient;
    assert.deepEqual(checkRecipients([byNumber, misspelt, mina], 2), [
      { index: 0, problem: 'role' },
      { index: 1, problem: 'role' },
    ]);
    assert.throws(() => buildExecuteFilePayload('JVBERi0=', [byNumber], { title: 'T', startPage: 2 }), /#1 role/);
  });

  it('flags an order that is not a whole number from 1, and a field that is not a box on a page', () => {
    const zeroth = { ...sara, order: 0 };
    const half = { ...mina, order: 1.5 };
    const textual = { ...reza, order: '2' as unknown as number };
    const noSize = { ...reza, nationalCode: '0012345679', order: 4, field: { ...field, width: 0 } };
    const notAnObject = { ...sara, nationalCode: '1111111111', order: 5, field: 'top' as unknown as ClmRecipient['field'] };
    assert.deepEqual(checkRecipients([zeroth, half, textual, noSize, notAnObject], 2), [
      { index: 0, problem: 'order' },
      { index: 1, problem: 'order' },
      { index: 2, problem: 'order' },
      { index: 3, problem: 'duplicate' },
      { index: 3, problem: 'field-shape' },
      { index: 4, problem: 'national-code' },
      { index: 4, problem: 'field-shape' },
    ]);
  });

  it('reads values of the wrong type as problems, never as exceptions', () => {
    const wrong = { name: 7, mobile: null, nationalCode: undefined, title: '', role: 'viewer', order: 1 } as unknown as ClmRecipient;
    assert.deepEqual(
      checkRecipients([wrong], 1).map((entry) => entry.problem),
      ['name', 'mobile', 'national-code'],
    );
  });

  it('builds the execute-file body the reference describes, in signing order', () => {
    const payload = buildExecuteFilePayload('JVBERi0=', [sara, reza, mina], {
      title: ' Service agreement ',
      startPage: 2,
      expiredAt: '2026-12-31T12:00:00Z',
      callbackUrl: 'https://shop.example/cb',
      certificatePayment: true,
    });
    assert.deepEqual(payload, {
      base64File: 'JVBERi0=',
      title: 'Service agreement',
      callbackUrl: 'https://shop.example/cb',
      expiredAt: '2026-12-31T12:00:00.000Z',
      startPage: 1,
      certificatePayment: true,
      workflows: [
        {
          title: 'Second party',
          contact: '09351234567',
          nationalCode: '1234567891',
          role: 0,
          name: 'Reza Karimi',
          signatureField: { x: 300, y: 90, width: 160, height: 60, digitalSignature: false, repeatSignature: true },
        },
        {
          title: 'First party',
          contact: '09121234567',
          nationalCode: '0499370899',
          role: 0,
          name: 'Sara Ahmadi',
          signatureField: { x: 72, y: 90, width: 160, height: 60, digitalSignature: true, repeatSignature: false },
        },
        { title: 'Witness', contact: '09131234567', nationalCode: '0012345679', role: 1, name: 'Mina Rahimi' },
      ],
    });
  });

  it('counts the start page as CLM is configured to (0-based by default, as the reference sample)', () => {
    assert.equal(buildExecuteFilePayload('x', [sara], { title: 'T', startPage: 2, startPageBase: 1 }).startPage, 2);
    assert.equal(buildExecuteFilePayload('x', [sara], { title: 'T', startPage: 2 }).startPage, 1);
  });

  it('flags every invalid recipient before sending', () => {
    const problems = checkRecipients(
      [
        { ...sara, mobile: '0912' },
        { ...reza, nationalCode: '1111111111' },
        { ...sara, name: ' ', order: 5 },
        { ...mina, role: 'signer' },
        { ...reza, nationalCode: '0012345679', field: { ...field, page: 1 } },
      ],
      2,
    );
    assert.deepEqual(
      problems.map((entry) => `${entry.index} ${entry.problem}`),
      ['0 mobile', '1 national-code', '2 name', '2 duplicate', '3 field-missing', '4 duplicate', '4 field-page'],
    );
    assert.throws(() => buildExecuteFilePayload('x', [{ ...mina, role: 'signer' }], { title: 'T', startPage: 1 }), /#1 field-missing/);
  });

  it('checks the contract settings: title, callback URL and start page', () => {
    assert.deepEqual(checkSendOptions({ title: 'Lease', startPage: 1 }, 3), []);
    assert.deepEqual(checkSendOptions({ title: '  ', startPage: 1, callbackUrl: 'https://shop.example/cb' }, 3), ['title']);
    assert.deepEqual(checkSendOptions({ title: 'Lease', startPage: 1, callbackUrl: 'shop.example/cb' }, 3), ['callback-url']);
    assert.deepEqual(checkSendOptions({ title: 'Lease', startPage: 4 }, 3), ['start-page']);
    assert.deepEqual(checkSendOptions({ title: 'Lease', startPage: 0 }, 3), ['start-page']);
    const now = new Date('2026-12-01T10:00:00Z');
    assert.deepEqual(checkSendOptions({ title: 'Lease', startPage: 1, expiredAt: '2026-12-02T10:00:00Z' }, 3, now), []);
    assert.deepEqual(checkSendOptions({ title: 'Lease', startPage: 1, expiredAt: '2026-11-30T10:00:00Z' }, 3, now), ['expired-at']);
    assert.deepEqual(checkSendOptions({ title: 'Lease', startPage: 1, expiredAt: 'soon' }, 3, now), ['expired-at']);
  });

  it('adds a blank signer last in the signing order', () => {
    assert.deepEqual(blankRecipient([sara, reza, mina]), {
      name: '',
      mobile: '',
      nationalCode: '',
      title: '',
      role: 'signer',
      order: 4,
    });
    assert.equal(blankRecipient([]).order, 1);
  });

  it('moves every signer field to a new start page at the same relative place', () => {
    const moved = moveFieldsToPage([sara, mina], 3, { width: 842, height: 595 });
    assert.equal(moved[1], mina, 'a recipient without a field is untouched');
    const { field: after } = moved[0]!;
    assert.ok(after);
    assert.equal(after.page, 3);
    assert.deepEqual([after.pageWidth, after.pageHeight], [842, 595]);
    assert.ok(Math.abs(after.x / 842 - field.x / 595) < 0.001);
    assert.ok(Math.abs(after.y / 595 - field.y / 842) < 0.001);
    assert.ok(after.x + after.width <= 842 && after.y + after.height <= 595, 'stays inside the page');
    assert.deepEqual(checkRecipients(moved, 3), []);
    assert.equal(moveFieldsToPage([sara], 2, { width: 1, height: 1 })[0], sara, 'already on the page: unchanged');
  });

  it('shows a deadline in local time as a datetime-local input expects', () => {
    assert.equal(localDateTimeValue(undefined), '');
    assert.equal(localDateTimeValue('not a date'), '');
    const local = new Date(2026, 11, 31, 9, 5);
    assert.equal(localDateTimeValue(local), '2026-12-31T09:05');
    assert.equal(localDateTimeValue(local.toISOString()), '2026-12-31T09:05');
    assert.equal(localDateTimeValue('2026-12-31T09:05'), '2026-12-31T09:05');
  });
});
