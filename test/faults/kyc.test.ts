/**
 * `<emzano-kyc>`'s protocol under faults, without the page: the Emzano provider, its clients and
 * the element's TaskController, against the Emzano emulator behind the server kit's token endpoint,
 * over real HTTP. Each KYC call fails once, a connection drops, a token expires, answers are held
 * for seconds (on the emulator's virtual clock); the walk must finish with one enrolment, one video
 * and one signature accepted, the recording the very bytes the person made, and Try again shown
 * only where repeating the call is not safe to do by itself.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadEmzanoMessages } from '../../src/core/error-catalog.js';
import { EmzanoError } from '../../src/core/errors.js';
import { errorMessage } from '../../src/i18n/index.js';
import { releasingHeldAnswers, withFaultHost, type FaultHost } from './fault-host.js';
import { KycWizard } from './kyc-wizard.js';
import { NoTryAgain } from './task-driver.js';

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/** One enrolment, one video and one signature accepted, each the very file the person made. */
async function assertAcceptedOnce(host: FaultHost, wizard: KycWizard): Promise<void> {
  const { emulator } = host.emzano;
  const accepted = (suffix: string) => emulator.requests().filter((request) => request.path.endsWith(suffix) && request.status === 200);
  assert.equal(accepted('/kyc/enroll').length, 1, 'one enrolment');
  for (const [suffix, part, made] of [
    ['/face-recognition', 'file', wizard.made.video],
    ['/upload-signature', 'Image', wizard.made.signature],
  ] as const) {
    const uploads = accepted(suffix);
    assert.equal(uploads.length, 1, `${suffix}: accepted once`);
    const file = uploads[0]!.parts!.find((candidate) => candidate.name === part)!;
    assert.deepEqual(emulator.upload(file.uploadId!)!.bytes, await bytesOf(made), `${suffix}: the very file the person made`);
  }
}

