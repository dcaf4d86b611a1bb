/**
 * The certificate endpoint, attacked and used: a caller the host does not vouch for, a subject
 * with no verified identity, a CSR for someone else or with a weak key, a revocation of someone
 * else's certificate, two issuances racing, a CA that is down, a confirmation that fails. Each
 * refusal is proved together with what reached the RA emulator (nothing, where nothing should).
 * Every case runs on the memory driver and on a real Redis shared by two instances.
 */
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createStorage, type Storage } from 'unstorage';
import { certificateDer } from '../../demo/emulator/pki/certificates.js';
import { testCustomer } from '../../demo/emulator/ra/ra-emulator.js';
import { startRaEmulatorServer, type RunningRaEmulator } from '../../demo/emulator/server.js';
import { SIGNING_KEY_ALGORITHM } from '../../src/certificate/csr.js';
import { IdentityBindings } from '../../src/server/identity-bindings.js';
import { createCertificateHandler, type CertificateSummary, type RaPersonData } from '../../src/server/index.js';
import { kitStore } from '../../src/server/store.js';
import { csrFor, REZA, SARA, testCertificateHandler } from '../helpers/ra-people.js';
import { storeKinds } from '../helpers/stores.js';

const [ALICE, BOB] = [SARA, REZA];
const PEOPLE: Record<string, RaPersonData> = { alice: ALICE, bob: BOB };

