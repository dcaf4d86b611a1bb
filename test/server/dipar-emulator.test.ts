/**
 * The Dipar emulator is strict where the broker would be, so a test that passes against it
 * proves something: tokens signed with another key, expired, duplicated or naming an unknown
 * operator; a step after abort or acceptance; a video that is not a WebM, a sentence never
 * served, tries used up; a step the operator may not use; the read-back without its Dual-Auth.
 * Each answer carries the reference's code under the key spelling of that method's sample.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { DiparEmulator, testOperator } from '../../demo/emulator/dipar/dipar-emulator.js';
import { readDiparAnswer } from '../../src/core/dipar-envelope.js';

const WEBM = Buffer.from('1a45dfa39f4286810142f7810142f2', 'hex').toString('base64');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
const operator = testOperator();
const key = (secret = operator.tokenKey) => new TextEncoder().encode(secret);

/** A request token as an operator builds it. */
function token(claims: Record<string, unknown> = {}, options: { secret?: string; expires?: number } = {}) {
  return new SignJWT({
    CallerCode: operator.callerCode,
    orderId: crypto.randomUUID(),
    nationalCode: '0499370899',
    mobile: '09121234567',
    ...claims,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime(options.expires ?? Math.floor(Date.now() / 1000) + 600)
    .sign(key(options.secret));
}

describe('Dipar emulator: strict as the broker', () => {
  let emulator: DiparEmulator;
  beforeEach(() => {
    emulator = new DiparEmulator();
  });
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await emulator.handle(
      new Request(`http://dipar.invalid${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    );
    return (await response.json()) as Record<string, unknown>;
  };
  const codeOf = (body: Record<string, unknown>) => readDiparAnswer(body)?.exception?.code;
  const video = (tokenValue: string, randomText: string, content = WEBM) =>
    post('/api/Inquiry/SendProbVideoByToken', {
      tokenValue,
      randomText,
      faceThreshold: -1,
      voiceThreshold: -1,
      fileData: { name: 'FileData', fileName: 'ProbVideo.webm', content },
    });

  it('registers a token signed with the operator key, with the sample spelling, and refuses every bad one by its code', async () => {
    const good = await token();
    const registered = await post('/api/Inquiry/SetToken', { tokenValue: good });
    assert.deepEqual(registered, { RespnsCode: 0, RespnsMessage: 'توکن با موفقیت ثبت شد', Exception: null });
    assert.equal(codeOf(await post('/api/Inquiry/SetToken', { tokenValue: good })), 1201, 'duplicate');
    assert.equal(
      codeOf(await post('/api/Inquiry/SetToken', { tokenValue: await token({}, { secret: 'another-key-of-someone-else-0123' }) })),
      1213,
    );
    assert.equal(codeOf(await post('/api/Inquiry/SetToken', { tokenValue: await token({ CallerCode: 'XXX-x-1' }) })), 1221);
    assert.equal(codeOf(await post('/api/Inquiry/SetToken', { tokenValue: await token({}, { expires: 1 }) })), 1209);
    assert.equal(codeOf(await post('/api/Inquiry/SetToken', { tokenValue: await token({ nationalCode: '0499370898' }) })), 1203);
    assert.equal(codeOf(await post('/api/Inquiry/SetToken', { tokenValue: await token({ mobile: '9121234567' }) })), 1204);
    assert.equal(codeOf(await post('/api/Inquiry/SetToken', { tokenValue: 'not-a-jwt' })), 1211);
    // Wrong casing is a missing field.
    assert.equal(codeOf(await post('/api/Inquiry/SetToken', { TokenValue: await token() })), 1101);
  });

  it('counts video tries, accepts only WebM and a sentence it served, and closes a token once aborted', async () => {
    const tokenValue = await token();
    await post('/api/Inquiry/SetToken', { tokenValue });
    const served = (readDiparAnswer(await post('/api/media/GetRandomText', { type: 1, count: 1 }))!.result as string[])[0]!;
    assert.equal(codeOf(await video(tokenValue, 'جمله‌ای که داده نشده بود')), 1606);
    assert.equal(codeOf(await video(tokenValue, served, PNG)), 1604, 'a PNG named .webm');
    const accepted = await video(tokenValue, served);
    assert.equal(accepted['ResponseCode'], 0);
    assert.equal(codeOf(await video(tokenValue, served)), 1220, 'three tries used');
    assert.equal(readDiparAnswer(await post('/api/Inquiry/VerifyToken', { tokenValue }))!.code, 2, 'not finished');
    assert.equal(readDiparAnswer(await post('/api/Inquiry/AbortToken', { tokenValue }))!.code, 0);
    assert.equal(codeOf(await post('/api/Inquiry/VerifyToken', { tokenValue })), 1212);
  });

  it('answers a step the operator may not use with its permission code, and the admittance video with its own spelling', async () => {
    emulator.setProfile(operator.callerCode, {
      SignaturePermission: false,
      AdmittancePermission: false,
      PersonDocumentTypePermission: [101],
    });
    const tokenValue = await token({ admittanceText: 'تایید میکنم' });
    await post('/api/Inquiry/SetToken', { tokenValue });
    const file = { name: 'FileData', fileName: 'x.png', content: PNG };
    assert.equal(codeOf(await post('/api/Inquiry/SaveSignature', { tokenValue, fileData: file })), 1504);
    assert.equal(codeOf(await post('/api/Inquiry/SavePersonDocument', { tokenValue, documentType: 102, fileData: file })), 1901);
    const admittance = await post('/api/Inquiry/SendAdmittanceVideoByToken', {
      tokenValue,
      randomText: '',
      faceThreshold: -1,
      voiceThreshold: -1,
      fileData: { name: 'FileData', fileName: 'AdmittanceVideo.webm', content: WEBM },
    });
    assert.equal(admittance['RespenseCode'], 1);
    assert.equal(codeOf(admittance), 1506);
    const profile = readDiparAnswer(await post('/api/Inquiry/GetTokenProviderProperties', { flowId: operator.callerCode }))!;
    assert.equal((profile.result as Record<string, unknown>)['AdmittancePermission'], false);
    assert.equal(codeOf(await post('/api/Inquiry/GetTokenProviderProperties', { flowId: 'XXX-x-unknown' })), 1202);
  });

  it('reads back only with the Dual-Auth bearer for the scope, and signs what it answers', async () => {
    const orderId = crypto.randomUUID();
    await post('/api/Inquiry/SetToken', { tokenValue: await token({ orderId }) });
    const body = { OrderId: orderId, FlowId: operator.callerCode, NationalCode: null };
    assert.equal(codeOf(await post('/api/citizen/GetCitizenKYCStatus', body)), 2001, 'no bearer');
    const bearer = (scope: string, secret = operator.tokenKey) =>
      new SignJWT({ CallerCode: operator.callerCode, Scope: scope })
        .setProtectedHeader({ alg: 'HS256' })
        .setExpirationTime('5m')
        .sign(key(secret));
    assert.equal(
      codeOf(await post('/api/citizen/GetCitizenKYCStatus', body, { Authorization: `Bearer ${await bearer('0100000')}` })),
      2001,
    );
    assert.equal(
      codeOf(await post('/api/citizen/GetCitizenKYCStatus', body, { Authorization: `Bearer ${await bearer('0300000', 'x'.repeat(40))}` })),
      2001,
    );
    const answered = await post('/api/citizen/GetCitizenKYCStatus', body, { Authorization: `Bearer ${await bearer('0300000')}` });
    assert.equal(answered['RespnsCode'], 0);
    assert.match(String(answered['DataToSign']), /^[A-Za-z0-9+/]{27}=$/, 'a SHA-1 digest');
    assert.equal(Buffer.from(String(answered['E_Signature']), 'base64').length, 128, 'an RSA-1024 signature');
    assert.equal(((answered['Result'] as Record<string, unknown>)['AuthResult'] as Record<string, unknown>)['KYCStatus'], 0);
  });
});
