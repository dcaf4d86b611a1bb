export interface EmzanoSignatureChangeDetail {
  empty: boolean;
  strokes: number;
}

/** Fired when the person finishes a stroke, undoes or clears. */
export class EmzanoSignatureChangeEvent extends Event {
  static readonly eventName = 'emzano-signature-change';
  constructor(readonly detail: EmzanoSignatureChangeDetail) {
    super(EmzanoSignatureChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'emzano-signature-change': EmzanoSignatureChangeEvent;
  }
}
