import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildExecuteFilePayload, checkRecipients, type ClmRecipient } from '../../../src/core/clm-send.js';

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
});
