/**
 * `import 'emzano-elements/kyc'` registers `<emzano-kyc>` and the `<emzano-signature-pad>` it uses.
 */
import { EmzanoKyc } from './components/kyc/emzano-kyc.js';
import { defineElement } from './internal/define.js';
import './emzano-signature-pad.js';

defineElement('emzano-kyc', EmzanoKyc);

export { EmzanoKyc };
export * from './events/kyc-events.js';

declare global {
  interface HTMLElementTagNameMap {
    'emzano-kyc': EmzanoKyc;
  }
}
