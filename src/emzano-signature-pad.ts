/** `import 'emzano-elements/signature-pad'` registers `<emzano-signature-pad>`. */
import { EmzanoSignaturePad } from './components/signature-pad/emzano-signature-pad.js';
import { defineElement } from './internal/define.js';

defineElement('emzano-signature-pad', EmzanoSignaturePad);

export { EmzanoSignaturePad };
export * from './events/signature-events.js';

declare global {
  interface HTMLElementTagNameMap {
    'emzano-signature-pad': EmzanoSignaturePad;
  }
}
