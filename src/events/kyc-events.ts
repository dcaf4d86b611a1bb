import type { KycStep } from '../core/kyc-flow.js';
import type { EmzanoSession } from '../core/token-contract.js';

/** The person-facing identity returned by the civil registry. */
export interface KycPerson {
  name: string;
  family: string;
  fatherName: string;
}

export interface EmzanoStepDetail {
  step: KycStep;
}

export interface EmzanoCompleteDetail {
  userId: string;
  /** `null` when the inquiry was already done in an earlier attempt, so this one never saw it. */
  person: KycPerson | null;
  signatureUploaded: boolean;
  /**
   * The person's Emzano session, handed over so the host can pass it to `<emzano-sign-pdf>`
   * (its `session` property). The KYC element forgets it. Absent for a provider without sessions
   * (Dipar: the host reads the signed result on its server, `readResult`).
   */
  session?: EmzanoSession | undefined;
  /** The identity provider that verified the person (`emzano`, `dipar`). */
  provider: string;
}

/** Fired when the wizard moves to another step. */
export class EmzanoStepEvent extends Event {
  static readonly eventName = 'emzano-step';
  constructor(readonly detail: EmzanoStepDetail) {
    super(EmzanoStepEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Fired once when every step is done. */
export class EmzanoCompleteEvent extends Event {
  static readonly eventName = 'emzano-complete';
  constructor(readonly detail: EmzanoCompleteDetail) {
    super(EmzanoCompleteEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'emzano-step': EmzanoStepEvent;
    'emzano-complete': EmzanoCompleteEvent;
  }
}

// The error event has a file of its own (every element fires it); it is re-exported here, where it always was.
export { EmzanoErrorEvent, type EmzanoErrorDetail, type SignPdfStep } from './error-event.js';
