/**
 * The server kit's own checks of a CSR before the CA sees it, and of the certificate the CA
 * answered before the browser does: every refusal, with requests and certificates made here
 * (the browser's CSR builder, the RA emulator's test CA).
 */
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { describe, it } from 'node:test';
import { RaCertificateAuthority } from '../../demo/emulator/ra/ra-ca.js';
import { certificateDer } from '../../demo/emulator/pki/certificates.js';
import { createCsr, SIGNING_KEY_ALGORITHM } from '../../src/certificate/csr.js';
import { CertificateCheckError, checkCsr, checkIssuedCertificate } from '../../src/server/ra/certificate-checks.js';

const NATIONAL_CODE = '0499370899';
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const refusedWith = (problem: string) => (error: unknown) => error instanceof CertificateCheckError && error.problem === problem;

async function keyPair(modulusLength = 2048): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey({ ...SIGNING_KEY_ALGORITHM, modulusLength }, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function spki(keys: CryptoKeyPair): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await webcrypto.subtle.exportKey('spki', keys.publicKey));
}

describe('certificate checks in the server kit', () => {
  const ca = new RaCertificateAuthority('01', Date.now, 365);

  it('accepts a CSR signed by its own 2048-bit key for the person, and gives its key', async () => {
    const keys = await keyPair();
    const checked = await checkCsr(
      base64(await createCsr(keys, { nationalCode: NATIONAL_CODE, givenName: 'Sara', surname: 'Ahmadi' })),
      NATIONAL_CODE,
    );
    assert.deepEqual(checked.publicKey, await spki(keys));
  });

  it('refuses a CSR that is not one, is signed by another key, has a small key or names someone else', async () => {
    await assert.rejects(checkCsr(base64(new Uint8Array([1, 2, 3])), NATIONAL_CODE), refusedWith('csr-unreadable'));
    const csr = await createCsr(await keyPair(), { nationalCode: NATIONAL_CODE });
    const tampered = csr.slice();
    const at = tampered.length - 10; // inside the signature
    tampered[at] = (tampered[at] ?? 0) ^ 0xff;
    await assert.rejects(checkCsr(base64(tampered), NATIONAL_CODE), refusedWith('csr-signature'));
    await assert.rejects(
      checkCsr(base64(await createCsr(await keyPair(1024), { nationalCode: NATIONAL_CODE })), NATIONAL_CODE),
      refusedWith('csr-key'),
    );
    await assert.rejects(checkCsr(base64(csr), '0067749828'), refusedWith('csr-person'));
  });

  it('accepts the certificate the CA issued for that key and person, and reads it', async () => {
    const keys = await keyPair();
    const certificate = await ca.issue(await spki(keys), [
      ['C', 'IR'],
      ['serialNumber', NATIONAL_CODE],
      ['CN', 'Sara Ahmadi'],
    ]);
    const checked = checkIssuedCertificate(base64(certificateDer(certificate)), {
      publicKey: await spki(keys),
      nationalCode: NATIONAL_CODE,
      now: Date.now(),
    });
    assert.equal(checked.commonName, 'Sara Ahmadi');
    assert.equal(checked.issuer, 'Emzano Emulator Test Intermediate CA 01');
    assert.match(checked.serialNumber, /^[0-9a-f]+$/);
    assert.ok(checked.notAfter.getTime() > Date.now());
  });

  it('refuses a certificate for another key, another person, outside its dates, or not a certificate', async () => {
    const keys = await keyPair();
    const der = base64(certificateDer(await ca.issue(await spki(keys), [['serialNumber', NATIONAL_CODE]])));
    const expected = { publicKey: await spki(keys), nationalCode: NATIONAL_CODE, now: Date.now() };
    const otherKey = await spki(await keyPair());
    assert.throws(() => checkIssuedCertificate(der, { ...expected, publicKey: otherKey }), refusedWith('certificate-key'));
    assert.throws(() => checkIssuedCertificate(der, { ...expected, nationalCode: '0067749828' }), refusedWith('certificate-person'));
    assert.throws(
      () => checkIssuedCertificate(der, { ...expected, now: Date.now() + 400 * 24 * 3600 * 1000 }),
      refusedWith('certificate-dates'),
    );
    assert.throws(() => checkIssuedCertificate(base64(new Uint8Array([5, 6])), expected), refusedWith('certificate-unreadable'));
  });
});
