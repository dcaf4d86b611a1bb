import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpClient, type AuthProvider } from '../../../src/api/http.js';
import { KycClient } from '../../../src/api/kyc-client.js';

function recordingFetch() {
  const calls: Array<{ url: string; method: string; headers: Headers; body: unknown }> = [];
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), method: init?.method ?? 'GET', headers: new Headers(init?.headers), body: init?.body });
    return new Response(JSON.stringify({ IsSuccess: true, Data: { RandomText: 'متن', Name: 'علی', Family: 'احمدی', FatherName: 'حسن' } }));
  }) as typeof fetch;
  return { fetch: fetchImpl, calls };
}

const auth: AuthProvider = { accessToken: async () => 'tok', refresh: async () => undefined };

describe('KycClient', () => {
  it('calls the documented paths with the documented field names', async () => {
    const { fetch, calls } = recordingFetch();
    const client = new KycClient({ apiBase: 'https://api.example/', auth, http: new HttpClient({ fetch }) });
    const person = await client.inquire('u/1', { birthDate: '1370-01-01', serialNumber: '12345' });
    assert.deepEqual(person, { name: 'علی', family: 'احمدی', fatherName: 'حسن' });
    assert.equal(await client.randomText(), 'متن');
    await client.submitVideo('u/1', { randomText: 'متن', video: new Blob(['v'], { type: 'video/webm' }), fileName: 'video.webm' });
    await client.uploadSignature('u/1', new Blob(['p'], { type: 'image/png' }));

    assert.deepEqual(
      calls.map((call) => `${call.method} ${call.url}`),
      [
        'POST https://api.example/api/v1/external/kyc/u%2F1/info-inquiry',
        'GET https://api.example/api/v1/external/kyc/random-text',
        'POST https://api.example/api/v1/external/kyc/u%2F1/face-recognition',
        'POST https://api.example/api/v1/external/kyc/u%2F1/upload-signature',
      ],
    );
    assert.equal(calls[0]?.body, '{"birthDate":"1370-01-01","SerialNumber":"12345"}');
    assert.ok(calls.every((call) => call.headers.get('authorization') === 'Bearer tok'));
    const video = calls[2]?.body as FormData;
    assert.deepEqual([...video.keys()], ['RandomText', 'file']);
    assert.equal((video.get('file') as File).name, 'video.webm');
    const image = calls[3]?.body as FormData;
    assert.equal((image.get('Image') as File).name, 'signature.png');
  });

  it('can send the field-table spelling randomText and a bare token', async () => {
    const { fetch, calls } = recordingFetch();
    const client = new KycClient({
      apiBase: 'https://a',
      auth,
      http: new HttpClient({ fetch, authScheme: '' }),
      randomTextField: 'randomText',
    });
    await client.submitVideo('u', { randomText: 't', video: new Blob(['v']), fileName: 'video.mp4' });
    assert.deepEqual([...(calls[0]?.body as FormData).keys()], ['randomText', 'file']);
    assert.equal(calls[0]?.headers.get('authorization'), 'tok');
  });
});
