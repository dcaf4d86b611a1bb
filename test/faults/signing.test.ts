/**
 * `<emzano-sign-pdf>`'s protocol under faults, without the page: "Use this signature" and "Sign
 * document" as its SigningController runs them (the element's connection, the KYC and DSS clients,
 * the signing sequence, the WebCrypto signer) through its TaskController, against the Emzano
 * emulator's DSS behind the server kit's token endpoint, over real HTTP. Each signing call fails
 * once, the token expires, answers are held (on the virtual clock); the signed PDF must verify
 * with pdfsig, with one signature upload and one put-sign.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EmzanoConnection } from '../../src/api/connection.js';
import { connect } from '../../src/api/lazy-connection.js';
import { EmzanoError } from '../../src/core/errors.js';
import type { EmzanoSession } from '../../src/core/token-contract.js';
import { pdfsig } from '../helpers/pdf-commands.js';
import { certifiedKey, fixture } from '../helpers/signer-setup.js';
import { releasingHeldAnswers, withFaultHost, type FaultHost } from './fault-host.js';
import { TYPED } from './kyc-wizard.js';
import { TaskDriver } from './task-driver.js';

const FIELD = { page: 1, x: 72, y: 100, width: 180, height: 70, pageWidth: 595, pageHeight: 842 };

/** A person who finished KYC, their session from the host, a certified key, and the element's connection. */
class SigningPerson {
  readonly person = new TaskDriver();
  readonly signature = new Blob([fixture('signature-l.png')], { type: 'image/png' });

  private constructor(
    private readonly connection: EmzanoConnection,
    /** What the host hands the element (`.session`). */
    private readonly session: EmzanoSession,
    private readonly signer: { keys: CryptoKeyPair; certificate: string },
  ) {}

  static async ready(host: FaultHost): Promise<SigningPerson> {
    const phoneNumber = '09121234567';
    host.emzano.emulator.seedUser({
      nationalCode: TYPED.nationalCode,
      phoneNumber,
      infoInquiry: true,
      faceRecognition: true,
      signature: false,
    });
    const enrolled = await fetch(host.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phoneNumber, nationalCode: TYPED.nationalCode }),
    });
    const session = (await enrolled.json()) as EmzanoSession;
    const settings = {
      tokenEndpoint: host.tokenEndpoint,
      apiBase: host.emzano.url,
      authScheme: 'Bearer',
      randomTextField: 'RandomText',
    } as const;
    return new SigningPerson(await connect(undefined, settings), session, await certifiedKey(host.emzano, 'Fault Signer'));
  }

  /** "Use this signature": the drawing uploaded as the person's signature (Try again while offered). */
  async useSignature(): Promise<void> {
    const pressed = await this.person.press(async (signal) => {
      const user = await this.connection.signingUser(this.session, '');
      await this.connection.kyc.uploadSignature(user, this.signature, { signal, onProgress: () => undefined });
    }, 'signature');
    assert.ok(pressed.done, 'the signature was uploaded');
  }

  /** "Sign document": digest, the WebCrypto signer, put-sign. Resolves with what the press came to. */
  sign() {
    return this.person.press(async (signal) => {
      const user = await this.connection.signingUser(this.session, '');
      const pdf = new Blob([fixture('upright.pdf')], { type: 'application/pdf' });
      const { keys, certificate } = this.signer;
      const input = { pdf, fileName: 'upright.pdf', certificate, userId: user, field: FIELD, signer: keys.privateKey };
      return this.connection.signPdf(input, { signal, onProgress: () => undefined });
    }, 'sign');
  }

  /** Both, to the signed PDF. */
  async signed(): Promise<Blob> {
    await this.useSignature();
    const pressed = await this.sign();
    assert.ok(pressed.done, 'signed');
    return pressed.value;
  }
}

/** pdfsig (poppler, an independent verifier) calls the signature valid, and the signer is the certified key's. */
async function assertVerifies(pdf: Blob): Promise<void> {
  const report = pdfsig(Buffer.from(await pdf.arrayBuffer()).toString('base64'));
  assert.match(report, /Signature is Valid\./);
  assert.match(report, /Signer Certificate Common Name: Fault Signer/);
}

