import type { Recording } from '../../capture/recorder.js';
import { NO_PROGRESS, type KycProgress, type KycStep } from '../../core/kyc-flow.js';
import { normalizeNationalCode } from '../../core/validation.js';
import type { KycPerson } from '../../events/kyc-events.js';
import type { PointGroup } from 'signature_pad';

export type FieldName = 'phone' | 'nationalCode' | 'birthDate' | 'serial';

/** Where one person's verification stands: what `<emzano-kyc>` renders, and keeps across a reload. */
export interface KycAttempt {
  step: KycStep;
  /** As typed (normalised only when sent). */
  values: Record<FieldName, string>;
  progress: KycProgress;
  /** What Emzano said at enrolment: fixes which steps this attempt shows, so the count stays put. */
  startingProgress: KycProgress;
  person: KycPerson | undefined;
  sentence: string | undefined;
  signatureUploaded: boolean;
}

/** What the signature pad held: its strokes as vectors, or the name typed instead of a drawing. */
export interface SignatureDraft {
  strokes: PointGroup[] | undefined;
  /** The name typed instead of a drawing, when the person chose to type. */
  typedName?: string | undefined;
}

/** What survives a reload: the attempt, the recording and the drawing; never a token. */
export interface SavedKycAttempt extends KycAttempt, SignatureDraft {
  userId: string;
  video: Recording | undefined;
}

type PadState = { strokes: PointGroup[]; mode: string; typedName: string };

/** What `pad` holds now, to keep across a reload. */
export function draftOf(pad: PadState): SignatureDraft {
  return { strokes: pad.strokes, typedName: pad.mode === 'type' ? pad.typedName : undefined };
}

/**
 * What is kept of an attempt across a reload, under the national code: the attempt, the
 * recording, the drawing on the pad (or the draft not yet put back on it). Nothing before
 * enrolment succeeded, nothing once done.
 */
export function savedAttempt(
  attempt: KycAttempt,
  userId: string | undefined,
  video: Recording | undefined,
  drawing: PadState | SignatureDraft | undefined,
): { id: string; value: SavedKycAttempt } | undefined {
  const id = attemptKey(attempt);
  if (!id || !userId || attempt.step === 'done') return undefined;
  const draft = drawing && 'mode' in drawing ? draftOf(drawing) : (drawing ?? { strokes: undefined });
  return { id, value: { ...attempt, userId, video, ...draft } };
}

/** What the attempt is kept under: its national code, once it is a valid one. */
export function attemptKey(attempt: KycAttempt): string | undefined {
  const code = normalizeNationalCode(attempt.values.nationalCode);
  return code.ok ? code.value : undefined;
}

export function freshAttempt(): KycAttempt {
  return {
    step: 'enrol',
    values: { phone: '', nationalCode: '', birthDate: '', serial: '' },
    progress: NO_PROGRESS,
    startingProgress: NO_PROGRESS,
    person: undefined,
    sentence: undefined,
    signatureUploaded: false,
  };
}
