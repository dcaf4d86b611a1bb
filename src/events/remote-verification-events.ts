import type { RemoteResult, RemoteVerificationEvent } from '../core/remote-verification-contract.js';

export interface EmzanoRemoteSentDetail {
  /** The service's request id: what `request-id` follows, and the host's own records key. */
  id: string;
  /** Credits left, when the service said. */
  credits?: number;
}

/** The link was sent (or scheduled): the element now follows the request. */
export class EmzanoRemoteSentEvent extends Event {
  static readonly eventName = 'emzano-remote-sent';
  constructor(readonly detail: EmzanoRemoteSentDetail) {
    super(EmzanoRemoteSentEvent.eventName, { bubbles: true, composed: true });
  }
}

export interface EmzanoRemoteStatusDetail {
  id: string;
  /** The service's `Estado` (5100: the certificate is ready). */
  status: number;
  /** The verification result, when this report carries one. */
  result?: RemoteResult;
  /** The whole report, as the server kit read it. */
  event: RemoteVerificationEvent;
}

/** A new report for the followed request arrived (once per report, also for reports that came while the element was closed). */
export class EmzanoRemoteStatusEvent extends Event {
  static readonly eventName = 'emzano-remote-status';
  constructor(readonly detail: EmzanoRemoteStatusDetail) {
    super(EmzanoRemoteStatusEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'emzano-remote-sent': EmzanoRemoteSentEvent;
    'emzano-remote-status': EmzanoRemoteStatusEvent;
  }
}
