/** `import 'emzano-elements/remote-verification'` registers `<emzano-remote-verification>`. */
import { EmzanoRemoteVerification } from './components/remote-verification/emzano-remote-verification.js';
import { defineElement } from './internal/define.js';

defineElement('emzano-remote-verification', EmzanoRemoteVerification);

export { EmzanoRemoteVerification };
export * from './events/remote-verification-events.js';
export type {
  RemoteVerificationEvent,
  RemoteVerificationTimeline,
  RemoteResult,
  RemoteDocument,
} from './core/remote-verification-contract.js';

declare global {
  interface HTMLElementTagNameMap {
    'emzano-remote-verification': EmzanoRemoteVerification;
  }
}
