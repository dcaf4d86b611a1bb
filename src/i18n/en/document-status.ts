import type { DocumentStatusStrings } from '../types.js';

const when = (iso: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export const enDocumentStatus: DocumentStatusStrings = {
  documentStatus: {
    label: 'Contract status',
    loading: 'Checking the document…',
    noDocument: 'No document to show.',
    states: {
      'in-progress': 'Waiting for the recipients',
      signed: 'Signed by everyone',
      rejected: 'Rejected by a recipient',
      expired: 'Expired before it was finished',
    },
    recipientStates: {
      unseen: 'not seen yet',
      seen: 'seen',
      filled: 'filled in',
      approved: 'approved',
      rejected: 'rejected',
      signed: 'signed',
    },
    roles: { signer: 'signer', viewer: 'viewer', approver: 'approver' },
    turn: 'their turn',
    when,
    download: 'Download the signed contract',
    refresh: 'Check now',
  },
};
