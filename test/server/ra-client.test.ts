/**
 * The server kit's RA client against the strict RA emulator over real HTTP: every call of the
 * certificate flow, and each refusal. The request signatures are checked against vectors
 * computed here independently with Node's own crypto (RSA PKCS#1 v1.5 is deterministic).
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign as nodeSign, webcrypto } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import * as pkijs from 'pkijs';
import { startRaEmulatorServer, type RunningRaEmulator } from '../../demo/emulator/server.js';
import { testCustomer } from '../../demo/emulator/ra/ra-emulator.js';
import { createRaClient, RaError, type RaClient, type RaPersonData } from '../../src/server/ra/ra-client.js';
import { csrFor, SARA, testRaCredentials } from '../helpers/ra-people.js';
import { importCustomerKey, signRsaSha1, signUnicode, utf16le } from '../../src/server/ra/ra-signing.js';

const PERSON: RaPersonData = { ...SARA, BirthCertificateID: '0499370899', IsForeign: false };

const base64Of = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('RA request signatures (pki-ca-ra-api.md §4.3)', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('encodes Unicode() as UTF-16LE without a byte-order mark, Persian text included', () => {
    for (const text of ['EMZ100-LIC2024-0499370899', 'سارا احمدی', 'a\u{1F600}b']) {
      assert.deepEqual(Buffer.from(utf16le(text)), Buffer.from(text, 'utf16le'));
    }
    assert.deepEqual([...utf16le('A')], [0x41, 0x00]);
  });

  it('signs with SHA-1 RSA PKCS#1 v1.5 exactly as Node computes it', async () => {
    const key = await importCustomerKey(pem);
    const text = 'EMZ100-LIC2024-0499370899';
    const expected = nodeSign('sha1', Buffer.from(text, 'utf16le'), privateKey).toString('base64');
    assert.equal(await signUnicode(key, text), expected);
    const der = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]);
    assert.equal(await signRsaSha1(key, der), nodeSign('sha1', der, privateKey).toString('base64'));
    // Over UTF-8 the same text gives another signature: the encoding is part of the contract.
    assert.notEqual(expected, nodeSign('sha1', Buffer.from(text, 'utf8'), privateKey).toString('base64'));
  });

  it('imports the key as non-extractable, and says how to convert a PKCS#1 key', async () => {
    const key = await importCustomerKey(pem);
    assert.equal(key.extractable, false);
    const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    await assert.rejects(importCustomerKey(pkcs1), /openssl pkcs8 -topk8/);
    await assert.rejects(importCustomerKey(''), /customerKey/);
    await assert.rejects(importCustomerKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----'), /RSA private key/);
  });
});

describe('RA client against the RA emulator', () => {
  let ra: RunningRaEmulator;
  let client: RaClient;
  const { customerKey } = testCustomer();
  const options = () => testRaCredentials(ra.baseUrl);

  before(async () => {
    ra = await startRaEmulatorServer();
  });
  after(() => ra.close());
  beforeEach(() => {
    ra.emulator.reset();
    client = createRaClient(options());
  });

  /** Registered and approved (the remote profile needs face authentication and approval). */
  async function registered(profileName = 'Remote-Sign'): Promise<string> {
    const { trackingCode } = await client.registerInfo({ caName: '01', profileName, person: PERSON });
    await client.requestApprove({ nationalCode: PERSON.NationalCode, trackingCode, approver: 'Emzano KYC', orderId: 'kyc-1' });
    return trackingCode;
  }

  it('discovers the CA: its list, its profiles with their flags, its availability', async () => {
    assert.deepEqual(await client.getCaList(), ['01']);
    const profiles = await client.getCaProfileInfo('01');
    const remote = profiles.find((profile) => profile.ProfileName === 'Remote-Sign');
    assert.equal(remote?.FaceAuth, true);
    assert.equal(remote?.Approval, true);
    assert.deepEqual(await client.isAvailable('01'), { available: true, description: '' });
    ra.emulator.setAvailable(false);
    assert.equal((await client.isAvailable('01')).available, false);
    const [list, profile] = ra.emulator.requests();
    assert.equal(list?.method, 'GET');
    assert.equal(new URLSearchParams(list?.query).get('Customercode'), 'EMZ100-LIC2024');
    assert.equal(new URLSearchParams(profile?.query).get('caName'), '01');
  });

  it('registers, approves, issues from a CSR, confirms, lists and revokes: the whole flow', async () => {
    const registration = await client.registerInfo({ caName: '01', profileName: 'Remote-Sign', person: PERSON });
    assert.match(registration.trackingCode, /^\d+$/);
    assert.equal(registration.registered['EnFirstName'], 'Sara', 'Description read as the JSON string it is');
    assert.equal(registration.existing, undefined);
    const again = await client.registerInfo({ caName: '01', profileName: 'Remote-Sign', person: PERSON });
    assert.equal(again.trackingCode, registration.trackingCode, 'one tracking code per person');
    const info = await client.getTrackingCodeInfo(PERSON.NationalCode, registration.trackingCode);
    assert.equal(info['NationalCode'], PERSON.NationalCode);

    assert.equal(await client.isApproved(registration.trackingCode), false);
    await client.requestApprove({
      nationalCode: PERSON.NationalCode,
      trackingCode: registration.trackingCode,
      approver: 'Emzano KYC',
      orderId: 'kyc-1',
    });
    assert.equal(await client.isApproved(registration.trackingCode), true);

    const issued = await client.issueCertificate({
      caName: '01',
      profileName: 'Remote-Sign',
      trackingCode: registration.trackingCode,
      csr: await csrFor(PERSON.NationalCode),
    });
    assert.equal(issued.cn, 'Sara Ahmadi');
    const certificate = pkijs.Certificate.fromBER(Buffer.from(issued.certificate, 'base64'));
    const subject = new Map(certificate.subject.typesAndValues.map((entry) => [entry.type, String(entry.value.valueBlock.value)]));
    assert.equal(subject.get('2.5.4.5'), PERSON.NationalCode, 'the national code as serialNumber');
    assert.equal(subject.get('2.5.4.3'), 'Sara Ahmadi');
    assert.ok(await certificate.verify(await ra.emulator.ca.intermediate()), 'signed by the intermediate');
    assert.ok(await (await ra.emulator.ca.intermediate()).verify(await ra.emulator.ca.root()), 'which the root signed');

    await client.confirmReceived({ certificate: issued.certificate, trackingCode: registration.trackingCode });
    const existing = await client.registerInfo({ caName: '01', profileName: 'Remote-Sign', person: PERSON });
    assert.equal(existing.existing?.certificate, issued.certificate, 'an active certificate is reported on registration');

    let history = await client.getUserCertHistory(PERSON.NationalCode);
    assert.deepEqual(
      history.map((entry) => [entry.trackingCode, entry.status]),
      [[registration.trackingCode, 'Issued']],
    );
    await client.revokeCertificate({ certificate: issued.certificate, reason: 4 });
    history = await client.getUserCertHistory(PERSON.NationalCode);
    assert.equal(history[0]?.status, 'Revoked');
    await assert.rejects(
      client.revokeCertificate({ certificate: issued.certificate, reason: 4 }),
      (error: RaError) => error.raCode === 111,
    );

    const bodies = ra.emulator.requests().filter((entry) => entry.method === 'POST');
    const register = bodies.find((entry) => entry.name === 'RegisterInfo')?.json as Record<string, unknown>;
    assert.equal(register['customercode'], 'EMZ100-LIC2024', 'customercode as CustomerCode-LisenceNumber, trimmed');
    assert.equal((register['personData'] as Record<string, unknown>)['TokenType'], 'USERGENERATED');
    const approve = bodies.find((entry) => entry.name === 'RequestApprove')?.json as Record<string, unknown>;
    assert.equal(approve['approverSign'], '', 'empty for remote verification');
    assert.ok('sign' in approve && !('signature' in approve), 'RequestApprove names its field sign');
  });

  it('refuses a client signing with another key, and nothing is registered', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const impostor = createRaClient({ ...options(), customerKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    await assert.rejects(impostor.registerInfo({ caName: '01', profileName: 'Remote-Sign', person: PERSON }), (error: RaError) => {
      assert.equal(error.failure, 'unauthorized');
      return true;
    });
    assert.equal(ra.emulator.requests()[0]?.status, 401);
    await assert.rejects(client.getTrackingCodeInfo(PERSON.NationalCode, '7000001'), (error: RaError) => error.raCode === 104);
  });

  it('refuses an unknown customer code', async () => {
    const stranger = createRaClient({ ...options(), licenseNumber: 'OTHER' });
    await assert.rejects(stranger.getCaList(), (error: RaError) => error.failure === 'unauthorized');
  });

  it('refuses signatures over other bytes than the reference gives: UTF-8 text, the CSR as text, Code-National', async () => {
    const key = await importCustomerKey(customerKey);
    const trackingCode = await registered();
    // GetTrackingCodeInfo signed over UTF-8 instead of UTF-16LE.
    const utf8 = base64Of(
      new Uint8Array(await webcrypto.subtle.sign('RSASSA-PKCS1-v1_5', key, new TextEncoder().encode(PERSON.NationalCode + trackingCode))),
    );
    const response = await fetch(`${ra.baseUrl}/GetTrackingCodeInfo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ nationalCode: PERSON.NationalCode, trackingCode, customercode: 'EMZ100-LIC2024', sign: utf8 }),
    });
    assert.equal(response.status, 401);
    // The CSR signed as its base64 text when the CA expects its DER (the option, if the choice were wrong).
    const textSigning = createRaClient({ ...options(), unwrappedSigningInput: 'utf16le' });
    await assert.rejects(
      textSigning.issueCertificate({ caName: '01', profileName: 'Remote-Sign', trackingCode, csr: await csrFor(PERSON.NationalCode) }),
      (error: RaError) => error.failure === 'unauthorized',
    );
    const bare = createRaClient({ ...options(), registerSignatureCustomerCode: 'bare' });
    await assert.rejects(
      bare.registerInfo({ caName: '01', profileName: 'Remote-Sign', person: PERSON }),
      (error: RaError) => error.failure === 'unauthorized',
    );
  });

  it('refuses issuance before approval, for a small key, for another person, and twice for one person', async () => {
    const { trackingCode } = await client.registerInfo({ caName: '01', profileName: 'Remote-Sign', person: PERSON });
    const issue = (csr: string) => client.issueCertificate({ caName: '01', profileName: 'Remote-Sign', trackingCode, csr });
    await assert.rejects(issue(await csrFor(PERSON.NationalCode)), (error: RaError) => error.raCode === 105);
    await assert.rejects(
      client.requestApprove({ nationalCode: PERSON.NationalCode, trackingCode, approver: 'Emzano KYC' }),
      (error: RaError) => error.raCode === 118,
      'a face-authentication profile needs the orderId',
    );
    await client.requestApprove({ nationalCode: PERSON.NationalCode, trackingCode, approver: 'Emzano KYC', orderId: 'kyc-1' });
    await assert.rejects(issue(await csrFor(PERSON.NationalCode, 1024)), (error: RaError) => error.raCode === 107);
    await assert.rejects(issue(await csrFor('0067749828')), (error: RaError) => error.raCode === 108);
    await assert.rejects(issue(base64Of(new Uint8Array([0x30, 0x00]))), (error: RaError) => error.raCode === 106);
    await issue(await csrFor(PERSON.NationalCode));
    await assert.rejects(issue(await csrFor(PERSON.NationalCode)), (error: RaError) => error.raCode === 109);
  });

  it('refuses registration while the CA is not available, and a malformed person', async () => {
    ra.emulator.setAvailable(false);
    await assert.rejects(
      client.registerInfo({ caName: '01', profileName: 'Remote-Sign', person: PERSON }),
      (error: RaError) => error.raCode === 115,
    );
    ra.emulator.setAvailable(true);
    await assert.rejects(
      client.registerInfo({ caName: '01', profileName: 'Remote-Sign', person: { ...PERSON, NationalCode: '0499370898' } }),
      (error: RaError) => error.raCode === 116,
    );
    await assert.rejects(
      client.registerInfo({ caName: '02', profileName: 'Remote-Sign', person: PERSON }),
      (error: RaError) => error.raCode === 102,
    );
    await assert.rejects(
      client.registerInfo({ caName: '01', profileName: 'Gold', person: PERSON }),
      (error: RaError) => error.raCode === 103,
    );
  });

  it('reports an outage, a dropped connection and a timeout as unreachable', async () => {
    ra.emulator.faults.set([{ kind: 'error', status: 503, path: 'GetCAList', times: 1 }]);
    await assert.rejects(client.getCaList(), (error: RaError) => error.failure === 'unreachable');
    ra.emulator.faults.set([{ kind: 'drop', path: 'GetCAList', times: 1 }]);
    await assert.rejects(client.getCaList(), (error: RaError) => error.failure === 'unreachable' || error.failure === 'malformed');
    ra.emulator.faults.set([{ kind: 'latency', ms: 300, path: 'GetCAList', times: 1 }]);
    const impatient = createRaClient({ ...options(), timeoutMs: 50 });
    await assert.rejects(impatient.getCaList(), (error: RaError) => error.failure === 'unreachable' && /in time/.test(error.message));
  });

  it('never puts the customer key in a request, a URL or an error', async () => {
    const secret = customerKey.replace(/-----[^-]+-----|\s/g, '').slice(20, 60);
    await registered();
    await assert.rejects(client.registerInfo({ caName: '02', profileName: 'x', person: PERSON }), (error: RaError) => {
      assert.ok(!JSON.stringify({ message: error.message, raMessage: error.raMessage }).includes(secret));
      return true;
    });
    for (const entry of ra.emulator.requests()) assert.ok(!JSON.stringify(entry).includes(secret));
  });
});
