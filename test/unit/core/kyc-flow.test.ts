import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completeStep, NO_PROGRESS, nextStep, remainingSteps, visibleSteps } from '../../../src/core/kyc-flow.js';

describe('kyc flow', () => {
  it('walks every step for a new person', () => {
    assert.deepEqual(visibleSteps(NO_PROGRESS, 'optional'), ['enrol', 'inquiry', 'video', 'signature', 'done']);
    assert.equal(nextStep('enrol', NO_PROGRESS, 'optional'), 'inquiry');
    assert.equal(nextStep('inquiry', NO_PROGRESS, 'optional'), 'video');
    assert.equal(nextStep('video', NO_PROGRESS, 'optional'), 'signature');
    assert.equal(nextStep('signature', NO_PROGRESS, 'optional'), 'done');
  });
  it('skips steps Emzano marks done', () => {
    const progress = { infoInquiry: true, faceRecognition: false, signature: true };
    assert.deepEqual(remainingSteps(progress, 'required'), ['video', 'done']);
    assert.equal(nextStep('enrol', progress, 'required'), 'video');
    assert.equal(nextStep('video', progress, 'required'), 'done');
  });
  it('leaves the signature out when it is off', () => {
    assert.deepEqual(remainingSteps(NO_PROGRESS, 'off'), ['inquiry', 'video', 'done']);
    assert.equal(nextStep('video', NO_PROGRESS, 'off'), 'done');
  });
  it('ends with the certificate step when it is asked for, even for a person whose KYC is complete', () => {
    assert.deepEqual(visibleSteps(NO_PROGRESS, 'optional', 'issue'), ['enrol', 'inquiry', 'video', 'signature', 'certificate', 'done']);
    assert.equal(nextStep('signature', NO_PROGRESS, 'optional', 'issue'), 'certificate');
    assert.equal(nextStep('video', NO_PROGRESS, 'off', 'issue'), 'certificate');
    assert.equal(nextStep('certificate', NO_PROGRESS, 'optional', 'issue'), 'done');
    const complete = { infoInquiry: true, faceRecognition: true, signature: true };
    assert.deepEqual(remainingSteps(complete, 'required', 'issue'), ['certificate', 'done']);
    assert.equal(nextStep('enrol', complete, 'required', 'issue'), 'certificate');
    assert.equal(nextStep('signature', NO_PROGRESS, 'optional', 'off'), 'done');
  });
  it('records completed steps', () => {
    const afterVideo = completeStep(completeStep(NO_PROGRESS, 'inquiry'), 'video');
    assert.deepEqual(afterVideo, { infoInquiry: true, faceRecognition: true, signature: false });
    assert.equal(nextStep('done', afterVideo, 'optional'), 'done');
  });
});
