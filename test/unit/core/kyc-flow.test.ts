import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindOf, NO_PROGRESS, nextStep, remainingSteps, visibleSteps, type PlannedStep } from '../../../src/core/kyc-flow.js';
import { pendingSteps } from '../../../src/providers/emzano/emzano-provider.js';

const ids = (steps: PlannedStep[]) => steps.map((step) => step.id);

describe('kyc flow', () => {
  it('walks every step for a new person', () => {
    const plan = pendingSteps(NO_PROGRESS);
    assert.deepEqual(visibleSteps(plan, 'optional'), ['enrol', 'inquiry', 'video', 'signature', 'done']);
    assert.equal(nextStep('enrol', plan, 'optional'), 'inquiry');
    assert.equal(nextStep('inquiry', plan, 'optional'), 'video');
    assert.equal(nextStep('video', plan, 'optional'), 'signature');
    assert.equal(nextStep('signature', plan, 'optional'), 'done');
  });
  it('skips steps Emzano marks done', () => {
    const plan = pendingSteps({ infoInquiry: true, faceRecognition: false, signature: true });
    assert.deepEqual(ids(remainingSteps(plan, 'required')), ['video', 'done']);
    assert.equal(nextStep('enrol', plan, 'required'), 'video');
    assert.equal(nextStep('video', plan, 'required'), 'done');
  });
  it('leaves the signature out when it is off, unless the provider cannot finish without it', () => {
    const plan = pendingSteps(NO_PROGRESS);
    assert.deepEqual(ids(remainingSteps(plan, 'off')), ['inquiry', 'video', 'done']);
    assert.equal(nextStep('video', plan, 'off'), 'done');
    // Turned off while on it: the step after it in the provider's order.
    assert.equal(nextStep('signature', plan, 'off', 'issue'), 'certificate');
    const required: PlannedStep[] = [
      { id: 'signature', kind: 'signature', required: true },
      { id: 'video', kind: 'video' },
    ];
    assert.deepEqual(visibleSteps(required, 'off'), ['enrol', 'signature', 'video', 'done']);
  });
  it('ends with the certificate step when it is asked for, even for a person whose KYC is complete', () => {
    const plan = pendingSteps(NO_PROGRESS);
    assert.deepEqual(visibleSteps(plan, 'optional', 'issue'), ['enrol', 'inquiry', 'video', 'signature', 'certificate', 'done']);
    assert.equal(nextStep('signature', plan, 'optional', 'issue'), 'certificate');
    assert.equal(nextStep('video', plan, 'off', 'issue'), 'certificate');
    assert.equal(nextStep('certificate', plan, 'optional', 'issue'), 'done');
    const complete = pendingSteps({ infoInquiry: true, faceRecognition: true, signature: true });
    assert.deepEqual(ids(remainingSteps(complete, 'required', 'issue')), ['certificate', 'done']);
    assert.equal(nextStep('enrol', complete, 'required', 'issue'), 'certificate');
    assert.equal(nextStep('signature', plan, 'optional', 'off'), 'done');
    assert.equal(nextStep('done', plan, 'optional'), 'done');
  });
  it('takes a provider’s own steps by their kind', () => {
    const dipar: PlannedStep[] = [
      { id: 'video', kind: 'video' },
      { id: 'admittance', kind: 'video' },
      { id: 'card-front', kind: 'document' },
      { id: 'card-back', kind: 'document' },
    ];
    assert.deepEqual(visibleSteps(dipar, 'optional', 'issue'), [
      'enrol',
      'video',
      'admittance',
      'card-front',
      'card-back',
      'certificate',
      'done',
    ]);
    assert.equal(nextStep('admittance', dipar, 'optional'), 'card-front');
    assert.equal(kindOf('admittance', dipar), 'video');
    assert.equal(kindOf('card-back', dipar), 'document');
    assert.equal(kindOf('enrol', dipar), 'enrol');
    assert.equal(kindOf('certificate', dipar), 'certificate');
  });
});
