/**
 * What `<emzano-kyc>` keeps of each file its steps sent, for `exportEvidence()`: in the element's
 * own code (it is small), while the packaging (kyc-evidence.ts, zip.js) loads only when asked for.
 */

/** One file a step sent (the last one sent for that step). */
export interface SentFile {
  step: string;
  /** Its name in the package. */
  name: string;
  blob: Blob;
  /** What the person read, for a video step. */
  sentence?: string;
  sentAt: string;
}

/** What one KYC attempt sent, kept by the element (in memory) for the evidence package. */
export interface KycRecord {
  /** In the order the steps sent them. */
  sent?: SentFile[];
  userId?: string;
  completedAt?: string;
}

/** `record` with `file` as its step's file (a step sent again replaces the one before). */
export function withSentFile(record: KycRecord, file: SentFile): KycRecord {
  return { ...record, sent: [...(record.sent ?? []).filter((kept) => kept.step !== file.step), file] };
}
