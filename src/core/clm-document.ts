/**
 * A CLM document as Get Document returns it (CLM reference §5), read into a typed model, and the
 * polling schedule `<emzano-document-status>` follows. Pure.
 */
import { isRecord } from './is-record.js';

export type RecipientState = 'unseen' | 'seen' | 'filled' | 'approved' | 'rejected' | 'signed';
export type DocumentState = 'in-progress' | 'signed' | 'rejected' | 'expired';
export type RecipientRoleName = 'signer' | 'viewer' | 'approver';

/** §7.3 and §7.2; any other document number means "still in progress" (the reference lists only final ones). */
const RECIPIENT_STATES: Record<number, RecipientState> = { 1: 'unseen', 2: 'seen', 3: 'filled', 4: 'approved', 5: 'rejected', 6: 'signed' };
const DOCUMENT_STATES: Record<number, DocumentState> = { 3: 'signed', 4: 'rejected', 5: 'expired' };
const ROLES: Record<number, RecipientRoleName> = { 0: 'signer', 1: 'viewer', 2: 'approver' };

export interface DocumentRecipient {
  id: string;
  order: number;
  name: string;
  title: string;
  role: RecipientRoleName;
  state: RecipientState;
  /** When the recipient last moved: signed, approved, rejected or first saw the document. */
  at: string | null;
  /** Whether it is this recipient's turn. */
  turn: boolean;
}

export interface ClmDocumentView {
  title: string;
  state: DocumentState;
  lastModified: string | null;
  recipients: DocumentRecipient[];
  /** The file, when the answer carried one (the final PDF once signed). */
  base64: string | null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const time = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** Reads Get Document's answer; `undefined` when it is not one. */
export function readClmDocument(body: unknown): ClmDocumentView | undefined {
  if (!isRecord(body) || typeof body['state'] !== 'number') return undefined;
  const workflows = Array.isArray(body['workflows']) ? body['workflows'].filter(isRecord) : [];
  const recipients = workflows
    .map((workflow, index): DocumentRecipient => {
      const state = RECIPIENT_STATES[Number(workflow['state'])] ?? 'unseen';
      return {
        id: text(workflow['id']) || String(index),
        order: typeof workflow['order'] === 'number' ? workflow['order'] : index + 1,
        name: text(workflow['name']),
        title: text(workflow['title']),
        role: ROLES[Number(workflow['role'])] ?? 'signer',
        state,
        at:
          state === 'signed'
            ? time(workflow['signedTime'])
            : state === 'approved'
              ? time(workflow['approveTime'])
              : state === 'rejected'
                ? time(workflow['rejectTime'])
                : time(workflow['seen']),
        turn: workflow['turn'] === true,
      };
    })
    .sort((a, b) => a.order - b.order);
  return {
    title: text(body['title']),
    state: DOCUMENT_STATES[body['state']] ?? 'in-progress',
    lastModified: time(body['lastModified']),
    recipients,
    base64: typeof body['base64'] === 'string' && body['base64'] !== '' ? body['base64'] : null,
  };
}

export function isFinalState(state: DocumentState): boolean {
  return state !== 'in-progress';
}

/** The next wait while polling: 1.5 times the last, at most `max` (a page left open does not hammer the server). */
export function nextPollDelay(previous: number, max: number): number {
  return Math.min(Math.round(previous * 1.5), max);
}
