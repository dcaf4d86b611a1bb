/**
 * The demo's contract section (emulator mode): sends the sample contract to two signers and a
 * viewer through the host's CLM endpoint, follows it with <emzano-document-status>, and moves it
 * along with the emulator's controls, as the recipients would.
 */
import { executeClmFile } from '../src/api/clm-client.js';
import { bytesToBase64 } from '../src/core/base64.js';
import { buildExecuteFilePayload, type ClmRecipient } from '../src/core/clm-send.js';
import type { EmzanoDocumentStatus } from '../src/components/document-status/emzano-document-status.js';

const page = { page: 1, pageWidth: 595, pageHeight: 842, width: 160, height: 60 };
const RECIPIENTS: ClmRecipient[] = [
  {
    name: 'Sara Ahmadi',
    mobile: '09121234567',
    nationalCode: '0499370899',
    title: 'First party',
    role: 'signer',
    order: 1,
    field: { ...page, x: 72, y: 90 },
  },
  {
    name: 'Reza Karimi',
    mobile: '09351234567',
    nationalCode: '1234567891',
    title: 'Second party',
    role: 'signer',
    order: 2,
    field: { ...page, x: 330, y: 90 },
  },
  { name: 'Mina Rahimi', mobile: '09131234567', nationalCode: '0012345679', title: 'Witness', role: 'viewer', order: 3 },
];

export function bindClmDemo(options: {
  send: HTMLButtonElement;
  next: HTMLButtonElement;
  reject: HTMLButtonElement;
  status: EmzanoDocumentStatus;
  log: (name: string, detail: unknown) => void;
}): void {
  const { send, next, reject, status } = options;
  send.addEventListener('click', async () => {
    send.disabled = true;
    try {
      const pdf = new Uint8Array(await (await fetch('/sample-contract.pdf')).arrayBuffer());
      const payload = buildExecuteFilePayload(bytesToBase64(pdf), RECIPIENTS, {
        title: 'Sample service agreement',
        startPage: 1,
        certificatePayment: true,
      });
      const id = await executeClmFile(status.clmEndpoint, payload);
      options.log('clm execute/file', { id });
      status.documentId = id;
    } catch (error) {
      options.log('clm execute/file failed', { error: String(error) });
    } finally {
      send.disabled = false;
    }
  });
  const advance = (action: 'next' | 'reject') => async () => {
    if (!status.documentId) return;
    await fetch(`/__emulator/clm/documents/${status.documentId}/advance`, { method: 'POST', body: JSON.stringify({ action }) });
    await status.refresh();
  };
  next.addEventListener('click', advance('next'));
  reject.addEventListener('click', advance('reject'));
  status.addEventListener('emzano-document-state', (event) => options.log('emzano-document-state', event.detail));
}
