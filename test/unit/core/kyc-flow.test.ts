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
  it('records completed steps', () => {
    const afterVideo = completeStep(completeStep(NO_PROGRESS, 'inquiry'), 'video');
    assert.deepEqual(afterVideo, { infoInquiry: true, faceRecognition: true, signature: false });
    assert.equal(nextStep('done', afterVideo, 'optional'), 'done');
  });
});