describe('abuse: certificate endpoint', () => {
  let ra: RunningRaEmulator;
  const kinds = storeKinds();
  const { customerKey } = testCustomer();
  before(async () => {
    ra = await startRaEmulatorServer();
  });
  after(() => ra.close());
  beforeEach(() => ra.emulator.reset());

  /** The token handler's bindings: alice enrolled as Emzano user u-41, bob as u-42. */
  const enrolled = async (storage: Storage) => {
    const identities = new IdentityBindings(kitStore(storage, 'emzano'));
    await identities.bind('u-41', 'alice', { phoneNumber: ALICE.Telephone, nationalCode: ALICE.NationalCode });
    await identities.bind('u-42', 'bob', { phoneNumber: BOB.Telephone, nationalCode: BOB.NationalCode });
  };
  const instance = (storage: Storage, extra: Partial<Parameters<typeof createCertificateHandler>[0]> = {}) =>
    testCertificateHandler(ra.baseUrl, {
      storage,
      authorize: (request) => {
        const user = request.headers.get('x-user');
        return user ? { subject: user } : false;
      },
      person: (subject) => PEOPLE[subject],
      ...extra,
    });
  const post = (handler: ReturnType<typeof instance>, user: string | undefined, body: unknown) =>
    handler(
      new Request('https://shop.example/api/emzano/certificate', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(user ? { 'x-user': user } : {}) },
        body: JSON.stringify(body),
      }),
    );
  const reasonOf = async (response: Response) => ((await response.json()) as { reason: string }).reason;
  const raCalls = () => ra.emulator.requests().map((entry) => entry.name);

  for (const kind of kinds) {
    describe(`on ${kind.name}`, () => {
      it('issues a certificate for the signed-in person’s key, approved with their KYC id, confirmed and recorded', async () => {
        const [storage] = kind.storages();
        await enrolled(storage!);
        const handler = instance(storage!);
        const response = await post(handler, 'alice', { action: 'issue', csr: await csrFor(ALICE.NationalCode) });
        assert.equal(response.status, 200);
        const issued = (await response.json()) as CertificateSummary;
        assert.equal(issued.commonName, 'Sara Ahmadi');
        assert.equal(issued.status, 'issued');
        assert.equal(issued.issuer, 'Emzano Emulator Test Intermediate CA 01');
        assert.deepEqual(raCalls(), [
          'GetCAProfileInfo',
          'IsAvailable',
          'RegisterInfo',
          'RequestApprove',
          'IssueCertificateByTrackingCode',
          'RecievedCertConfirmation',
        ]);
        const approve = ra.emulator.requests().find((entry) => entry.name === 'RequestApprove')?.json as Record<string, unknown>;
        assert.equal(approve['orderId'], 'u-41');
        const status = await post(handler, 'alice', { action: 'status' });
        assert.deepEqual(((await status.json()) as { certificates: CertificateSummary[] }).certificates, [issued]);
        const body = JSON.stringify(issued);
        assert.ok(!body.includes(customerKey.slice(40, 80)), 'the customer key never leaves');
      });

      it('spends nothing for a caller the host does not vouch for, or a subject with no verified identity', async () => {
        const [storage] = kind.storages();
        const handler = instance(storage!);
        const csr = await csrFor(ALICE.NationalCode);
        const stranger = await post(handler, undefined, { action: 'issue', csr });
        assert.equal(stranger.status, 403);
        assert.equal(await reasonOf(stranger), 'not-allowed');
        const unknown = await post(handler, 'carol', { action: 'issue', csr });
        assert.equal(unknown.status, 403);
        assert.equal(await reasonOf(unknown), 'identity-missing');
        assert.deepEqual(raCalls(), []);
        // Known to the host, but never through KYC here: the face-authentication profile has no order to approve.
        const unverified = await post(handler, 'alice', { action: 'issue', csr });
        assert.equal(unverified.status, 403);
        assert.equal(await reasonOf(unverified), 'identity-missing');
        assert.deepEqual(raCalls(), ['GetCAProfileInfo'], 'only the public profile list');
      });

      it('refuses a CSR for someone else, or with a weak key, before the CA is asked', async () => {
        const [storage] = kind.storages();
        const handler = instance(storage!);
        const theirs = await post(handler, 'alice', { action: 'issue', csr: await csrFor(BOB.NationalCode) });
        assert.equal(theirs.status, 422);
        assert.equal(await reasonOf(theirs), 'csr-invalid');
        const weak = await post(handler, 'alice', { action: 'issue', csr: await csrFor(ALICE.NationalCode, 1024) });
        assert.equal(weak.status, 422);
        assert.deepEqual(raCalls(), []);
      });

      it("refuses to revoke another person's certificate; its owner may, at another instance", async () => {
        const [one, two] = kind.storages(2);
        await enrolled(one!);
        const issued = (await (
          await post(instance(one!), 'alice', { action: 'issue', csr: await csrFor(ALICE.NationalCode) })
        ).json()) as CertificateSummary;
        const before = raCalls().length;
        const theft = await post(instance(two!), 'bob', { action: 'revoke', serialNumber: issued.serialNumber, reason: 'keyCompromise' });
        assert.equal(theft.status, 404);
        assert.equal(await reasonOf(theft), 'certificate-unknown');
        assert.equal(raCalls().length, before, 'nothing reached the CA');
        const revoked = await post(instance(two!), 'alice', { action: 'revoke', serialNumber: issued.serialNumber, reason: 'superseded' });
        assert.equal(revoked.status, 200);
        assert.equal(((await revoked.json()) as CertificateSummary).status, 'revoked');
        const revocation = ra.emulator.requests().find((entry) => entry.name === 'RevokeCertificate')?.json as Record<string, unknown>;
        assert.equal(revocation['revokeCertReason'], 4, 'superseded is CRLReason 4');
      });

      it('refuses a second certificate while one is active, and two racing issuances spend one', async () => {
        const [one, two] = kind.storages(2);
        await enrolled(one!);
        const [first, second] = await Promise.all([
          post(instance(one!), 'alice', { action: 'issue', csr: await csrFor(ALICE.NationalCode) }),
          post(instance(two!), 'alice', { action: 'issue', csr: await csrFor(ALICE.NationalCode) }),
        ]);
        assert.deepEqual([first.status, second.status].sort(), [200, 409]);
        assert.equal(raCalls().filter((name) => name === 'IssueCertificateByTrackingCode').length, 1);
        const callsBefore = raCalls().length;
        const again = await post(instance(one!), 'alice', { action: 'issue', csr: await csrFor(ALICE.NationalCode) });
        assert.equal(again.status, 409);
        assert.equal(await reasonOf(again), 'certificate-exists');
        // Known here to be active: refused before the CA is asked anything (RegisterInfo registers).
        assert.deepEqual(raCalls().slice(callsBefore), [], 'no IsAvailable, no RegisterInfo');
      });

      it('never un-revokes: 50 revocations, status calls and confirmations at once, on two instances', async () => {
        const [one, two] = kind.storages(2);
        await enrolled(one!);
        // Issued with its confirmation failing, so every status call confirms it again, slowly.
        ra.emulator.faults.set([{ kind: 'error', status: 503, path: 'RecievedCertConfirmation', times: 1 }]);
        const issued = (await (
          await post(instance(one!), 'alice', { action: 'issue', csr: await csrFor(ALICE.NationalCode) })
        ).json()) as CertificateSummary;
        ra.emulator.faults.set([{ kind: 'latency', ms: 50, path: 'RecievedCertConfirmation' }]);
        const handlers = [instance(one!), instance(two!)];
        // Spread over a tenth of a second, so revocations land while confirmations are on their way.
        const answers = await Promise.all(
          Array.from({ length: 50 }, async (_, index) => {
            await new Promise((resolve) => setTimeout(resolve, index * 2));
            const body =
              index % 5 === 2 ? { action: 'revoke', serialNumber: issued.serialNumber, reason: 'keyCompromise' } : { action: 'status' };
            return post(handlers[index % 2]!, 'alice', body);
          }),
        );
        const statuses = await Promise.all(
          answers.map(async (answer) => `${answer.status} ${answer.status === 200 ? '' : await answer.text()}`),
        );
        assert.deepEqual([...new Set(statuses)], ['200 '], 'every call answered');
        for (const handler of handlers) {
          const { certificates } = (await (await post(handler, 'alice', { action: 'status' })).json()) as {
            certificates: CertificateSummary[];
          };
          assert.deepEqual(
            certificates.map((certificate) => [certificate.serialNumber, certificate.status]),
            [[issued.serialNumber, 'revoked']],
            'one record, revoked, seen alike from both instances',
          );
        }
        const revocations = ra.emulator.requests().filter((entry) => entry.name === 'RevokeCertificate' && entry.status === 200);
        assert.ok(revocations.length >= 1, 'revoked at the CA');
      });

      it('says the CA is unavailable without registering anyone', async () => {
        const [storage] = kind.storages();
        await enrolled(storage!);
        ra.emulator.setAvailable(false);
        const response = await post(instance(storage!), 'alice', { action: 'issue', csr: await csrFor(ALICE.NationalCode) });
        assert.equal(response.status, 503);
        assert.equal(await reasonOf(response), 'ca-unavailable');
        assert.deepEqual(raCalls(), ['GetCAProfileInfo', 'IsAvailable']);
      });

      it('keeps a certificate whose confirmation failed, and confirms it on the next request', async () => {
        const [storage] = kind.storages();
        await enrolled(storage!);
        const handler = instance(storage!);
        ra.emulator.faults.set([{ kind: 'error', status: 503, path: 'RecievedCertConfirmation', times: 1 }]);
        const response = await post(handler, 'alice', { action: 'issue', csr: await csrFor(ALICE.NationalCode) });
        assert.equal(response.status, 200, 'the person has their certificate');
        const issued = (await response.json()) as CertificateSummary;
        const status = await post(handler, 'alice', { action: 'status' });
        assert.equal(((await status.json()) as { certificates: CertificateSummary[] }).certificates[0]?.serialNumber, issued.serialNumber);
        const confirmations = ra.emulator.requests().filter((entry) => entry.name === 'RecievedCertConfirmation');
        assert.deepEqual(
          confirmations.map((entry) => entry.status),
          [503, 200],
          'tried again, and confirmed',
        );
        await post(handler, 'alice', { action: 'status' });
        assert.equal(
          ra.emulator.requests().filter((entry) => entry.name === 'RecievedCertConfirmation').length,
          2,
          'not again once confirmed',
        );
      });

      it('keeps from the browser a certificate the CA issued for another key, and records nothing', async () => {
        const [storage] = kind.storages();
        await enrolled(storage!);
        const otherKeys = (await webcrypto.subtle.generateKey(SIGNING_KEY_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
        const swapped = await ra.emulator.ca.issue(new Uint8Array(await webcrypto.subtle.exportKey('spki', otherKeys.publicKey)), [
          ['serialNumber', ALICE.NationalCode],
          ['CN', 'Sara Ahmadi'],
        ]);
        // A gateway (or something between) answering with a certificate for a key the person does not hold.
        const tampering: typeof fetch = async (input, init) => {
          const response = await fetch(input, init);
          if (!String(input).endsWith('/IssueCertificateByTrackingCode')) return response;
          const body = (await response.json()) as Record<string, unknown>;
          return Response.json({ ...body, Certificate: Buffer.from(certificateDer(swapped)).toString('base64') });
        };
        const handler = instance(storage!, { fetch: tampering });
        const response = await post(handler, 'alice', { action: 'issue', csr: await csrFor(ALICE.NationalCode) });
        assert.equal(response.status, 502);
        const answer = await response.text();
        assert.equal((JSON.parse(answer) as { reason: string }).reason, 'certificate-invalid');
        assert.ok(!answer.includes('MII'), 'no certificate in the answer');
        assert.ok(raCalls().includes('RevokeCertificate'), 'revoked at once');
        const status = await post(handler, 'alice', { action: 'status' });
        assert.deepEqual(((await status.json()) as { certificates: unknown[] }).certificates, []);
      });

      it('refuses malformed requests, and GET', async () => {
        const [storage] = kind.storages();
        const handler = instance(storage!);
        for (const body of [
          { action: 'issue' },
          { action: 'issue', csr: 'not base64!' },
          { action: 'revoke', serialNumber: 'zz', reason: 'superseded' },
          { action: 'revoke', serialNumber: 'ab', reason: 'bored' },
          { action: 'mint' },
          [],
        ]) {
          const response = await post(handler, 'alice', body);
          assert.equal(response.status, 400, JSON.stringify(body));
        }
        const got = await handler(new Request('https://shop.example/api/emzano/certificate', { headers: { 'x-user': 'alice' } }));
        assert.equal(got.status, 405);
        assert.deepEqual(raCalls(), []);
      });
    });
  }

  it("names what is wrong with the host's person answer, never its value (the message reaches the host's logs)", async () => {
    const wrong: Array<[Partial<RaPersonData>, RegExp]> = [
      [{ NationalCode: '0499370898' }, /NationalCode/],
      [{ BirthDate: '1990/01/01' }, /BirthDate/],
      [{ Telephone: '' }, /Telephone/],
    ];
    for (const [change, field] of wrong) {
      const person = { ...ALICE, ...change };
      const heard: Array<[unknown, unknown]> = [];
      const handler = instance(createStorage(), { person: () => person, onError: (error, context) => heard.push([error, context]) });
      const response = await post(handler, 'alice', { action: 'issue', csr: await csrFor(ALICE.NationalCode) });
      // The browser hears that the server failed, and nothing else; the host's onError hears what.
      assert.equal(response.status, 500);
      assert.deepEqual(await response.json(), { reason: 'internal', message: 'Something went wrong on the server. Please try again.' });
      assert.equal(heard.length, 1);
      const [error, context] = heard[0] as [Error, unknown];
      assert.deepEqual(context, { route: 'certificate', method: 'POST' });
      assert.match(error.message, field);
      for (const value of [person.NationalCode, person.BirthDate, person.Name, person.LastName, ALICE.Telephone]) {
        assert.ok(!error.message.includes(value), `no ${value} in: ${error.message}`);
      }
    }
    assert.deepEqual(raCalls(), [], 'the CA was not asked');
  });

  it('is not made without authorize or person', () => {
    const base = { customerCode: 'C', licenseNumber: 'L', customerKey, caName: '01', profileName: 'Remote-Sign' };
    assert.throws(() => createCertificateHandler({ ...base, person: () => ALICE } as never), /authorize/);
    assert.throws(() => createCertificateHandler({ ...base, authorize: () => ({ subject: 'a' }) } as never), /person/);
  });
});
