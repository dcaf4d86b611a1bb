/**
 * Dipar's signed read-back answers (reference §11), checked as the server kit checks them: the
 * `Result` text exactly as received, its base64, SHA-1 of that as `DataToSign`, and the broker's
 * RSA-1024 PKCS#1 v1.5 signature. The expected values are computed here with Node's own crypto,
 * independently of the code under test; one changed byte anywhere is refused.
 */
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { describe, it } from 'node:test';
import { BrokerSignatureError, importBrokerKey, verifiedResult } from '../../src/server/dipar/broker-signature.js';
import { rawMember } from '../../src/server/dipar/raw-json.js';

const broker = generateKeyPairSync('rsa', { modulusLength: 1024 });
const publicPem = broker.publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** A Result as the broker writes it: Persian text, `40.0`, an escaped quote, spacing of its own. */
const RESULT = `{ "CallerCode": "XXX-x-00000000-0000", "OrderId": "11111111",
  "AuthResult": { "KYCStatus": 2, "KYCRequestStatus": 5, "CitizenNationalCode": "0499370899",
    "Score": 40.0, "ErrorCode": [ ], "ErrorMessage": [ "تأیید شد \\"کامل\\" {ok}" ] } }`;

function signedBody(result = RESULT, options: { sign?: (base64: string, dataToSign: string) => string; dataToSign?: string } = {}) {
  const base64 = Buffer.from(result, 'utf8').toString('base64');
  const dataToSign = options.dataToSign ?? createHash('sha1').update(base64).digest('base64');
  const signature = options.sign
    ? options.sign(base64, dataToSign)
    : nodeSign('sha1', Buffer.from(base64), broker.privateKey).toString('base64');
  // The samples' spelling, and the Result before the signature fields.
  return `{"Result":${result},"RespnsCode":0,"RespnsMessage":"عملیات با موفقیت انجام شد","Exception":null,"DataToSign":"${dataToSign}","E_Signature":"${signature}"}`;
}

const refused = (problem: string) => (error: unknown) => error instanceof BrokerSignatureError && error.problem === problem;

describe('Dipar: the broker-signed Result', () => {
  it('reads a member exactly as sent: spacing, escapes, braces inside strings, arrays', () => {
    const body = `{ "A" : [1, {"b": "}"}], "Result" : ${RESULT} , "Z": null }`;
    assert.equal(rawMember(body, 'Result'), RESULT);
    assert.equal(rawMember(body, 'A'), '[1, {"b": "}"}]');
    assert.equal(rawMember(body, 'Z'), 'null');
    assert.equal(rawMember(body, 'Missing'), undefined);
    assert.equal(rawMember('[1]', 'Result'), undefined);
  });

  it('returns the Result when DataToSign and E_Signature hold, with the broker key as PEM', async () => {
    const key = await importBrokerKey(publicPem);
    const result = (await verifiedResult(signedBody(), key)) as { AuthResult: { KYCStatus: number; Score: number } };
    assert.equal(result.AuthResult.KYCStatus, 2);
    assert.equal(result.AuthResult.Score, 40);
  });

  it('refuses a Result with one byte changed, a re-hashed one without the broker’s signature, and an unsigned answer', async () => {
    const key = await importBrokerKey(publicPem);
    const body = signedBody();
    // Approved (2) turned into Rejected (3) by someone between the broker and the host.
    await assert.rejects(verifiedResult(body.replace('"KYCStatus": 2', '"KYCStatus": 3'), key), refused('digest-mismatch'));
    // The same, with DataToSign computed again to match: the signature still does not hold.
    const tampered = RESULT.replace('"KYCStatus": 2', '"KYCStatus": 3');
    const rehashed = signedBody(tampered, { sign: () => JSON.parse(body)['E_Signature'] as string });
    await assert.rejects(verifiedResult(rehashed, key), refused('signature-invalid'));
    // Another broker's key.
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const forged = signedBody(RESULT, { sign: (base64) => nodeSign('sha1', Buffer.from(base64), other.privateKey).toString('base64') });
    await assert.rejects(verifiedResult(forged, key), refused('signature-invalid'));
    // Re-serialised (the same data, other spacing): the broker signed the text, not the data.
    const reserialised = body.replace(RESULT, JSON.stringify(JSON.parse(RESULT)));
    await assert.rejects(verifiedResult(reserialised, key), refused('digest-mismatch'));
    await assert.rejects(verifiedResult(`{"Result":${RESULT},"RespnsCode":0}`, key), refused('unsigned'));
    await assert.rejects(verifiedResult('not json', key), refused('unreadable'));
  });

  it('follows the other recipe when told: the broker signs the DataToSign text', async () => {
    const key = await importBrokerKey(publicPem);
    const body = signedBody(RESULT, {
      sign: (_, dataToSign) => nodeSign('sha1', Buffer.from(dataToSign), broker.privateKey).toString('base64'),
    });
    await assert.rejects(verifiedResult(body, key), refused('signature-invalid'));
    assert.ok(await verifiedResult(body, key, { signs: 'data-to-sign' }));
  });
});
