/**
 * The CLM server kit against the emulator over HTTP, as a host runs it: a contract for two
 * signers and a viewer is sent through the proxy, moved to Signed from the emulator's controls,
 * the callback reaches the host's receiver with its secret, and the final PDF can be read back.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CLM_CREDENTIALS, DOCUMENT_STATE, WORKFLOW_STATE } from '../../demo/emulator/clm.js';
import { startEmulatorServer, type RunningEmulator } from '../../demo/emulator/server.js';
import { clmCallbackUrl, createClmCallbackHandler, createClmHandler, type ClmDocumentStateEvent } from '../../src/server/index.js';
import { toNodeListener } from '../../src/server/node.js';
import { templateBody } from '../helpers/clm-bodies.js';

const SECRET = 'test-callback-secret-0123456789';

describe('CLM through the server kit and the emulator', () => {
  let emzano: RunningEmulator;
  let host: Server;
  let hostUrl: string;
  let clm: (request: Request) => Promise<Response>;
  const events: ClmDocumentStateEvent[] = [];

  before(async () => {
    emzano = await startEmulatorServer();
    const callback = createClmCallbackHandler({
      ...CLM_CREDENTIALS,
      baseUrl: emzano.url,
      secret: SECRET,
      onDocumentState: (event) => void events.push(event),
    });
    host = createServer(toNodeListener(callback));
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    clm = createClmHandler({
      ...CLM_CREDENTIALS,
      baseUrl: emzano.url,
      authorize: () => ({ subject: 'sender' }),
      callbackUrl: clmCallbackUrl(`${hostUrl}/clm-callback`, SECRET),
    });
  });
  after(async () => {
    host?.close();
    await emzano?.close();
  });

  const call = (path: string, body?: unknown) =>
    clm(
      new Request(
        `http://shop.test/api/emzano/clm${path}`,
        body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } },
      ),
    );
  /** A CLM access token of the emulator's own, for calls straight to it (past the proxy). */
  const signInToClm = async () => {
    const signIn = await fetch(`${emzano.url}/Identity/connect/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: CLM_CREDENTIALS.clientId,
        client_secret: CLM_CREDENTIALS.clientSecret,
        username: CLM_CREDENTIALS.username,
        password: CLM_CREDENTIALS.password,
        grant_type: 'password',
      }),
    });
    return ((await signIn.json()) as { access_token: string }).access_token;
  };
  const control = async (path: string, body?: unknown) =>
    (await fetch(`${emzano.url}/__emulator${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })).json();
  const recipient = (name: string, nationalCode: string, contact: string, role: number, field?: Record<string, unknown>) => ({
    title: name,
    name,
    nationalCode,
    contact,
    role,
    ...(field ? { signatureField: field } : {}),
  });
  const field = { x: 72, y: 90, width: 160, height: 60, digitalSignature: true, repeatSignature: false };
  const base64File = readFileSync('test/fixtures/upright.pdf').toString('base64');

  it('sends a two-signer contract, follows it to Signed, calls the host back, and returns the final PDF', async () => {
    const sent = await call('/api/v1/clm/documents/execute/file', {
      base64File,
      title: 'Service agreement',
      startPage: 1,
      certificatePayment: true,
      expiredAt: '2026-12-31T12:00:00.000Z',
      workflows: [
        recipient('Sara Ahmadi', '0499370899', '09121234567', 0, field),
        recipient('Reza Karimi', '1234567891', '09351234567', 0, { ...field, x: 300 }),
        recipient('Mina Rahimi', '0012345679', '09131234567', 1),
      ],
    });
    assert.equal(sent.status, 200, await sent.clone().text());
    const { id } = (await sent.json()) as { id: string };
    assert.match(id, /^[0-9a-f-]{36}$/);

    const read = async () =>
      (await (await call(`/api/v1/clm/documents/${id}?returnStructure=1&onlyDetail=false`)).json()) as {
        state: number;
        base64: string;
        workflows: Array<{ state: number; name: string; role: number; order: number }>;
      };
    // Get Document as the reference's one sample sends it, and no other way; the proxy always asks so.
    const token = await signInToClm();
    const direct = (query: string) =>
      fetch(`${emzano.url}/api/v1/clm/documents/${id}${query}`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal((await direct('?returnStructure=1&onlyDetail=false')).status, 200);
    for (const query of [
      '?onlyDetail=true',
      '?returnStructure=1',
      '?returnStructure=0&onlyDetail=false',
      '?returnStructure=1&onlyDetail=false&admin=1',
      '?returnstructure=1&onlyDetail=false',
      '',
    ]) {
      const refused = await direct(query);
      assert.equal(refused.status, 400, query);
      assert.equal(((await refused.json()) as { code: number }).code, 1, query);
      assert.equal((await call(`/api/v1/clm/documents/${id}${query}`)).status, 200, `the proxy asks as the sample does (${query})`);
    }
    let document = await read();
    assert.equal(document.state, DOCUMENT_STATE.InProgress);
    assert.deepEqual(
      document.workflows.map((workflow) => [workflow.order, workflow.name, workflow.role, workflow.state]),
      [
        [1, 'Sara Ahmadi', 0, WORKFLOW_STATE.Unseen],
        [2, 'Reza Karimi', 0, WORKFLOW_STATE.Unseen],
        [3, 'Mina Rahimi', 1, WORKFLOW_STATE.Unseen],
      ],
    );
    // The emulator kept the body as received: the proxy wrote the host's callback URL into it.
    const [summary] = (await control('/clm/documents')) as Array<{ callbackUrl: string; received: Record<string, unknown> }>;
    assert.equal(summary!.callbackUrl, clmCallbackUrl(`${hostUrl}/clm-callback`, SECRET));

    // Each recipient sees, then signs (the viewer is done once seen).
    const states: number[][] = [];
    for (let step = 0; step < 5; step++) {
      await control(`/clm/documents/${id}/advance`, { action: 'next' });
      document = await read();
      states.push(document.workflows.map((workflow) => workflow.state));
    }
    assert.deepEqual(states, [
      [2, 1, 1],
      [6, 1, 1],
      [6, 2, 1],
      [6, 6, 1],
      [6, 6, 2],
    ]);
    assert.equal(document.state, DOCUMENT_STATE.Signed);
    assert.match(Buffer.from(document.base64, 'base64').subarray(0, 5).toString('latin1'), /^%PDF-/);
    assert.notEqual(document.base64, base64File, 'the final file, not the one sent');
    assert.equal(events.length, 1);
    assert.deepEqual(
      { documentId: events[0]!.documentId, state: events[0]!.state, title: events[0]!.title },
      { documentId: id, state: 'Signed', title: 'Service agreement' },
    );
  });

  it('refuses in the proxy what CLM would refuse, and the emulator answers it as the reference does (3024, 3004)', async () => {
    const noField = { base64File, title: 'T', startPage: 0, workflows: [recipient('Sara Ahmadi', '0499370899', '09121234567', 0)] };
    const twice = {
      base64File,
      title: 'T',
      startPage: 0,
      workflows: [recipient('Sara', '0499370899', '09121234567', 0, field), recipient('Sara again', '0499370899', '09121234567', 1)],
    };
    const refused = await call('/api/v1/clm/documents/execute/file', noField);
    assert.equal(refused.status, 400, 'the server kit checks the body first');
    assert.equal((await call('/api/v1/clm/documents/execute/file', twice)).status, 400);

    // Straight to the emulator, as a crafted request past a lenient proxy would arrive.
    const token = await signInToClm();
    const direct = (body: unknown) =>
      fetch(`${emzano.url}/api/v1/clm/documents/execute/file`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const withoutField = await direct(noField);
    assert.equal(withoutField.status, 500);
    assert.equal(((await withoutField.json()) as { code: number }).code, 3024);
    assert.equal(((await (await direct(twice)).json()) as { code: number }).code, 3004);
  });

  it('starts a template workflow, checking the template’s field types', async () => {
    const template = templateBody([
      { name: 'text-1', value: 'متن' },
      { name: 'field-2', value: 'not a number' },
    ]);
    const refused = await call('/api/v1/clm/documents/execute/template', template);
    assert.equal(((await refused.json()) as { code: number }).code, 3027);
    const started = await call('/api/v1/clm/documents/execute/template', {
      ...template,
      documentFields: [{ name: 'text-1', value: 'متن' }],
    });
    assert.equal(started.status, 200);
    const rejected = (await control(`/clm/documents/${((await started.json()) as { id: string }).id}/advance`, { action: 'reject' })) as {
      state: number;
    };
    assert.equal(rejected.state, DOCUMENT_STATE.Rejected);
    assert.equal(events.at(-1)!.state, 'Rejected');
  });
});
