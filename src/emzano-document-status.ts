/** `import 'emzano-elements/document-status'` registers `<emzano-document-status>`. */
import { EmzanoDocumentStatus } from './components/document-status/emzano-document-status.js';
import { defineElement } from './internal/define.js';

defineElement('emzano-document-status', EmzanoDocumentStatus);

export { EmzanoDocumentStatus };
export * from './events/document-status-events.js';

declare global {
  interface HTMLElementTagNameMap {
    'emzano-document-status': EmzanoDocumentStatus;
  }
}
