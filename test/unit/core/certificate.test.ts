import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { certificateBase64 } from '../../../src/core/certificate.js';

const der = new Uint8Array([0x30, 0x82, 0x01, 0x0a, 0x02, 0x82]);
const base64 = Buffer.from(der).toString('base64');

describe('certificateBase64', () => {
  it('reads PEM, bare base64 and DER bytes alike, as the base64 DER that DSS takes', () => {
    const pem = `-----BEGIN CERTIFICATE-----\r\n${base64}\r\n-----END CERTIFICATE-----\n`;
    assert.equal(certificateBase64(pem), base64);
    assert.equal(certificateBase64(` ${base64}\n`), base64);
    assert.equal(certificateBase64(der), base64);
    assert.equal(certificateBase64(der.buffer), base64);
  });

  it('answers undefined for anything that is not a certificate, so the caller can say so', () => {
    for (const value of ['', '   ', 'not base64!', 'abc', new Uint8Array(), new ArrayBuffer(0), 42, null, undefined, { pem: base64 }]) {
      assert.equal(certificateBase64(value), undefined, String(value));
    }
  });
});
