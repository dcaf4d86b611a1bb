import type { Recording } from '../../capture/recorder.js';
import type { CertificateMode, KycStep, PlannedStep } from '../../core/kyc-flow.js';
import { normalizeCardSerial, normalizeNationalCode, normalizePhoneNumber, type Validated } from '../../core/validation.js';
import type { KycPerson } from '../../events/kyc-events.js';
import type { PointGroup } from 'signature_pad';

export type FieldName = 'phone' | 'nationalCode' | 'birthDate' | 'serial';

/** Where one person's verification stands: what `<emzano-kyc>` renders, and keeps across a reload. */
export interface KycAttempt {
  step: KycStep;
  /** As typed (normalised only when sent). */
  values: Record<FieldName, string>;
  /** The provider's steps, as it said at the start (fixes which steps this attempt shows, so the count stays put); none before. */
  plan: PlannedStep[] | undefined;
  person: KycPerson | undefined;
  sentence: string | undefined;
  signatureUploaded: boolean;
  /**
   * A handoff under way: on the desktop, the one it follows (after a reload it follows it again);
   * on the phone, the one it took over (its recording is kept under it).
   */
  handoff?: { role: 'desktop' | 'phone'; id: string } | undefined;
}

/** What the signature pad held: its strokes as vectors, or the name typed instead of a drawing. */
export interface SignatureDraft {
  strokes: PointGroup[] | undefined;
  /** The name typed instead of a drawing, when the person chose to type. */
  typedName?: string | undefined;
}

/** What survives a reload: the attempt, the recording and the drawing; never a token. */
export interface SavedKycAttempt extends KycAttempt, SignatureDraft {
  /** The provider it was made with; it is resumed with that provider only. */
  provider: string;
  /** The provider's id of the attempt (`KycProvider.attemptId`): Emzano's user id, Dipar's order id. */
  userId: string;
  video: Recording | undefined;
}

/** Whether `value` is an attempt this version saved (one saved by an older version is left alone). */
export function isSavedAttempt(value: SavedKycAttempt, provider: string): boolean {
  return value.provider === provider && Array.isArray(value.plan) && typeof value.step === 'string' && typeof value.userId === 'string';
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
  provider: string,
  userId: string | undefined,
  video: Recording | undefined,
  drawing: PadState | SignatureDraft | undefined,
): { id: string; value: SavedKycAttempt } | undefined {
  const id = attemptKey(attempt);
  if (!id || !userId || attempt.step === 'done') return undefined;
  const draft = drawing && 'mode' in drawing ? draftOf(drawing) : (drawing ?? { strokes: undefined });
  return { id, value: { ...attempt, provider, userId, video, ...draft } };
}

/** The certificate step of this attempt: never on a phone that took over (the key belongs on the desktop, which signs). */
export function certificateStep(attempt: KycAttempt, setting: CertificateMode): CertificateMode {
  return attempt.handoff?.role === 'phone' ? 'off' : setting;
}

/** What the attempt is kept under: its national code, once it is a valid one (on a phone that took over: the handoff). */
export function attemptKey(attempt: KycAttempt): string | undefined {
  if (attempt.handoff?.role === 'phone') return `handoff:${attempt.handoff.id}`;
  const code = normalizeNationalCode(attempt.values.nationalCode);
  return code.ok ? code.value : undefined;
}

export function freshAttempt(): KycAttempt {
  return {
    step: 'enrol',
    values: { phone: '', nationalCode: '', birthDate: '', serial: '' },
    plan: undefined,
    person: undefined,
    sentence: undefined,
    signatureUploaded: false,
  };
}

/**
 * The checks of the first step, for the fields the provider asks for (`birthDate` needs the
 * calendar, which comes with the inquiry step's code: `normalizeBirthDate`).
 */
export function startChecks(
  fields: readonly FieldName[],
  values: Record<FieldName, string>,
  normalizeBirthDate: ((value: string) => Validated) | undefined,
): Partial<Record<FieldName, Validated>> {
  const checks: Partial<Record<FieldName, Validated>> = {};
  for (const field of fields) {
    if (field === 'phone') checks.phone = normalizePhoneNumber(values.phone);
    else if (field === 'nationalCode') checks.nationalCode = normalizeNationalCode(values.nationalCode);
    else if (field === 'serial') checks.serial = normalizeCardSerial(values.serial);
    else if (normalizeBirthDate) checks.birthDate = normalizeBirthDate(values.birthDate);
  }
  return checks;
}

/** The attempt part of what was kept (without the provider, the id, the recording and the drawing). */
export function attemptOf(saved: SavedKycAttempt): KycAttempt {
  const { step, values, plan, person, sentence, signatureUploaded, handoff } = saved;
  return { step, values, plan, person, sentence, signatureUploaded, ...(handoff ? { handoff } : {}) };
}