// Each test has a host of its own: they run side by side (the back-off waits overlap).
describe('KYC through Emzano under faults, at the protocol level', { concurrency: true }, () => {
  /** Each KYC call, and the step that shows Try again when it fails once (none: it is repeated by itself). */
  const CALLS: Array<[path: string, tryAgainOn: string | undefined, why: string]> = [
    ['/kyc/enroll', 'enrol', 'an enrolment is never repeated by itself'],
    ['/token', undefined, 'the token endpoint mints the user token again'],
    ['/info-inquiry', undefined, 'a registry lookup changes nothing'],
    ['/random-text', undefined, 'a read'],
    ['/face-recognition', 'video', 'an upload is never repeated by itself'],
    ['/upload-signature', 'signature', 'an upload is never repeated by itself'],
  ];
  for (const [path, tryAgainOn, why] of CALLS) {
    it(
      `${path} failing once with HTTP 500 (code 2): ${tryAgainOn ? `Try again on ${tryAgainOn}` : 'repeated by itself'} (${why})`,
      withFaultHost(async (host) => {
        host.emzano.emulator.faults.set([{ kind: 'error', code: 2, path, times: 1 }]);
        const wizard = new KycWizard('emzano', host.emzanoProvider());
        const handed = await wizard.walk();
        assert.ok(handed?.session?.accessToken, 'completes, handing over a live session');
        assert.equal(typeof wizard.found?.name, 'string');
        assert.equal(host.answered(path)[0], 500, 'the fault fired');
        assert.deepEqual(wizard.person.shown(), tryAgainOn ? [`${tryAgainOn} 2 true`] : []);
        await assertAcceptedOnce(host, wizard);
      }),
    );
  }

  it(
    'an expired token on the inquiry: one refresh through the token endpoint, one replay, one rejected call',
    withFaultHost(async (host) => {
      const wizard = new KycWizard('emzano', host.emzanoProvider());
      const plan = await wizard.start();
      host.emzano.emulator.expireTokens();
      await wizard.passAll(plan!);
      assert.deepEqual(host.answered('/info-inquiry'), [401, 200], 'rejected once, replayed once');
      assert.equal(host.emzano.emulator.requests().filter((request) => request.status === 401).length, 1, 'one rejected call');
      assert.deepEqual(host.tokenCalls, ['enrol', 'refresh'], 'one refresh');
      assert.deepEqual(wizard.person.shown(), [], 'nothing shown to the person');
      await assertAcceptedOnce(host, wizard);
    }),
  );

  it(
    'a business error (1009) on the inquiry: shown in the person’s language without Try again, and looking up again works',
    withFaultHost(async (host) => {
      host.emzano.emulator.faults.set([{ kind: 'error', code: 1009, path: '/info-inquiry', times: 1 }]);
      const wizard = new KycWizard('emzano', host.emzanoProvider(), { language: 'fa' });
      const [inquiry, ...rest] = (await wizard.start())!;
      await assert.rejects(wizard.pass(inquiry!, false), NoTryAgain);
      assert.deepEqual(wizard.person.errors, [
        {
          code: 1009,
          message: 'استعلام ثبت احوال ناموفق بود. تاریخ تولد و سریال کارت ملی را بررسی کنید.',
          step: 'inquiry',
          retryable: false,
        },
      ]);
      await loadEmzanoMessages();
      assert.equal(errorMessage(1009, 'en'), 'The civil-registry check failed. Please check your birth date and card serial.');
      assert.deepEqual(host.answered('/info-inquiry'), [500], 'not repeated by itself: the person must check what they typed');
      // Look up, pressed again with the same values: the registry answers this time.
      await wizard.pass(inquiry!, false);
      assert.equal(typeof wizard.found?.name, 'string');
      await wizard.passAll(rest);
      await assertAcceptedOnce(host, wizard);
    }),
  );

  it(
    'the connection dropped mid-answer on the video upload: network, Try again, the same recording accepted once',
    withFaultHost(async (host) => {
      host.emzano.emulator.faults.set([{ kind: 'drop', path: '/face-recognition', times: 1 }]);
      const wizard = new KycWizard('emzano', host.emzanoProvider());
      await wizard.walk();
      assert.deepEqual(wizard.person.shown(), ['video network true']);
      assert.deepEqual(host.answered('/face-recognition'), [0, 200], 'dropped, then sent again once');
      await assertAcceptedOnce(host, wizard);
    }),
  );

  it(
    'the inquiry’s connection dropping three times: tried three times by itself, then network with Try again',
    withFaultHost(async (host) => {
      host.emzano.emulator.faults.set([{ kind: 'drop', path: '/info-inquiry', times: 3 }]);
      const wizard = new KycWizard('emzano', host.emzanoProvider());
      await wizard.walk();
      // (In a browser that says it is offline, the element shows `offline` and goes on by itself: test/browser/kyc-reliability.test.ts.)
      assert.deepEqual(wizard.person.shown(), ['inquiry network true']);
      assert.deepEqual(host.answered('/info-inquiry'), [0, 0, 0, 200]);
      await assertAcceptedOnce(host, wizard);
    }),
  );

  it(
    '5 s of latency on every call: completes, each call made once, nothing retried',
    withFaultHost(async (host) => {
      host.emzano.emulator.faults.set([{ kind: 'latency', ms: 5000 }]);
      const wizard = new KycWizard('emzano', host.emzanoProvider());
      const started = host.clock.now();
      const { result: handed, held } = await releasingHeldAnswers(host.clock, 5000, wizard.walk());
      assert.ok(handed?.session);
      const requests = host.emzano.emulator.requests();
      assert.deepEqual(
        requests.map((request) => `${request.status} ${request.path.replace(/^.*\/(kyc|user)\/([^/]+\/)?/, '')}`),
        ['200 enroll', '200 token', '200 info-inquiry', '200 random-text', '200 face-recognition', '200 upload-signature'],
      );
      assert.equal(held, requests.length, 'every answer was held');
      assert.equal(host.clock.now() - started, 5000 * held, 'and took its 5 s on the clock');
      assert.deepEqual(wizard.person.shown(), []);
      await assertAcceptedOnce(host, wizard);
    }),
  );

  it(
    '5 s of latency on the video upload and the person cancels: an abort, no error, nothing accepted; the same recording sent again',
    withFaultHost(async (host) => {
      host.emzano.emulator.faults.set([{ kind: 'latency', ms: 5000, path: '/face-recognition', times: 1 }]);
      const wizard = new KycWizard('emzano', host.emzanoProvider());
      let acceptedWhenCancelled: number[] | undefined;
      wizard.cancelNextUpload('video', async () => {
        await host.clock.whenHeld();
        acceptedWhenCancelled = host.answered('/face-recognition');
      });
      await wizard.walk();
      assert.deepEqual(acceptedWhenCancelled, [0], 'held, nothing accepted, when the person cancelled');
      assert.equal(wizard.cancelled.length, 1);
      const { thrown } = wizard.cancelled[0]!;
      assert.ok(thrown instanceof EmzanoError && thrown.code === 'aborted', 'the upload rejected as cancelled');
      assert.deepEqual(wizard.person.shown(), [], 'a cancel is not a failure');
      assert.deepEqual(host.answered('/face-recognition'), [0, 200], 'the held one never answered; the one sent again accepted');
      await assertAcceptedOnce(host, wizard);
    }),
  );

  it(
    'a double submit of the first step: the second press does nothing while the first runs, and Continue after success reuses it',
    withFaultHost(async (host) => {
      const wizard = new KycWizard('emzano', host.emzanoProvider());
      const [first, second] = await Promise.all([wizard.start(), wizard.start()]);
      assert.ok(first);
      assert.equal(second, undefined, 'a run is in flight');
      assert.deepEqual(await wizard.start(), first, 'after success: the same steps');
      assert.deepEqual(host.answered('/kyc/enroll'), [200], 'one enrolment');
      assert.deepEqual(host.tokenCalls, ['enrol']);
    }),
  );
});
