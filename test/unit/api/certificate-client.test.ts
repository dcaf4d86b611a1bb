/**
 * The browser's certificate client against the real certificate endpoint (the server kit's
 * handler, handed the requests directly) in front of the RA emulator: each action, and each
 * refusal read as its own message in Persian and English.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startRaEmulatorServer, type RunningRaEmulator } from '../../../demo/emulator/server.js';
import { certificateClient } from '../../../src/api/certificate-client.js';
import { catalogEntry } from '../../../src/core/error-catalog.js';
import { EmzanoError } from '../../../src/core/errors.js';
import { createStorage } from 'unstorage';
import { csrFor, SARA, testCertificateHandler } from '../../helpers/ra-people.js';

const PERSON = SARA;
const ENDPOINT = 'https://shop.example/api/emzano/certificate';

describe('certificate client', () => {
  let ra: RunningRaEmulator;
  before(async () => {
    ra = await startRaEmulatorServer();
  });
  after(() => ra.close());
  beforeEach(() => ra.emulator.reset());

  /** A client whose requests reach a fresh endpoint as `user` (the host's session, here a header). */
  function clientFor(user: string) {
    const handler = testCertificateHandler(ra.baseUrl, {
      profileName: 'Test-Sign',
      storage: createStorage(),
      authorize: (request) => ({ subject: request.headers.get('x-user') ?? '' }),
      person: (subject) => (subject === 'alice' ? PERSON : undefined),
    });
    const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.set('x-user', user);
      return handler(new Request(input, { ...init, headers }));
    }) as typeof fetch;
    return certificateClient(ENDPOINT, { fetch: fetchImpl, retryDelayMs: 1 });
  }

  const refusedAs = (code: string) => (error: unknown) => {
    assert.ok(error instanceof EmzanoError);
    assert.equal(error.code, code);
    assert.ok(catalogEntry(error.code).fa.length > 10 && catalogEntry(error.code).en.length > 10, 'a message in both languages');
    return true;
  };

  it('issues, lists and revokes the signed-in person’s certificate', async () => {
    const client = clientFor('alice');
    const issued = await client.issue(await csrFor(PERSON.NationalCode));
    assert.equal(issued.commonName, 'Sara Ahmadi');
    assert.equal(issued.status, 'issued');
    assert.deepEqual(await client.status(), [issued]);
    const revoked = await client.revoke(issued.serialNumber, 'superseded');
    assert.equal(revoked.status, 'revoked');
  });

  it('reads each refusal as its own message', async () => {
    await assert.rejects(clientFor('carol').issue(await csrFor(PERSON.NationalCode)), refusedAs('identity-missing'));
    const alice = clientFor('alice');
    await assert.rejects(alice.issue(await csrFor('0067749828')), refusedAs('csr-invalid'));
    await assert.rejects(alice.revoke('abcdef', 'keyCompromise'), refusedAs('certificate-unknown'));
    await assert.rejects(clientFor('').status(), refusedAs('not-allowed'));
    ra.emulator.setAvailable(false);
    await assert.rejects(alice.issue(await csrFor(PERSON.NationalCode)), refusedAs('ca-unavailable'));
    assert.equal(ra.emulator.requests().filter((entry) => entry.name === 'IsAvailable').length, 1, 'issuing is never repeated by itself');
    assert.equal(catalogEntry('ca-unavailable').retryable, true);
  });

  it('refuses an answer of the wrong shape', async () => {
    const client = certificateClient(ENDPOINT, { fetch: (async () => Response.json({ serialNumber: 1 })) as typeof fetch });
    await assert.rejects(client.status(), refusedAs('invalid-response'));
    await assert.rejects(client.issue('AAAA'), refusedAs('invalid-response'));
  });
});
