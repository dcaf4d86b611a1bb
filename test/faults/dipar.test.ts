/**
 * `<emzano-kyc provider="dipar">`'s protocol under faults, without the page: the Dipar provider and
 * the element's TaskController, through the server kit's Dipar endpoint (`demoDiparHandler`) to the
 * Dipar broker emulator, over real HTTP. Each broker call of a complete verification fails once
 * (HTTP 500, `ExceptionCode` 0), a connection drops, every answer is held for seconds (on the
 * virtual clock); the verification must end verified, each upload and each side of the card
 * accepted once, and the host must read back the very recording and signature the person made.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { releasingHeldAnswers, withFaultHost, type FaultHost } from './fault-host.js';
import { KycWizard } from './kyc-wizard.js';

const base64Of = async (blob: Blob) => Buffer.from(await blob.arrayBuffer()).toString('base64');

/** What the broker answered for `path`: its HTTP status, and `!` when it named an exception. */
const answers = (host: FaultHost, path: string) =>
  host.dipar.emulator
    .requests()
    .filter((request) => request.path === path)
    .map((request) => `${request.status}${request.exceptionCode === undefined ? '' : '!'}`);

/**
 * Verified as the host's server reads it (the broker's signature checked), each upload and each
 * side of the card accepted once, and the recording and the signature the very bytes the person made.
 */
async function assertVerifiedOnce(host: FaultHost, wizard: KycWizard): Promise<void> {
  const accepted = host.dipar.emulator.requests().filter((request) => request.status === 200 && request.exceptionCode === undefined);
  for (const upload of ['/SaveSignature', '/SendProbVideoByToken', '/SendAdmittanceVideoByToken'])
    assert.equal(accepted.filter((request) => request.path.endsWith(upload)).length, 1, `${upload} accepted once`);
  const documents = accepted.filter((request) => request.path.endsWith('/SavePersonDocument'));
  assert.deepEqual(
    documents.map((request) => (request.json as { documentType: number }).documentType).sort(),
    [101, 102],
    'each side once',
  );
  const result = await host.diparResult({ data: { video: true, signature: true, withBiometricData: true } });
  assert.equal(result?.verified, true);
  const data = (part: string) => (result!.citizenData![part] as { Data: string }).Data;
  assert.equal(data('Video'), await base64Of(wizard.made.video), 'the very recording');
  assert.equal(data('Signature'), await base64Of(wizard.made.signature), 'the very signature');
}

// Each test has a host of its own: they run side by side (the back-off waits overlap).
describe('a Dipar verification under faults, at the protocol level', { concurrency: true }, () => {
  /**
   * Every broker call of a verification with the full profile, the step that shows Try again when
   * it fails once, and how many times a verification makes it.
   */
  const CALLS: Array<[path: string, tryAgainOn: string | undefined, made: number]> = [
    // The host's endpoint registers the token and reads the operator's steps when the person starts.
    ['/api/Inquiry/SetToken', 'enrol', 1],
    ['/api/Inquiry/GetTokenProviderProperties', 'enrol', 1],
    ['/api/Inquiry/SaveSignature', 'signature', 1],
    // The sentences are only read: asked again by themselves.
    ['/api/media/GetRandomText', undefined, 1],
    ['/api/Inquiry/SendProbVideoByToken', 'video', 1],
    ['/api/Inquiry/GetAdmittanceText', undefined, 1],
    ['/api/Inquiry/SendAdmittanceVideoByToken', 'admittance', 1],
    // The front, then the back.
    ['/api/Inquiry/SavePersonDocument', 'card-front', 2],
    // Closing the verification after the last step: Try again there does not send the card again.
    ['/api/Inquiry/VerifyToken', 'card-back', 1],
  ];
  for (const [path, tryAgainOn, made] of CALLS) {
    it(
      `${path} failing once (HTTP 500, ExceptionCode 0): ${tryAgainOn ? `Try again on ${tryAgainOn}` : 'asked again by itself'}, verified`,
      withFaultHost(async (host) => {
        host.dipar.emulator.faults.set([{ kind: 'error', code: 0, path, times: 1 }]);
        const wizard = new KycWizard('dipar', host.diparProvider());
        const handed = await wizard.walk();
        assert.equal(typeof handed?.userId, 'string', 'completes, handing over the order');
        assert.deepEqual(
          answers(host, path),
          ['500!', ...Array<string>(made).fill('200')],
          'the fault fired, then each call went through once',
        );
        assert.deepEqual(wizard.person.shown(), tryAgainOn ? [`${tryAgainOn} dipar-0 true`] : []);
        await assertVerifiedOnce(host, wizard);
      }),
    );
  }

  it(
    'the connection dropped on the card photo: Try again sends the same photo, accepted once, verified',
    withFaultHost(async (host) => {
      host.dipar.emulator.faults.set([{ kind: 'drop', path: '/api/Inquiry/SavePersonDocument', times: 1 }]);
      const wizard = new KycWizard('dipar', host.diparProvider());
      await wizard.walk();
      assert.deepEqual(answers(host, '/api/Inquiry/SavePersonDocument'), ['0', '200', '200'], 'dropped, then the front and the back');
      assert.deepEqual(wizard.person.shown(), ['card-front 2 true']);
      await assertVerifiedOnce(host, wizard);
    }),
  );

  it(
    '3 s of latency on every broker call: verified, each call made once',
    withFaultHost(async (host) => {
      host.dipar.emulator.faults.set([{ kind: 'latency', ms: 3000 }]);
      const wizard = new KycWizard('dipar', host.diparProvider());
      const verified = wizard.walk().then(() => assertVerifiedOnce(host, wizard));
      const { held } = await releasingHeldAnswers(host.clock, 3000, verified);
      const requests = host.dipar.emulator.requests();
      assert.ok(
        requests.every((request) => request.status === 200),
        requests.map((request) => `${request.status} ${request.path}`).join('\n'),
      );
      assert.equal(held, requests.length, 'every answer was held');
      assert.deepEqual(
        requests.map((request) => request.path.replace(/^.*\//, '')),
        [
          'SetToken',
          'GetTokenProviderProperties',
          'SaveSignature',
          'GetRandomText',
          'SendProbVideoByToken',
          'GetAdmittanceText',
          'SendAdmittanceVideoByToken',
          'SavePersonDocument',
          'SavePersonDocument',
          'VerifyToken',
          // The host's server reading the result back.
          'GetCitizenData',
        ],
      );
      assert.deepEqual(wizard.person.shown(), []);
    }),
  );
});
