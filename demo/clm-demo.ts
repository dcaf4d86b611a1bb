/**
 * The demo's contract section (emulator mode): `<emzano-sign-pdf mode="send">` prepares the sample
 * contract and sends it through the host's CLM endpoint; `<emzano-document-status>` follows it;
 * the emulator's controls move the recipients along, as the people would; and what the host's
 * callback receiver hears (the final state) shows in the event log.
 */
import type { EmzanoDocumentStatus } from '../src/components/document-status/emzano-document-status.js';
import type { EmzanoSignPdf } from '../src/components/sign-pdf/emzano-sign-pdf.js';
import type { ClmRecipient } from '../src/core/clm-send.js';

/** Two signers and a viewer, for a quick try: their fields are placed by the person. */
const SAMPLE_RECIPIENTS: ClmRecipient[] = [
  { name: 'Sara Ahmadi', mobile: '09121234567', nationalCode: '0499370899', title: 'First party', role: 'signer', order: 1 },
  { name: 'Reza Karimi', mobile: '09351234567', nationalCode: '1234567891', title: 'Second party', role: 'signer', order: 2 },
  { name: 'Mina Rahimi', mobile: '09131234567', nationalCode: '0012345679', title: 'Witness', role: 'viewer', order: 3 },
];

export function bindClmDemo(options: {
  fill: HTMLButtonElement;
  sender: EmzanoSignPdf;
  next: HTMLButtonElement;
  reject: HTMLButtonElement;
  status: EmzanoDocumentStatus;
  log: (name: string, detail: unknown) => void;
}): void {
  const { fill, sender, next, reject, status, log } = options;
  fill.addEventListener('click', () => {
    // Keeps what was already typed or placed; only empty settings get a sample value.
    if (sender.recipients.length === 0) sender.recipients = SAMPLE_RECIPIENTS.map((recipient) => ({ ...recipient }));
    if (!sender.sendOptions.title)
      sender.sendOptions = { ...sender.sendOptions, title: 'Sample service agreement', certificatePayment: true };
  });
  sender.addEventListener('emzano-sent', (event) => {
    log('emzano-sent', event.detail);
    status.documentId = event.detail.documentId;
  });
  sender.addEventListener('emzano-error', (event) => log('emzano-error (send)', event.detail));

  let callbacksSeen = 0;
  const advance = (action: 'next' | 'reject') => async () => {
    if (!status.documentId) return;
    await fetch(`/__emulator/clm/documents/${status.documentId}/advance`, { method: 'POST', body: JSON.stringify({ action }) });
    await status.refresh();
    const callbacks = (await (await fetch('/__demo/clm-callbacks')).json()) as unknown[];
    for (const callback of callbacks.slice(callbacksSeen)) log('host callback received', callback);
    callbacksSeen = callbacks.length;
  };
  next.addEventListener('click', advance('next'));
  reject.addEventListener('click', advance('reject'));
  status.addEventListener('emzano-document-state', (event) => log('emzano-document-state', event.detail));
}
