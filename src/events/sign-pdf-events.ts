import type { PdfField } from '../core/pdf-geometry.js';

/** Fired when the person places, moves or resizes the signature field. */
export class EmzanoFieldChangeEvent extends Event {
  static readonly eventName = 'emzano-field-change';
  constructor(readonly detail: { field: PdfField }) {
    super(EmzanoFieldChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

export interface EmzanoSignedDetail {
  /** The signed PDF, as Emzano's put-sign returned it. */
  pdf: Blob;
  /** Where the signature was placed, in PDF terms. */
  field: PdfField;
}

/** Fired once the document is signed. */
export class EmzanoSignedEvent extends Event {
  static readonly eventName = 'emzano-signed';
  constructor(readonly detail: EmzanoSignedDetail) {
    super(EmzanoSignedEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Fired when a contract was sent to CLM (`<emzano-sign-pdf mode="send">`). */
export class EmzanoSentEvent extends Event {
  static readonly eventName = 'emzano-sent';
  /** `documentId`: CLM's id for the new document, for `<emzano-document-status document-id>`. */
  constructor(readonly detail: { documentId: string }) {
    super(EmzanoSentEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'emzano-field-change': EmzanoFieldChangeEvent;
    'emzano-signed': EmzanoSignedEvent;
    'emzano-sent': EmzanoSentEvent;
  }
}
