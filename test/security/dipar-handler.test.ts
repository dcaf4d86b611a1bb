/**
 * The server kit's Dipar endpoint against the strict Dipar emulator: a whole verification through
 * it (the token it builds is accepted, every step forwarded, VerifyToken, the signed result read
 * back and checked), and what it must refuse: another subject's token, a path outside the list,
 * a visitor the host does not vouch for, an oversized body, and a result changed on the way; the
 * stateful refusals also on two instances of the host, on memory and on a real Redis.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { Storage } from 'unstorage';
import { decodeJwt, SignJWT } from 'jose';
import { DiparEmulator } from '../../demo/emulator/dipar/dipar-emulator.js';
import { BrokerSignatureError, createDiparHandler, type DiparHandlerOptions, type DiparStart } from '../../src/server/dipar-handler.js';
import { readDiparAnswer } from '../../src/core/dipar-envelope.js';
import { storeKinds } from '../helpers/stores.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const WEBM = Buffer.from('1a45dfa39f4286810142f7810142f2', 'hex');
const ADMITTANCE = 'مستند اساسنامه شرکت را مطالعه کرده و با آگاهی کامل تایید میکنم.';

const fileData = (fileName: string, bytes: Buffer) => ({ name: 'FileData', fileName, content: bytes.toString('base64') });

describe('abuse: Dipar endpoint', () => {
  const kinds = storeKinds();
  let emulator: DiparEmulator;
  beforeEach(() => {
    emulator = new DiparEmulator();
  });

  const instance = (extra: Partial<DiparHandlerOptions> = {}, brokerFetch?: typeof fetch) => {
    const operator = emulator.operators[0]!;
    return createDiparHandler({
      baseUrl: 'http://dipar.invalid',
      callerCode: operator.callerCode,
      tokenKey: operator.tokenKey,
      authorize: (request) => {
        const user = request.headers.get('x-user');
        return user ? { subject: user } : false;
      },
      claims: (subject) =>
        subject === 'stranger'
          ? undefined
          : {
              nationalCode: '0499370899',
              mobile: '09121234567',
              firstName: 'سارا',
              lastName: 'احمدی',
              birthDate: '1370/05/12',
              admittanceText: ADMITTANCE,
            },
      brokerPublicKey: emulator.brokerPublicKeyPem(),
      dualAuthToken: (scope) =>
        new SignJWT({ CallerCode: operator.callerCode, Scope: scope })
          .setProtectedHeader({ alg: 'HS256' })
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(operator.tokenKey)),
      fetch: brokerFetch ?? ((input, init) => emulator.handle(new Request(input, init))),
      ...extra,
    });
  };
  const send = (handler: ReturnType<typeof instance>, user: string | undefined, path: string, body?: unknown) =>
    handler(
      new Request(`https://shop.example/api/dipar${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(user ? { 'x-user': user } : {}) },
        body: JSON.stringify(body ?? {}),
      }),
    );
  const answer = async (response: Response) => readDiparAnswer(await response.json());
  const started = async (handler: ReturnType<typeof instance>, user = 'alice') => {
    const text = await (await send(handler, user, '/start')).text();
    assert.ok(!text.includes(emulator.operators[0]!.tokenKey), 'the operator key never leaves the server');
    return JSON.parse(text) as DiparStart;
  };

  it('runs a whole verification through the endpoint, and reads back a result whose broker signature holds', async () => {
    const handler = instance();
    const start = await started(handler);
    assert.deepEqual(start.steps, ['signature', 'video', 'admittance', 'card-front', 'card-back']);
    assert.deepEqual(start.tryCounts, { video: 3, selfie: 3 });
    const claims = decodeJwt(start.tokenValue);
    assert.equal(claims['CallerCode'], emulator.operators[0]!.callerCode);
    assert.equal(typeof claims['orderId'], 'string');
    assert.equal(claims['exp'], start.expiresAt);
    const tokenValue = start.tokenValue;

    assert.equal(
      (await answer(await send(handler, 'alice', '/api/Inquiry/SaveSignature', { tokenValue, fileData: fileData('Signature.png', PNG) })))!
        .code,
      0,
    );
    const sentence = (
      (await answer(await send(handler, 'alice', '/api/media/GetRandomText', { type: 1, count: 1 })))!.result as string[]
    )[0]!;
    const video = await answer(
      await send(handler, 'alice', '/api/Inquiry/SendProbVideoByToken', {
        tokenValue,
        randomText: sentence,
        faceThreshold: -1,
        voiceThreshold: -1,
        fileData: fileData('ProbVideo.webm', WEBM),
      }),
    );
    assert.deepEqual(video!.result, {
      AuthenticationStatus: 1,
      AuthenticationResult: 'Video was real matched with gallery! Extraction: 100%',
    });
    const text = await answer(await send(handler, 'alice', '/api/Inquiry/GetAdmittanceText', { tokenValue }));
    assert.deepEqual(text!.result, [ADMITTANCE]);
    // The admittance video's answer comes back with the sample's spelling (RespenseCode), read all the same.
    const admitted = await send(handler, 'alice', '/api/Inquiry/SendAdmittanceVideoByToken', {
      tokenValue,
      randomText: '',
      faceThreshold: -1,
      voiceThreshold: -1,
      fileData: fileData('AdmittanceVideo.webm', WEBM),
    });
    const admittedBody = (await admitted.json()) as Record<string, unknown>;
    assert.equal(admittedBody['RespenseCode'], 0);
    assert.equal(readDiparAnswer(admittedBody)!.code, 0);
    // Not finished yet: VerifyToken says 2, and the result is not verified.
    assert.equal((await answer(await send(handler, 'alice', '/api/Inquiry/VerifyToken', { tokenValue })))!.code, 2);
    assert.equal((await handler.readResult('alice'))!.verified, false);
    for (const [documentType, name] of [
      [101, 'IdCardFront.png'],
      [102, 'IdCardBack.png'],
    ] as const) {
      const saved = await send(handler, 'alice', '/api/Inquiry/SavePersonDocument', {
        tokenValue,
        documentType,
        fileData: fileData(name, PNG),
      });
      assert.equal((await answer(saved))!.code, 0);
    }
    assert.equal((await answer(await send(handler, 'alice', '/api/Inquiry/VerifyToken', { tokenValue })))!.code, 0);

    const result = await handler.readResult('alice');
    assert.deepEqual(result, { verified: true, kycStatus: 2, requestStatus: 5, nationalCode: '0499370899', orderId: claims['orderId'] });
    assert.equal(await handler.readResult('bob'), undefined, 'bob never started');
    const paths = emulator.requests().map((entry) => entry.path);
    assert.deepEqual(paths.slice(0, 2), ['/api/Inquiry/SetToken', '/api/Inquiry/GetTokenProviderProperties']);
    assert.ok(paths.includes('/api/citizen/GetCitizenKYCStatus'));
  });

  it("forwards nothing for another subject's token, a path outside the list, or a visitor the host does not vouch for", async () => {
    const handler = instance();
    const { tokenValue } = await started(handler, 'alice');
    const before = emulator.requests().length;
    const stolen = await send(handler, 'bob', '/api/Inquiry/VerifyToken', { tokenValue });
    assert.equal(stolen.status, 403);
    assert.equal((await send(handler, 'bob', '/api/Inquiry/AbortToken', { tokenValue: 'eyJmade.up.token' })).status, 403);
    assert.equal((await send(handler, 'alice', '/api/Inquiry/SetToken', { tokenValue })).status, 404, 'SetToken is the server’s');
    assert.equal((await send(handler, 'alice', '/api/citizen/GetCitizenKYCStatus', {})).status, 404, 'results are the server’s');
    assert.equal((await send(handler, undefined, '/start')).status, 403);
    assert.equal((await send(handler, undefined, '/api/Inquiry/VerifyToken', { tokenValue })).status, 403);
    assert.equal((await send(handler, 'stranger', '/start')).status, 403, 'no identity for this user');
    assert.equal(emulator.requests().length, before, 'the broker was asked nothing');
    const small = instance({ maxBodyBytes: 64 });
    const { tokenValue: own } = await started(small, 'alice');
    const large = await send(small, 'alice', '/api/Inquiry/SaveSignature', {
      tokenValue: own,
      fileData: fileData('Signature.png', Buffer.alloc(512)),
    });
    assert.equal(large.status, 413);
  });

  it('refuses a result changed on its way from the broker: one byte', async () => {
    const honest = (input: string | URL | Request, init?: RequestInit) => emulator.handle(new Request(input, init));
    const tampering: typeof fetch = async (input, init) => {
      const response = await honest(input, init);
      if (!String(input).includes('/api/citizen/')) return response;
      const text = (await response.text()).replace('"KYCStatus": 3', '"KYCStatus": 2');
      return new Response(text, { status: response.status, headers: response.headers });
    };
    const handler = instance({}, tampering);
    const { tokenValue } = await started(handler);
    await send(handler, 'alice', '/api/Inquiry/AbortToken', { tokenValue });
    // Aborted: the broker signs Rejected (3); someone turns it into Approved (2) on the way.
    await assert.rejects(
      handler.readResult('alice'),
      (error: unknown) => error instanceof BrokerSignatureError && error.problem === 'digest-mismatch',
    );
    const untouched = instance();
    const again = await started(untouched);
    await send(untouched, 'alice', '/api/Inquiry/AbortToken', { tokenValue: again.tokenValue });
    assert.deepEqual((await untouched.readResult('alice'))!.kycStatus, 3);
  });

  it('reads back the files the person sent (GetCitizenData), under the broker signature, and refuses them changed', async () => {
    const sendSignatureAndVideo = async (handler: ReturnType<typeof instance>) => {
      const { tokenValue } = await started(handler);
      await send(handler, 'alice', '/api/Inquiry/SaveSignature', { tokenValue, fileData: fileData('Signature.png', PNG) });
      const [sentence] = (await answer(await send(handler, 'alice', '/api/media/GetRandomText', { type: 1, count: 1 })))!
        .result as string[];
      const body = { tokenValue, randomText: sentence, faceThreshold: -1, voiceThreshold: -1, fileData: fileData('ProbVideo.webm', WEBM) };
      await send(handler, 'alice', '/api/Inquiry/SendProbVideoByToken', body);
    };
    const handler = instance();
    await sendSignatureAndVideo(handler);
    const result = await handler.readResult('alice', { data: { signature: true, video: true, withBiometricData: true } });
    assert.equal(result!.verified, false, 'the status comes with it: not finished');
    const data = result!.citizenData as Record<string, { Data: string | null; InsertDateTime: string }>;
    assert.deepEqual(Buffer.from(data['Signature']!.Data!, 'base64'), PNG);
    assert.deepEqual(Buffer.from(data['Video']!.Data!, 'base64'), WEBM);
    const asked = emulator.requests().find((entry) => entry.path === '/api/citizen/GetCitizenData')!.json as Record<string, unknown>;
    assert.deepEqual(asked, {
      OrderId: result!.orderId,
      FlowId: emulator.operators[0]!.callerCode,
      NationalCode: null,
      AuthResult: true,
      SelfiePicture: false,
      Video: true,
      Speech: false,
      Signature: true,
      FilterBiometricData: true,
    });
    // Scores and times only; and the other reading of FilterBiometricData (Ambiguity 9) sends the flag the other way.
    const bare = await handler.readResult('alice', { data: { signature: true } });
    assert.equal((bare!.citizenData!['Signature'] as { Data: unknown }).Data, null);
    const byName = instance({ filterBiometricData: 'filter-when-true' });
    await byName.readResult('alice', { data: { signature: true, withBiometricData: true } });
    assert.equal((emulator.requests().at(-1)!.json as Record<string, unknown>)['FilterBiometricData'], false);

    // One character of the signature image changed on the way: refused, nothing returned.
    const tampering: typeof fetch = async (input, init) => {
      const response = await emulator.handle(new Request(input, init));
      if (!String(input).includes('/GetCitizenData')) return response;
      // The PNG's base64 begins iVBORw0K: one letter changed.
      const original = await response.text();
      const text = original.replace('"Data": "iVBORw0K', '"Data": "iVBORw0L');
      assert.notEqual(text, original, 'the signature image was changed');
      return new Response(text, { status: response.status, headers: response.headers });
    };
    const tampered = instance({}, tampering);
    await assert.rejects(
      tampered.readResult('alice', { data: { signature: true, withBiometricData: true } }),
      (error: unknown) => error instanceof BrokerSignatureError,
    );
  });

  it('takes the steps the operator may use: no admittance step without the permission, and the broker refuses it', async () => {
    emulator.setProfile(emulator.operators[0]!.callerCode, { AdmittancePermission: false, PersonDocumentTypePermission: [101] });
    const handler = instance();
    const start = await started(handler);
    assert.deepEqual(start.steps, ['signature', 'video', 'card-front']);
    const refused = await answer(
      await send(handler, 'alice', '/api/Inquiry/SendAdmittanceVideoByToken', {
        tokenValue: start.tokenValue,
        randomText: '',
        faceThreshold: -1,
        voiceThreshold: -1,
        fileData: fileData('AdmittanceVideo.webm', WEBM),
      }),
    );
    assert.equal(refused!.code, 1);
    assert.equal(refused!.exception!.code, 1506);
  });

  it('hands the host what the browser sent to start, and keeps the claims it adds its own', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const handler = instance({
      claims: (_, fields) => {
        seen.push(fields);
        // A host that takes the typed mobile, once it has checked it is its user's, and nothing else.
        return { nationalCode: '0499370899', mobile: String(fields['mobile']), CallerCode: 'XXX-x-forged', orderId: 'forged' };
      },
    });
    const response = await send(handler, 'alice', '/start', { mobile: '09127654321', CallerCode: 'ignored' });
    const { tokenValue } = (await response.json()) as DiparStart;
    assert.deepEqual(seen, [{ mobile: '09127654321', CallerCode: 'ignored' }]);
    const claims = decodeJwt(tokenValue);
    assert.equal(claims['mobile'], '09127654321');
    assert.equal(claims['CallerCode'], emulator.operators[0]!.callerCode, 'the handler’s CallerCode wins');
    assert.notEqual(claims['orderId'], 'forged');
    const malformed = await handler(
      new Request('https://shop.example/api/dipar/start', { method: 'POST', headers: { 'x-user': 'alice' }, body: '[1' }),
    );
    assert.equal(malformed.status, 400);
  });

  it('lets no claim it sets in by another casing: the broker reads names case-insensitively', async () => {
    // A careless host that passes on everything the browser posted.
    const handler = instance({ claims: (_, fields) => ({ nationalCode: '0499370899', ...fields }) });
    const response = await send(handler, 'alice', '/start', {
      mobile: '09127654321',
      callerCode: 'XXX-x-forged',
      CALLERCODE: 'XXX-y-forged',
      OrderID: 'forged',
      EXP: 99_999_999_999,
    });
    assert.equal(response.status, 200);
    const { tokenValue } = (await response.json()) as DiparStart;
    const claims = decodeJwt(tokenValue);
    const names = Object.keys(claims).map((name) => name.toLowerCase());
    assert.deepEqual(
      names.filter((name) => ['callercode', 'orderid', 'exp'].includes(name)),
      ['callercode', 'orderid', 'exp'],
      'each once: the handler’s',
    );
    assert.equal(claims['CallerCode'], emulator.operators[0]!.callerCode);
    assert.ok(claims['exp']! < 99_999_999_999);
    assert.equal(claims['mobile'], '09127654321', 'what the host passed on otherwise stays');

    // Two names of the host's own that the broker would read as one: the host's mistake, named to
    // its onError (never the values), and 500 for the browser.
    const heard: unknown[] = [];
    const ambiguous = instance({
      claims: () => ({ nationalCode: '0499370899', NationalCode: '0012345679' }),
      onError: (error) => heard.push(error),
    });
    const failed = await send(ambiguous, 'alice', '/start', {});
    assert.deepEqual([failed.status, ((await failed.json()) as { reason: string }).reason], [500, 'internal']);
    assert.match(String(heard[0]), /both "nationalCode" and "NationalCode"/);
    assert.ok(!String(heard[0]).includes('0499370899'), 'never the values');
  });

  it('gives a verification back after a reload only to its subject, by its order id, while it is live', async () => {
    const handler = instance();
    const start = await started(handler, 'alice');
    const resumed = await send(handler, 'alice', '/resume', { orderId: start.orderId });
    assert.equal(resumed.status, 200);
    assert.deepEqual(await resumed.json(), start);
    // Another subject with the right order id, the subject with a guessed one: nothing.
    assert.equal((await send(handler, 'mallory', '/resume', { orderId: start.orderId })).status, 404);
    assert.equal((await send(handler, 'alice', '/resume', { orderId: crypto.randomUUID() })).status, 404);
    assert.equal((await send(handler, 'alice', '/resume', {})).status, 400);
    assert.equal((await send(handler, undefined, '/resume', { orderId: start.orderId })).status, 403);
    // Cancelled: it cannot be picked up again.
    const aborted = await send(handler, 'alice', '/api/Inquiry/AbortToken', { tokenValue: start.tokenValue });
    assert.equal((await answer(aborted))?.code, 0);
    assert.equal((await send(handler, 'alice', '/resume', { orderId: start.orderId })).status, 404);
  });

  it('gives back no verification whose token has expired', async () => {
    let now = Date.now();
    const handler = instance({ now: () => now, tokenTtlSeconds: 60 });
    const start = await started(handler, 'alice');
    now += 61_000;
    assert.equal((await send(handler, 'alice', '/resume', { orderId: start.orderId })).status, 404);
  });

  it('requires what it cannot work without', () => {
    const operator = emulator.operators[0]!;
    const base = { baseUrl: 'http://dipar.invalid', callerCode: operator.callerCode, tokenKey: operator.tokenKey, claims: () => ({}) };
    assert.throws(() => createDiparHandler({ ...base, baseUrl: '' } as never), /baseUrl/);
    assert.throws(() => createDiparHandler({ ...base } as never), /`authorize` is required/);
    assert.throws(() => createDiparHandler({ ...base, authorize: () => false, claims: undefined } as never), /claims/);
  });

  for (const kind of kinds) {
    it(`refuses another subject's token and order id on the other instance too (${kind.name})`, async () => {
      const [first, second] = kind.storages(2) as [Storage, Storage];
      const many = kind.name === 'redis' ? ({ instances: 'many' } as const) : {};
      const one = instance({ storage: first, ...many });
      const two = instance({ storage: second, ...many });
      const start = await started(one, 'alice');
      const before = emulator.requests().length;
      assert.equal((await send(two, 'bob', '/api/Inquiry/VerifyToken', { tokenValue: start.tokenValue })).status, 403);
      assert.equal((await send(two, 'mallory', '/resume', { orderId: start.orderId })).status, 404);
      assert.equal(emulator.requests().length, before, 'the broker was asked nothing');
      // Alice's own, at the other instance: the same verification.
      const resumed = await send(two, 'alice', '/resume', { orderId: start.orderId });
      assert.deepEqual(await resumed.json(), start);
      const verified = await send(two, 'alice', '/api/Inquiry/AbortToken', { tokenValue: start.tokenValue });
      assert.equal((await answer(verified))?.code, 0);
      assert.equal((await send(one, 'alice', '/resume', { orderId: start.orderId })).status, 404, 'cancelled at one, gone at both');
    });
  }
});
