/**
 * `import 'emzano-elements/kyc'` registers `<emzano-kyc>`. The `<emzano-signature-pad>` it nests
 * registers itself with the signature step's code (fetched while the video step is on screen); a
 * page that uses the pad on its own imports `emzano-elements/signature-pad`.
 */
import { EmzanoKyc } from './components/kyc/emzano-kyc.js';
import { defineElement } from './internal/define.js';

defineElement('emzano-kyc', EmzanoKyc);

export { EmzanoKyc };
export * from './events/kyc-events.js';

declare global {
  interface HTMLElementTagNameMap {
    'emzano-kyc': EmzanoKyc;
  }
}
