import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFinalState, nextPollDelay, readClmDocument } from '../../../src/core/clm-document.js';

describe('CLM document view', () => {
  it('reads Get Document: states by name, recipients in order, the time each last moved', () => {
    const view = readClmDocument({
      state: 3,
      title: 'Contract',
      lastModified: '2026-12-01T10:00:00Z',
      base64: 'JVBERi0=',
      workflows: [
        { id: 'b', order: 2, name: 'Reza', role: 1, state: 2, seen: '2026-12-01T09:00:00Z', title: 'Witness' },
        { id: 'a', order: 1, name: 'Sara', role: 0, state: 6, signedTime: '2026-12-01T08:00:00Z', turn: false },
        { id: 'c', order: 3, name: 'Mina', role: 2, state: 4, approveTime: '2026-12-01T09:30:00Z' },
      ],
    });
    assert.deepEqual(view, {
      title: 'Contract',
      state: 'signed',
      lastModified: '2026-12-01T10:00:00Z',
      base64: 'JVBERi0=',
      recipients: [
        { id: 'a', order: 1, name: 'Sara', title: '', role: 'signer', state: 'signed', at: '2026-12-01T08:00:00Z', turn: false },
        { id: 'b', order: 2, name: 'Reza', title: 'Witness', role: 'viewer', state: 'seen', at: '2026-12-01T09:00:00Z', turn: false },
        { id: 'c', order: 3, name: 'Mina', title: '', role: 'approver', state: 'approved', at: '2026-12-01T09:30:00Z', turn: false },
      ],
    });
  });

  it('treats undocumented document numbers as in progress, and refuses what is not a document', () => {
    assert.equal(readClmDocument({ state: 1, workflows: [] })!.state, 'in-progress');
    assert.equal(readClmDocument({ state: 4 })!.state, 'rejected');
    assert.equal(readClmDocument({ message: 'no' }), undefined);
    assert.equal(isFinalState('expired'), true);
    assert.equal(isFinalState('in-progress'), false);
  });

  it('backs off while polling, up to a ceiling', () => {
    assert.deepEqual(
      [2000, 3000, 4500, 6750, 10125].map((ms) => nextPollDelay(ms, 8000)),
      [3000, 4500, 6750, 8000, 8000],
    );
  });
});
