/**
 * The signing key made in the browser: its private key cannot be read by any script, it survives
 * in IndexedDB as the key object itself (one per scope, nothing personal in the storage key), it
 * still signs after being read back, and the CSR it signs names the person.
 */
import { expect } from '@open-wc/testing';
import { keys as storedKeys, createStore } from 'idb-keyval';
import * as pkijs from 'pkijs';
import { createCsr } from '../../src/certificate/csr.js';
import { makeSigningKey, publicKeySpki } from '../../src/certificate/signing-keys.js';
import { forgetSigningKey, loadSigningKey, saveSigningKey } from '../../src/store/key-store.js';

describe('signing keys made in the browser', () => {
  afterEach(async () => {
    for (const scope of ['user-1', 'user-2']) await forgetSigningKey(scope);
  });

  it('makes a key whose private half no script can export', async () => {
    const keys = await makeSigningKey();
    expect(keys.privateKey.extractable).to.equal(false);
    expect(keys.privateKey.algorithm).to.deep.include({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048 });
    let refused = false;
    await crypto.subtle.exportKey('pkcs8', keys.privateKey).catch(() => (refused = true));
    expect(refused, 'exportKey rejects').to.equal(true);
    expect((await publicKeySpki(keys)).length).to.be.greaterThan(250);
  });

  it('keeps the key object itself per scope, reads it back able to sign, and forgets it', async () => {
    const keys = await makeSigningKey();
    const certificate = {
      serialNumber: '0a',
      certificate: 'MIIB',
      commonName: 'Sara Ahmadi',
      issuer: 'Test CA',
      notBefore: '2026-01-01T00:00:00.000Z',
      notAfter: '2027-01-01T00:00:00.000Z',
      status: 'issued' as const,
    };
    await saveSigningKey('user-1', { keys, createdAt: 1, certificate });
    expect(await loadSigningKey('user-2'), 'another scope sees nothing').to.equal(undefined);
    const back = await loadSigningKey('user-1');
    expect(back?.certificate).to.deep.equal(certificate);
    expect(back!.keys.privateKey).to.be.instanceOf(CryptoKey);
    expect(back!.keys.privateKey.extractable).to.equal(false);
    const data = new TextEncoder().encode('digest');
    const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', back!.keys.privateKey, data);
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', keys.publicKey, signature, data)).to.equal(true);
    const names = (await storedKeys(createStore('emzano-elements-keys', 'signing-keys'))).map(String);
    expect(
      names.every((name) => /^signing-key:[0-9a-f]{64}$/.test(name)),
      names.join(),
    ).to.equal(true);
    await forgetSigningKey('user-1');
    expect(await loadSigningKey('user-1')).to.equal(undefined);
  });

  it('signs a CSR naming the person, checked with the public key', async () => {
    const keys = await makeSigningKey();
    const csr = await createCsr(keys, { nationalCode: '0499370899', givenName: 'Sara', surname: 'Ahmadi' });
    const request = pkijs.CertificationRequest.fromBER(csr.slice().buffer);
    expect(await request.verify(new pkijs.CryptoEngine({ name: 'test', crypto })), 'signed by its own key').to.equal(true);
    const text = new TextDecoder('latin1').decode(csr);
    expect(text).to.contain('0499370899');
    expect(text).to.contain('Sara Ahmadi');
  });
});
