/**
 * The four stages on the emulators, server side: a person who finished KYC gets a certificate
 * from the RA emulator (through the server kit's certificate endpoint) for their own key, DSS signs
 * a PDF with it, and `pdfsig`, given an NSS database holding only the RA's test root, calls the
 * signature valid and the certificate trusted, with the registered name as signer. Then what DSS
 * must refuse: a revoked certificate and an expired one (3017, 3016), one from a CA it does not
 * know (3017), and one naming another person (3023).
 */
import assert from 'node:assert/strict';
import { createStorage } from 'unstorage';
import { after, before, describe, it } from 'node:test';
import { offsetClock } from '../../demo/emulator/clock.js';
import { certificateDer } from '../../demo/emulator/pki/certificates.js';
import { startEmulatorServer, startRaEmulatorServer, type RunningEmulator, type RunningRaEmulator } from '../../demo/emulator/server.js';
import { createCsr } from '../../src/certificate/csr.js';
import type { CertificateSummary, RaPersonData } from '../../src/server/index.js';
import { SARA, testCertificateHandler, testRaClient } from '../helpers/ra-people.js';
import { pdfsigTrusting } from '../helpers/pdf-commands.js';
import { fixture, readySigner, type ReadySigner } from '../helpers/signer-setup.js';

const KEY = 'dss-chain-key';
const DAY_MS = 24 * 3600 * 1000;
const PERSON = SARA;

