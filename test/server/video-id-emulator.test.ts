/**
 * The video identity-verification emulator is strict where the real service would be: these
 * cases call it directly over HTTP, as a careless integrator might, and check each refusal and
 * each answer against the reference's rules and samples.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { VirtualClock } from '../../demo/emulator/clock.js';
import { startVideoIdEmulatorServer, type RunningVideoIdEmulator } from '../../demo/emulator/server.js';
import { EMULATED_RES } from '../../demo/emulator/video-id/video-id-emulator.js';

describe('video identity-verification emulator', () => {
  let vendor: RunningVideoIdEmulator;
  /** The emulator's time: its simulated people move only when a test moves it on. */
  let clock: VirtualClock;
  let receiver: Server;
  let received: Record<string, unknown>[] = [];
  before(async () => {
    clock = new VirtualClock();
    vendor = await startVideoIdEmulatorServer({ stepMs: 1_500, clock });
    // A bare webhook receiver: what the emulator POSTs, parsed as JSON.
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(JSON.parse(body) as Record<string, unknown>);
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    await vendor.close();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });
  beforeEach(() => {
    vendor.emulator.reset();
    received = [];
    vendor.emulator.setWebhook({
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      format: 'json',
      nestedAs: 'string',
    });
  });

  const basic = (user = vendor.emulator.apiUser, token = vendor.emulator.apiToken) =>
    `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${vendor.url}${path}`, {
      method: 'POST',
      headers: { Authorization: basic(), 'Content-Type': 'application/json', ...headers },
      body,
    });
  const verify = async (parameters: Record<string, unknown>) => {
    const response = await post('/VerificarIdentidad', JSON.stringify(parameters));
    assert.equal(response.status, 200);
    return (await response.json()) as Record<string, string>[];
  };
  /** Every step the people have left, each report received before the clock moves to the next. */
  const walkAll = async () => {
    while (await clock.next()) await vendor.emulator.deliveriesSettled();
  };
  const reportsFor = (id: string) => received.filter((report) => report['ID'] === id);

  it("answers the sample's shape: an array holding one object, numbers as strings", async () => {
    const answer = await verify({ Telefono: '34600000001', Mensaje: 'Verifique: [LINK]', Resp: 'JSON' });
    assert.equal(answer.length, 1);
    assert.deepEqual(Object.keys(answer[0]!), ['Res', 'ID', 'Cred']);
    assert.equal(answer[0]!['Res'], '10');
    assert.equal(answer[0]!['Cred'], '11999');
    assert.match(answer[0]!['ID']!, /^\d+$/);
  });

  it('reads parameter names in any case, and form bodies', async () => {
    assert.equal((await verify({ telefono: '34600000001', RESP: 'json' }))[0]!['Res'], '10');
    const form = await post('/VerificarIdentidad', new URLSearchParams({ TELEFONO: '34600000002', Resp: 'JSON' }).toString(), {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    assert.equal(((await form.json()) as Record<string, string>[])[0]!['Res'], '10');
  });

  it('answers the old format (without ID or Cred) when Resp is left out', async () => {
    const answer = await verify({ Telefono: '34600000001' });
    assert.deepEqual(answer, [{ Res: '10' }]);
  });

  it('refuses each field the reference constrains, with its Res code', async () => {
    const cases: [Record<string, unknown>, number][] = [
      [{}, EMULATED_RES.phoneMissing],
      [{ Telefono: '+34600000001' }, EMULATED_RES.phoneInvalid],
      [{ Telefono: '0034600000001' }, EMULATED_RES.phoneInvalid],
      [{ Telefono: '34600000001', Mensaje: 'MiEmpresa' }, EMULATED_RES.messageWithoutLink],
      [{ Telefono: '34600000001', Remitente: 'MiEmpresa SLU' }, EMULATED_RES.senderTooLong],
      [{ Telefono: '34600000001', Fecha: '2026-12-03T10:00' }, EMULATED_RES.dateInvalid],
      [{ Telefono: '34600000001', Dni: '0000T' }, EMULATED_RES.documentInvalid],
    ];
    for (const [parameters, res] of cases) {
      vendor.emulator.reset();
      assert.deepEqual(await verify({ ...parameters, Resp: 'JSON' }), [{ Res: String(res) }], JSON.stringify(parameters));
    }
    assert.equal(vendor.emulator.creditsLeft(), 12000, 'a refused request costs nothing');
  });

  it('wants POST, Basic credentials and a JSON or form body', async () => {
    assert.equal((await fetch(`${vendor.url}/VerificarIdentidad`)).status, 405);
    const wrong = await post('/VerificarIdentidad', '{"Telefono":"34600000001"}', { Authorization: basic('emulator-user', 'nope') });
    assert.equal(wrong.status, 401);
    assert.equal((await post('/VerificarIdentidad', 'Telefono=34600000001', { 'Content-Type': 'text/plain' })).status, 400);
    assert.equal((await post('/DescargarCertificado', '{}')).status, 404, 'no path is guessed');
  });

  it('blocks the connection for a while after repeated bad calls, good ones included', async () => {
    for (let attempt = 0; attempt < 5; attempt++) await post('/VerificarIdentidad', '{}', { Authorization: basic('x', 'y') });
    const blocked = await post('/VerificarIdentidad', '{"Telefono":"34600000001","Resp":"JSON"}');
    assert.equal(blocked.status, 429);
    assert.equal(blocked.headers.get('retry-after'), '60');
  });

  it('walks a person to the certificate, reporting each status, and serves the PDF only after 5100', async () => {
    const [{ ID: id }] = (await verify({ Telefono: '34600000001', Dni: '00000000T', Resp: 'JSON' })) as [{ ID: string }];
    const early = await post(vendor.emulator.certificatePath, JSON.stringify({ Id: id, Resp: 'JSON' }));
    assert.deepEqual(await early.json(), [{ Res: String(EMULATED_RES.certificateNotReady) }]);
    await walkAll();
    const reports = reportsFor(id);
    assert.deepEqual(
      reports.map((report) => report['Estado']),
      ['5000', '5010', '5020', '5001', '5100'],
    );
    const finished = reports[3]!;
    assert.equal(typeof finished['Result'], 'string', 'nested fields are JSON text, as the sample');
    assert.equal((JSON.parse(finished['Result'] as string) as Record<string, unknown>)['DNISolicitadoCoincide'], 'Si');
    assert.equal(finished['Telefono'], '34600000001');
    const pdf = await post(vendor.emulator.certificatePath, JSON.stringify({ id, resp: 'JSON' }));
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );
    const unknown = await post(vendor.emulator.certificatePath, JSON.stringify({ Id: '1', Resp: 'JSON' }));
    assert.deepEqual(await unknown.json(), [{ Res: String(EMULATED_RES.unknownId) }]);
  });

  it('rejects, abandons or shows another document when switched to', async () => {
    vendor.emulator.queueOutcomes(['reject', 'mismatch', 'abandon']);
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) {
      ids.push(((await verify({ Telefono: '34600000001', Dni: '00000000T', Resp: 'JSON' })) as [{ ID: string }])[0].ID);
    }
    const result = (report: Record<string, unknown> | undefined) => JSON.parse(String(report?.['Result'])) as Record<string, unknown>;
    await walkAll();
    const rejected = reportsFor(ids[0]!);
    assert.equal(rejected.length, 5);
    assert.equal(result(rejected[3])['PruebaDeVida'], 'No');
    const mismatched = reportsFor(ids[1]!);
    assert.equal(mismatched.length, 5);
    assert.equal(result(mismatched[3])['DNISolicitadoCoincide'], 'No');
    assert.deepEqual(
      reportsFor(ids[2]!).map((report) => report['Estado']),
      ['5000', '5010'],
      'the one who abandons opens the link and goes no further',
    );
  });

  it('waits until a scheduled Fecha before the person gets the link', async () => {
    const inTwoMinutes = new Date(clock.now() + 120_000);
    const fecha = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Madrid', dateStyle: 'short', timeStyle: 'short' }).format(
      inTwoMinutes,
    );
    const [{ ID: id }] = (await verify({ Telefono: '34600000001', Fecha: fecha, Resp: 'JSON' })) as [{ ID: string }];
    // Fecha has minutes only: the link goes out at the start of that minute, a minute or two from now.
    await clock.advance(60_000 - (inTwoMinutes.getTime() % 60_000) - 1);
    assert.deepEqual(reportsFor(id), [], 'nothing before its time');
    await walkAll();
    assert.deepEqual(
      reportsFor(id).map((report) => report['Estado']),
      ['5000', '5010', '5020', '5001', '5100'],
    );
    assert.equal(reportsFor(id)[0]!['FechaEnvio'], fecha, 'sent at the time asked for');
  });

  it('counts credits down and answers them at its credits path', async () => {
    await verify({ Telefono: '34600000001', Resp: 'JSON' });
    const response = await post(vendor.emulator.creditsPath, '{"Resp":"JSON"}');
    assert.deepEqual(await response.json(), [{ Res: '10', Cred: '11999' }]);
  });
});
