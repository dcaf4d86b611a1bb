import { expect } from '@open-wc/testing';
import { Recorder } from '../../src/capture/recorder.js';
import { until } from '../helpers/dom.js';

/**
 * A MediaRecorder whose encoder takes `startDelayMs` to start, as on a busy phone: `state` turns
 * to recording at once (as the specification says) and the `start` event comes later.
 */
function slowStartingRecorder(startDelayMs: number) {
  const calls: { startedAt?: number; stoppedAt?: number } = {};
  class SlowMediaRecorder extends EventTarget {
    static isTypeSupported = () => true;
    state: RecordingState = 'inactive';
    start() {
      this.state = 'recording';
      setTimeout(() => {
        calls.startedAt = performance.now();
        this.dispatchEvent(new Event('start'));
      }, startDelayMs);
    }
    stop() {
      this.state = 'inactive';
      calls.stoppedAt = performance.now();
      const data = new Event('dataavailable') as Event & { data: Blob };
      data.data = new Blob([new Uint8Array(2000)], { type: 'video/webm' });
      setTimeout(() => {
        this.dispatchEvent(data);
        this.dispatchEvent(new Event('stop'));
      });
    }
  }
  return { SlowMediaRecorder, calls };
}

function spyOnIntervals() {
  const original = window.setInterval;
  const spy = { count: 0, restore: () => void (window.setInterval = original) };
  window.setInterval = ((...args: Parameters<typeof setInterval>) => {
    spy.count += 1;
    return original(...args);
  }) as typeof setInterval;
  return spy;
}

describe('Recorder', () => {
  const original = window.MediaRecorder;
  afterEach(() => {
    window.MediaRecorder = original;
  });

  it('counts the time limit from when the browser really records, not from the call', async () => {
    const { SlowMediaRecorder, calls } = slowStartingRecorder(600);
    window.MediaRecorder = SlowMediaRecorder as unknown as typeof MediaRecorder;
    const ticks: number[] = [];
    const recording = await new Recorder().start(new MediaStream(), {
      maxDurationMs: 1000,
      videoBitsPerSecond: 1,
      audioBitsPerSecond: 1,
      onTick: (secondsLeft) => ticks.push(secondsLeft),
    });
    // The whole second was recorded after the encoder started, though 1.6 s passed since the call.
    expect(calls.stoppedAt! - calls.startedAt!).to.be.at.least(1000);
    expect(recording.durationMs).to.be.at.least(1000);
    expect(recording.blob.size).to.equal(2000);
    // The countdown showed the whole limit while the encoder started, and never more.
    expect(ticks[0]).to.equal(1);
    expect(Math.max(...ticks)).to.equal(1);
  });

  it('stops at once when Stop comes before the encoder has started, and a late start counts nothing', async () => {
    const { SlowMediaRecorder, calls } = slowStartingRecorder(100);
    window.MediaRecorder = SlowMediaRecorder as unknown as typeof MediaRecorder;
    const recorder = new Recorder();
    const ticks: number[] = [];
    const recording = recorder.start(new MediaStream(), {
      maxDurationMs: 1000,
      videoBitsPerSecond: 1,
      audioBitsPerSecond: 1,
      onTick: (secondsLeft) => ticks.push(secondsLeft),
    });
    recorder.stop();
    expect(recorder.recording).to.equal(false);
    await recording;
    // The start event comes after the stop: no countdown is set going for a recording that has ended.
    const intervals = spyOnIntervals();
    try {
      await until(() => calls.startedAt !== undefined, 'the late start event');
      expect(intervals.count).to.equal(0);
    } finally {
      intervals.restore();
    }
    expect(ticks).to.deep.equal([1]);
  });
});