/** One signature upload and one put-sign accepted. */
function assertSignedOnce(host: FaultHost): void {
  assert.equal(host.answered('/upload-signature').filter((status) => status === 200).length, 1, 'one signature accepted');
  assert.equal(host.answered('/put-sign').filter((status) => status === 200).length, 1, 'one put-sign');
}

// Each test has a host of its own: they run side by side.
describe('signing through Emzano DSS under faults, at the protocol level', { concurrency: true }, () => {
  const FAULTS: Array<[path: string, code: number, tryAgainOn: string]> = [
    ['/upload-signature', 2, 'signature'],
    ['/dss/digest', 2, 'sign'],
    ['/dss/put-sign', 2, 'sign'],
    // "The digest could not be made": Emzano's own, and worth a second try.
    ['/dss/digest', 3014, 'sign'],
  ];
  for (const [path, code, tryAgainOn] of FAULTS) {
    it(
      `${path} failing once with HTTP 500 (code ${code}): Try again on ${tryAgainOn} signs; pdfsig calls it valid; one put-sign`,
      withFaultHost(async (host) => {
        const signing = await SigningPerson.ready(host);
        host.emzano.emulator.faults.set([{ kind: 'error', code, path, times: 1 }]);
        await assertVerifies(await signing.signed());
        assert.equal(host.answered(path)[0], 500, 'the fault fired');
        assert.deepEqual(signing.person.shown(), [`${tryAgainOn} ${code} true`]);
        assertSignedOnce(host);
      }),
    );
  }

  it(
    'an expired token when signing: one refresh through the token endpoint, one replay of the digest, one rejected call',
    withFaultHost(async (host) => {
      const signing = await SigningPerson.ready(host);
      await signing.useSignature();
      host.emzano.emulator.expireTokens();
      const pressed = await signing.sign();
      assert.ok(pressed.done);
      await assertVerifies(pressed.value);
      assert.deepEqual(host.answered('/dss/digest'), [401, 200], 'rejected once, replayed once');
      assert.equal(host.emzano.emulator.requests().filter((request) => request.status === 401).length, 1, 'one rejected call');
      assert.deepEqual(host.tokenCalls, ['enrol', 'refresh'], 'one refresh');
      assert.deepEqual(signing.person.shown(), []);
      assertSignedOnce(host);
    }),
  );

  it(
    '5 s of latency on every signing call: signs, each call made once',
    withFaultHost(async (host) => {
      const signing = await SigningPerson.ready(host);
      host.emzano.emulator.faults.set([{ kind: 'latency', ms: 5000 }]);
      const { result: pdf, held } = await releasingHeldAnswers(host.clock, 5000, signing.signed());
      await assertVerifies(pdf);
      assert.equal(held, 3, 'upload-signature, digest and put-sign each held');
      assert.deepEqual(host.answered('/upload-signature'), [200]);
      assert.deepEqual(host.answered('/dss/digest'), [200]);
      assert.deepEqual(host.answered('/dss/put-sign'), [200]);
      assert.deepEqual(signing.person.shown(), []);
    }),
  );

  it(
    '5 s of latency on the digest and the person cancels: an abort, no error, no put-sign; signing again signs once',
    withFaultHost(async (host) => {
      const signing = await SigningPerson.ready(host);
      await signing.useSignature();
      host.emzano.emulator.faults.set([{ kind: 'latency', ms: 5000, path: '/dss/digest', times: 1 }]);
      void host.clock.whenHeld().then(() => signing.person.cancel());
      const cancelled = await signing.sign();
      assert.ok(!cancelled.done && cancelled.why === 'cancelled', 'the run was cancelled');
      assert.ok(cancelled.thrown instanceof EmzanoError && cancelled.thrown.code === 'aborted', 'the digest rejected as cancelled');
      assert.deepEqual(signing.person.shown(), [], 'a cancel is not a failure');
      assert.deepEqual(host.answered('/dss/put-sign'), [], 'nothing signed');
      const again = await signing.sign();
      assert.ok(again.done);
      await assertVerifies(again.value);
      assertSignedOnce(host);
    }),
  );
});
