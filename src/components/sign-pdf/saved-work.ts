import type { ClmRecipient, SendOptions } from '../../core/clm-send.js';
import type { PdfField } from '../../core/pdf-geometry.js';

/**
 * What `<emzano-sign-pdf>` keeps across a reload, per document (its SHA-256): the document, and in
 * sign mode the field and the drawn signature, in send mode the contract being prepared. Never a
 * token.
 */
export interface SavedSigning {
  pdf: Blob;
  fileName: string;
  field: PdfField | undefined;
  signature: Blob | undefined;
  /** Send mode: the recipients and settings. */
  contract?: { recipients: ClmRecipient[]; sendOptions: SendOptions } | undefined;
}
