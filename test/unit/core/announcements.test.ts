import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countdownMilestone, uploadMilestone } from '../../../src/core/announcements.js';

describe('announcements', () => {
  it('speaks the countdown at the start, at 10 and 5 seconds, then every second of the last three', () => {
    const spoken = Array.from({ length: 15 }, (_, index) => countdownMilestone(15 - index, 15));
    assert.deepEqual(spoken, [15, 15, 15, 15, 15, 10, 10, 10, 10, 10, 5, 5, 3, 2, 1]);
    assert.deepEqual(
      [4, 3, 2, 1].map((left) => countdownMilestone(left, 4)),
      [4, 3, 2, 1],
    );
  });

  it('speaks uploads in quarters', () => {
    assert.deepEqual([0, 0.1, 0.25, 0.49, 0.5, 0.8, 0.999, 1, 1.2, -1].map(uploadMilestone), [0, 0, 25, 25, 50, 75, 75, 100, 100, 0]);
  });
});
