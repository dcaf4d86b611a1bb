import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkMessage, checkSender, normalizeInternationalPhone, normalizeSpanishId } from '../../../src/core/remote-request.js';
import { checkRemoteRequest } from '../../../src/core/remote-request-parameters.js';

const NOW = Date.parse('2026-12-03T09:00:00Z');

describe('remote verification request checks', () => {
  it('normalises a mobile number with its country code to the service form (digits, no +)', () => {
    for (const input of ['+34 600 00 00 01', '+34-600-000-001', '0034 600000001', '34600000001', '+۳۴ ۶۰۰ ۰۰۰ ۰۰۱', '(+34) 600.000.001']) {
      assert.deepEqual(normalizeInternationalPhone(input), { ok: true, value: '34600000001' }, input);
    }
    assert.deepEqual(normalizeInternationalPhone('+98 912 123 4567'), { ok: true, value: '989121234567' });
  });

  it('asks for the country code when a number is written the national way', () => {
    for (const input of ['600000001', '09121234567', '0600000001']) {
      assert.deepEqual(normalizeInternationalPhone(input), { ok: false, problem: 'phone-country-code' }, input);
    }
    assert.deepEqual(normalizeInternationalPhone(''), { ok: false, problem: 'required' });
    for (const input of ['+34 abc', '+0034600000001', '+1234567', '+1234567890123456']) {
      assert.deepEqual(normalizeInternationalPhone(input), { ok: false, problem: 'phone-invalid' }, input);
    }
  });

  it('checks a DNI and an NIE by their letter', () => {
    assert.deepEqual(normalizeSpanishId('00000000T'), { ok: true, value: '00000000T' });
    assert.deepEqual(normalizeSpanishId('12345678-z'), { ok: true, value: '12345678Z' });
    assert.deepEqual(normalizeSpanishId('X1234567L'), { ok: true, value: 'X1234567L' });
    assert.deepEqual(normalizeSpanishId('y 1234567 x'), { ok: true, value: 'Y1234567X' });
    assert.deepEqual(normalizeSpanishId('Z1234567R'), { ok: true, value: 'Z1234567R' });
    assert.deepEqual(normalizeSpanishId('00000000A'), { ok: false, problem: 'dni-letter' });
    assert.deepEqual(normalizeSpanishId('X1234567A'), { ok: false, problem: 'dni-letter' });
    for (const input of ['1234567Z', 'A1234567L', '123456789', 'X12345678L']) {
      assert.deepEqual(normalizeSpanishId(input), { ok: false, problem: 'dni-format' }, input);
    }
  });

  it('wants [LINK] in the message and at most 11 characters of sender', () => {
    assert.equal(checkMessage('Verify your identity: [LINK]'), undefined);
    assert.equal(checkMessage('MiEmpresa'), 'message-link');
    assert.equal(checkMessage('[link] lower case is not the keyword'), 'message-link');
    assert.equal(checkMessage(`[LINK] ${'x'.repeat(900)}`), 'message-long');
    assert.equal(checkSender('MiEmpresa'), undefined);
    assert.equal(checkSender('Emzano Bank'), undefined);
    assert.equal(checkSender('Emzano Banco'), 'sender-long');
    assert.equal(checkSender('شرکت امضانو'), undefined);
    assert.equal(checkSender('a\nb'), 'sender-invalid');
  });

  it("turns a scheduled instant into the service's Madrid Fecha, across daylight saving", () => {
    const summer = checkRemoteRequest({ phone: '+34600000001', sendAt: '2027-07-01T08:15:00Z' }, NOW);
    assert.deepEqual(summer, { ok: true, parameters: { Telefono: '34600000001', Fecha: '2027-07-01 10:15' } });
    const winter = checkRemoteRequest({ phone: '+34600000001', sendAt: '2026-12-24T18:00:00+01:00' }, NOW);
    assert.deepEqual(winter, { ok: true, parameters: { Telefono: '34600000001', Fecha: '2026-12-24 18:00' } });
  });

  it('reports every problem at once, by field, and builds the parameters only when all pass', () => {
    const checked = checkRemoteRequest(
      { phone: '600000001', message: 'no keyword', sender: 'A very long sender', dni: '00000000A', sendAt: '2026-12-01T10:00:00Z' },
      NOW,
    );
    assert.deepEqual(checked, {
      ok: false,
      problems: { phone: 'phone-country-code', message: 'message-link', sender: 'sender-long', dni: 'dni-letter', sendAt: 'schedule-past' },
    });
    assert.deepEqual(checkRemoteRequest({ phone: '+34600000001', sendAt: 'tomorrow' }, NOW), {
      ok: false,
      problems: { sendAt: 'schedule-invalid' },
    });
    assert.deepEqual(checkRemoteRequest({ phone: '+34600000001', sendAt: '2028-12-04T00:00:00Z' }, NOW), {
      ok: false,
      problems: { sendAt: 'schedule-far' },
    });
    assert.deepEqual(checkRemoteRequest({ phone: 34600000001 }, NOW), { ok: false, problems: { phone: 'required' } });
    const full = checkRemoteRequest(
      { phone: '+34 600 00 00 01', message: ' Hola, verifique su identidad: [LINK] ', sender: 'MiEmpresa', dni: '00000000t', sendAt: '' },
      NOW,
    );
    assert.deepEqual(full, {
      ok: true,
      parameters: { Telefono: '34600000001', Mensaje: 'Hola, verifique su identidad: [LINK]', Remitente: 'MiEmpresa', Dni: '00000000T' },
    });
  });
});
