/**
 * What the elements' live region says while something runs. Announcing every second of a
 * countdown or every percent of an upload would drown the screen reader, so each value is
 * rounded to a milestone: the text changes (and is spoken) only when a milestone is passed.
 */

/** Seconds announced while recording: the start, ten and five seconds left, then each of the last three. */
export function countdownMilestone(secondsLeft: number, maxSeconds: number): number {
  const milestones = [maxSeconds, 10, 5, 3, 2, 1].filter((seconds) => seconds <= maxSeconds);
  // The smallest milestone not yet passed: unchanged between milestones, so nothing new is spoken.
  let spoken = maxSeconds;
  for (const milestone of milestones) if (secondsLeft <= milestone) spoken = milestone;
  return spoken;
}

/** Upload share announced: 0, 25, 50, 75 or 100 percent. */
export function uploadMilestone(fraction: number): number {
  const clamped = Math.min(Math.max(fraction, 0), 1);
  return Math.floor(clamped * 4) * 25;
}
