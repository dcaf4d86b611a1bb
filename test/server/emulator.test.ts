import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startEmulatorServer, type RunningEmulator } from '../../demo/emulator/server.js';

const KEY = 'emulator-test-key';

describe('Emzano emulator (KYC paths) over HTTP', () => {
  let emzano: RunningEmulator;
  before(async () => {
    emzano = await startEmulatorServer({ apiKey: KEY });
  });
  after(() => emzano.close());
  beforeEach(() => emzano.emulator.reset());

  const call = async (method: string, path: string, init: { json?: unknown; form?: FormData; auth?: string } = {}) => {
    const headers: Record<string, string> = {};
    if (init.auth !== undefined) headers['Authorization'] = init.auth;
    if (init.json !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${emzano.url}${path}`, {
      method,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.form,
    });
    return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> };
  };

  async function enrolAndToken() {
    const enrol = await call('POST', '/api/v1/external/kyc/enroll', {
      auth: KEY,
      json: { PhoneNumber: '09121234567', NationalCode: '0499370899' },
    });
    const userId = (enrol.body['Data'] as { UserId: string }).UserId;
    const token = await call('POST', `/api/v1/external/user/${userId}/token`, { auth: KEY });
    return { userId, bearer: `Bearer ${String(token.body['AccessToken'])}`, token: token.body };
  }

  it('answers enrol in the envelope with PascalCase Data', async () => {
    const { status, body } = await call('POST', '/api/v1/external/kyc/enroll', {
      auth: KEY,
      json: { PhoneNumber: '09121234567', NationalCode: '0499370899' },
    });
    assert.equal(status, 200);
    assert.equal(body['IsSuccess'], true);
    assert.deepEqual(Object.keys(body['Data'] as object), [
      'UserId',
      'IsInfoInquiryCompleted',
      'IsFaceRecognitionCompleted',
      'IsSignatureUploaded',
    ]);
  });

  it('answers a missing or empty field with HTTP 500 and the documented body', async () => {
    const missing = await call('POST', '/api/v1/external/kyc/enroll', { auth: KEY, json: { PhoneNumber: '09121234567' } });
    assert.deepEqual(missing, { status: 500, body: { code: 1, message: 'درخواست معتبر نیست.' } });
    const { userId, bearer } = await enrolAndToken();
    const noSerial = await call('POST', `/api/v1/external/kyc/${userId}/info-inquiry`, {
      auth: bearer,
      json: { birthDate: '1370-01-01', SerialNumber: '' },
    });
    assert.deepEqual(noSerial, { status: 500, body: { code: 2006, message: 'سریال کارت ملی اجباری است.' } });
    const noImage = await call('POST', `/api/v1/external/kyc/${userId}/upload-signature`, { auth: KEY, form: new FormData() });
    assert.equal(noImage.body['code'], 2011, 'signature before face recognition');
  });

  it('issues a token without envelope whose ExpiresIn is the expiry in Unix seconds, and honours it', async () => {
    const { userId, bearer, token } = await enrolAndToken();
    assert.deepEqual(Object.keys(token), ['AccessToken', 'RefreshToken', 'ExpiresIn']);
    assert.ok(Math.abs(Number(token['ExpiresIn']) - (Date.now() / 1000 + 600)) < 5);
    assert.equal((await call('GET', '/api/v1/external/kyc/random-text', { auth: bearer })).status, 200);
    emzano.emulator.expireTokens();
    assert.equal((await call('GET', '/api/v1/external/kyc/random-text', { auth: bearer })).status, 401);
    assert.equal((await call('POST', `/api/v1/external/kyc/${userId}/info-inquiry`, { auth: 'wrong', json: {} })).status, 401);
  });

  it("does not let one user's token open another user's paths", async () => {
    const { bearer } = await enrolAndToken();
    const other = await call('POST', '/api/v1/external/kyc/enroll', {
      auth: KEY,
      json: { PhoneNumber: '09350000000', NationalCode: '0070947120' },
    });
    const otherId = (other.body['Data'] as { UserId: string }).UserId;
    const result = await call('POST', `/api/v1/external/kyc/${otherId}/info-inquiry`, {
      auth: bearer,
      json: { birthDate: '1370-01-01', SerialNumber: '12345' },
    });
    assert.equal(result.status, 403);
  });

  it('runs the whole KYC sequence and records multipart parts', async () => {
    const { userId, bearer } = await enrolAndToken();
    const inquiry = await call('POST', `/api/v1/external/kyc/${userId}/info-inquiry`, {
      auth: bearer,
      json: { birthDate: '1370-01-01', SerialNumber: '12345' },
    });
    assert.deepEqual(Object.keys(inquiry.body['Data'] as object), [
      'Name',
      'Family',
      'Gender',
      'FatherName',
      'CertificateNumber',
      'CertificateSeries',
      'CertificateSerial',
    ]);
    const sentence = ((await call('GET', '/api/v1/external/kyc/random-text', { auth: bearer })).body['Data'] as { RandomText: string })
      .RandomText;

    const video = new FormData();
    video.append('RandomText', sentence);
    video.append('file', new Blob([new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112])], { type: 'video/mp4' }), 'video.mp4');
    assert.equal((await call('POST', `/api/v1/external/kyc/${userId}/face-recognition`, { auth: bearer, form: video })).status, 200);

    const wrongText = new FormData();
    wrongText.append('RandomText', 'a sentence never issued');
    wrongText.append('file', new Blob([new Uint8Array([1])], { type: 'video/mp4' }), 'video.mp4');
    assert.equal(
      (await call('POST', `/api/v1/external/kyc/${userId}/face-recognition`, { auth: bearer, form: wrongText })).body['code'],
      2015,
    );

    const image = new FormData();
    image.append('Image', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'signature.png');
    assert.equal((await call('POST', `/api/v1/external/kyc/${userId}/upload-signature`, { auth: bearer, form: image })).status, 200);

    const recorded = emzano.emulator.requests().find((request) => request.path.endsWith('/face-recognition'));
    assert.deepEqual(
      recorded?.parts?.map((part) => [part.name, part.fileName, part.type, part.size]),
      [
        ['RandomText', undefined, undefined, undefined],
        ['file', 'video.mp4', 'video/mp4', 8],
      ],
    );
    const upload = await fetch(`${emzano.url}/__emulator/uploads/${recorded?.parts?.[1]?.uploadId}`);
    assert.equal((await upload.arrayBuffer()).byteLength, 8);

    const again = await call('POST', '/api/v1/external/kyc/enroll', {
      auth: KEY,
      json: { PhoneNumber: '09121234567', NationalCode: '0499370899' },
    });
    assert.deepEqual(again.body['Data'], {
      UserId: userId,
      IsInfoInquiryCompleted: true,
      IsFaceRecognitionCompleted: true,
      IsSignatureUploaded: true,
    });
  });

  it('injects latency, errors and dropped connections through its control paths', async () => {
    const set = (rules: unknown) => fetch(`${emzano.url}/__emulator/faults`, { method: 'PUT', body: JSON.stringify({ rules }) });
    await set([{ kind: 'error', code: 2, path: 'random-text', times: 1 }]);
    const { bearer } = await enrolAndToken();
    assert.deepEqual((await call('GET', '/api/v1/external/kyc/random-text', { auth: bearer })).body, {
      code: 2,
      message: 'سرویس در دسترس نمی باشد، لطفا ۳۰ دقیقه آینده مجدد تلاش نمایید.',
    });
    assert.equal((await call('GET', '/api/v1/external/kyc/random-text', { auth: bearer })).status, 200, 'used up');

    await set([{ kind: 'drop', times: 1 }]);
    await assert.rejects(fetch(`${emzano.url}/api/v1/external/kyc/random-text`).then((response) => response.text()));

    await set([{ kind: 'latency', ms: 150, times: 1 }]);
    const started = performance.now();
    await call('GET', '/api/v1/external/kyc/random-text', { auth: bearer });
    assert.ok(performance.now() - started >= 140);
  });

  it('answers CORS preflights so browsers can call it cross-origin', async () => {
    const response = await fetch(`${emzano.url}/api/v1/external/kyc/random-text`, { method: 'OPTIONS' });
    assert.equal(response.status, 204);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /Authorization/);
  });
});
