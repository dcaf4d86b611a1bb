import type { DocumentRecipient, DocumentState } from '../core/clm-document.js';

export interface EmzanoDocumentStateDetail {
  documentId: string;
  state: DocumentState;
  recipients: DocumentRecipient[];
}

/** Fired when a followed CLM document's state or a recipient's state changes. */
export class EmzanoDocumentStateEvent extends Event {
  static readonly eventName = 'emzano-document-state';
  constructor(readonly detail: EmzanoDocumentStateDetail) {
    super(EmzanoDocumentStateEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'emzano-document-state': EmzanoDocumentStateEvent;
  }
}
