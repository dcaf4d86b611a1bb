/**
 * The order of the KYC wizard, as pure functions: which steps a person still has to do, given
 * what Emzano says is already done and how the host configured the element.
 */

export type KycStep = 'enrol' | 'inquiry' | 'video' | 'signature' | 'certificate' | 'done';

/** What Emzano's enrol answer says is already complete for this person. */
export interface KycProgress {
  infoInquiry: boolean;
  faceRecognition: boolean;
  signature: boolean;
}

/** `required`: the person must sign; `optional`: they may skip; `off`: the step is not shown. */
export type SignatureMode = 'required' | 'optional' | 'off';

/** `issue`: a last step gets the person a signing certificate (`<emzano-certificate>`); `off`: none. */
export type CertificateMode = 'issue' | 'off';

export const NO_PROGRESS: KycProgress = { infoInquiry: false, faceRecognition: false, signature: false };

/**
 * The steps still to be done after enrolment, in order, ending with `done`. Emzano knows nothing
 * of the certificate step, so it is never skipped as done: a person who finished KYC before comes
 * back to it (and it shows the certificate this browser already holds).
 */
export function remainingSteps(progress: KycProgress, signature: SignatureMode, certificate: CertificateMode = 'off'): KycStep[] {
  const steps: KycStep[] = [];
  if (!progress.infoInquiry) steps.push('inquiry');
  if (!progress.faceRecognition) steps.push('video');
  if (signature !== 'off' && !progress.signature) steps.push('signature');
  if (certificate === 'issue') steps.push('certificate');
  steps.push('done');
  return steps;
}

/** Every step the person will see in this attempt, for the progress indicator. */
export function visibleSteps(progress: KycProgress, signature: SignatureMode, certificate: CertificateMode = 'off'): KycStep[] {
  return ['enrol', ...remainingSteps(progress, signature, certificate)];
}

/** The step after `current`, given the progress so far (steps already done are skipped). */
export function nextStep(current: KycStep, progress: KycProgress, signature: SignatureMode, certificate: CertificateMode = 'off'): KycStep {
  if (current === 'done') return 'done';
  const order: KycStep[] = ['enrol', 'inquiry', 'video', 'signature', 'certificate', 'done'];
  const pending = new Set(remainingSteps(progress, signature, certificate));
  for (let i = order.indexOf(current) + 1; i < order.length; i++) {
    const step = order[i] as KycStep;
    if (pending.has(step)) return step;
  }
  return 'done';
}

/** Marks a step complete in the progress record. */
export function completeStep(progress: KycProgress, step: KycStep): KycProgress {
  switch (step) {
    case 'inquiry':
      return { ...progress, infoInquiry: true };
    case 'video':
      return { ...progress, faceRecognition: true };
    case 'signature':
      return { ...progress, signature: true };
    default:
      return progress;
  }
}
