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

/** The record for `bytes`: in sign mode with the field and the signature, in send mode with the contract. */
export function savedWork(
  bytes: Uint8Array<ArrayBuffer>,
  fileName: string,
  work: { field: PdfField | undefined; signature: Blob | undefined } | NonNullable<SavedSigning['contract']>,
): SavedSigning {
  const pdf = new Blob([bytes], { type: 'application/pdf' });
  return 'recipients' in work ? { pdf, fileName, field: undefined, signature: undefined, contract: work } : { pdf, fileName, ...work };
}