describe('certificate → DSS → pdfsig with the RA chain', () => {
  let emzano: RunningEmulator;
  let ra: RunningRaEmulator;
  let signer: ReadySigner;

  before(async () => {
    emzano = await startEmulatorServer({ apiKey: KEY });
    ra = await startRaEmulatorServer();
    emzano.emulator.trustIssuer(ra.emulator.issuer);
    signer = await readySigner(emzano, KEY);
  });
  after(async () => {
    await Promise.all([emzano.close(), ra.close()]);
  });

  /** A certificate for `keys` through the server kit's endpoint, as the browser would ask for it. */
  async function certify(
    raServer: RunningRaEmulator,
    person: RaPersonData,
    keys: CryptoKeyPair,
    subject = 'alice',
  ): Promise<CertificateSummary> {
    const handler = testCertificateHandler(raServer.baseUrl, {
      // A store of its own: the tests reset the CA between certificates, and the kit's records with it.
      storage: createStorage(),
      profileName: 'Test-Sign',
      authorize: () => ({ subject }),
      person: () => person,
    });
    const csr = Buffer.from(
      await createCsr(keys, { nationalCode: person.NationalCode, givenName: person.EnName, surname: person.EnLastName }),
    ).toString('base64');
    const response = await handler(
      new Request('https://shop.example/api/emzano/certificate', { method: 'POST', body: JSON.stringify({ action: 'issue', csr }) }),
    );
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as CertificateSummary;
  }

  function dssForm(pdf: Uint8Array<ArrayBuffer>, certificate: string): FormData {
    const form = new FormData();
    form.append('FormFile', new Blob([pdf], { type: 'application/pdf' }), 'document.pdf');
    form.append('SignerCertificate', certificate);
    form.append('UserId', signer.userId);
    const field = { X: 100, Y: 150, Width: 150, Height: 60, Page: 1, PageWidth: 612, PageHeight: 792 };
    for (const [name, value] of Object.entries(field)) form.append(`SignField.${name}`, String(value));
    return form;
  }

  const call = (path: string, body: FormData) =>
    fetch(`${emzano.url}${path}`, { method: 'POST', body, headers: { Authorization: `Bearer ${signer.accessToken}` } });

  /** digest → the signer's own key → put-sign; the digest's answer when DSS refuses. */
  async function sign(certificate: string): Promise<{ pdf?: Uint8Array; code?: number }> {
    const pdf = fixture('upright.pdf');
    const digest = await call('/api/v1/external/dss/digest', dssForm(pdf, certificate));
    const body = (await digest.json()) as { Data?: { Digest: string }; code?: number };
    if (digest.status !== 200) return { code: body.code };
    const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', signer.keys.privateKey, Buffer.from(body.Data!.Digest, 'base64'));
    const form = dssForm(pdf, certificate);
    form.append('SignedDigest', Buffer.from(signature).toString('base64'));
    const put = await call('/api/v1/external/dss/put-sign', form);
    if (put.status !== 200) return { code: ((await put.json()) as { code: number }).code };
    return { pdf: new Uint8Array(await put.arrayBuffer()) };
  }

  it('signs with the certificate the RA issued, and pdfsig trusts it through the test root alone', async () => {
    const issued = await certify(ra, PERSON, signer.keys);
    const { pdf, code } = await sign(issued.certificate);
    assert.ok(pdf, `DSS refused with ${code}`);
    const report = pdfsigTrusting(pdf, [await ra.emulator.ca.rootDer()]);
    assert.match(report, /Signature is Valid/);
    assert.match(report, /Certificate is Trusted/);
    assert.match(report, /Signer Certificate Common Name: Sara Ahmadi/);
    // Without the root in the store the same file is not trusted: the trust comes from the chain.
    assert.doesNotMatch(pdfsigTrusting(pdf, []), /Certificate is Trusted/);
  });

  it('refuses a revoked certificate (3017), before the digest and at put-sign', async () => {
    const keys = signer.keys;
    ra.emulator.reset();
    const issued = await certify(ra, PERSON, keys);
    const pdf = fixture('upright.pdf');
    const digest = await call('/api/v1/external/dss/digest', dssForm(pdf, issued.certificate));
    const { Data } = (await digest.json()) as { Data: { Digest: string } };
    // Revoked between the two calls.
    const form = dssForm(pdf, issued.certificate);
    const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', keys.privateKey, Buffer.from(Data.Digest, 'base64'));
    form.append('SignedDigest', Buffer.from(signature).toString('base64'));
    await revokeAtRa(issued.certificate);
    const put = await call('/api/v1/external/dss/put-sign', form);
    assert.equal(((await put.json()) as { code: number }).code, 3017);
    assert.equal((await sign(issued.certificate)).code, 3017, 'and a new digest is refused too');
  });

  it('refuses an expired certificate (3016), one from a CA DSS does not know (3017), and one naming another person (3023)', async () => {
    const past = await startRaEmulatorServer({ clock: offsetClock(-400 * DAY_MS), validityDays: 365 });
    const stranger = await startRaEmulatorServer();
    try {
      // Trusted, so the dates alone refuse it. (The certificate endpoint would not have handed it out.)
      emzano.emulator.trustIssuer(past.emulator.issuer);
      const old = await past.emulator.ca.issue(await spkiOf(signer.keys), [
        ['serialNumber', PERSON.NationalCode],
        ['CN', 'Sara Ahmadi'],
      ]);
      assert.equal((await sign(derBase64(old))).code, 3016);

      const unknown = await stranger.emulator.ca.issue(await spkiOf(signer.keys), [
        ['serialNumber', PERSON.NationalCode],
        ['CN', 'Sara Ahmadi'],
      ]);
      assert.equal((await sign(derBase64(unknown))).code, 3017);

      const someoneElse = await ra.emulator.ca.issue(await spkiOf(signer.keys), [
        ['serialNumber', '0067749828'],
        ['CN', 'Reza Karimi'],
      ]);
      assert.equal((await sign(derBase64(someoneElse))).code, 3023);
    } finally {
      await Promise.all([past.close(), stranger.close()]);
    }
  });

  /** Revoked at the CA directly, as the person's other device (or the host's back office) would. */
  async function revokeAtRa(certificate: string) {
    await testRaClient(ra.baseUrl).revokeCertificate({ certificate, reason: 1 });
  }
});

async function spkiOf(keys: CryptoKeyPair): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey));
}

function derBase64(certificate: Parameters<typeof certificateDer>[0]): string {
  return Buffer.from(certificateDer(certificate)).toString('base64');
}
