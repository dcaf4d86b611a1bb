/**
 * Records a stream with MediaRecorder for at most `maxDurationMs`, reporting whole seconds left.
 */
import { addClientErrors } from '../core/error-catalog.js';
import { EmzanoError } from '../core/errors.js';
import { chooseRecordingFormat, fileType, type RecordingFormat } from './recording-format.js';

addClientErrors({
  'recorder-unsupported': {
    retryable: false,
    fa: 'این مرورگر امکان ضبط ویدئو ندارد. از نسخهٔ به‌روز Chrome، Edge، Firefox یا Safari استفاده کنید.',
    en: 'This browser cannot record video. Please use an up-to-date Chrome, Edge, Firefox or Safari.',
  },
  'recording-empty': {
    retryable: true,
    fa: 'ویدئویی ضبط نشد. دوباره ضبط کنید.',
    en: 'Nothing was recorded. Please record again.',
  },
});

export interface RecordingOptions {
  maxDurationMs: number;
  videoBitsPerSecond: number;
  audioBitsPerSecond: number;
  /** The container asked for first (default MP4, which Emzano prefers). */
  container?: 'mp4' | 'webm';
  /** Each chunk of the recording as it is handed over (in order), e.g. to encode it on the way. */
  onChunk?: (chunk: Blob) => void;
  onTick?: (secondsLeft: number) => void;
}

export interface Recording {
  blob: Blob;
  format: RecordingFormat;
  durationMs: number;
}

export class Recorder {
  private recorder: MediaRecorder | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  /** Starts recording; resolves with the recording once stopped (by `stop()` or the time limit). */
  start(stream: MediaStream, options: RecordingOptions): Promise<Recording> {
    if (typeof MediaRecorder === 'undefined') return Promise.reject(new EmzanoError('recorder-unsupported'));
    const format = chooseRecordingFormat((type) => MediaRecorder.isTypeSupported(type), options.container);
    if (!format) return Promise.reject(new EmzanoError('recorder-unsupported'));

    const recorder = new MediaRecorder(stream, {
      mimeType: format.mimeType,
      videoBitsPerSecond: options.videoBitsPerSecond,
      audioBitsPerSecond: options.audioBitsPerSecond,
    });
    this.recorder = recorder;
    const chunks: Blob[] = [];
    // The time limit counts from the moment the browser really records (its `start` event), not
    // from the call: on a busy phone the encoder can take most of a second to start, and a person
    // who stops at the countdown's last second would otherwise send a video without a frame.
    let started = performance.now();

    return new Promise<Recording>((resolve, reject) => {
      recorder.addEventListener('dataavailable', (event) => {
        if (event.data.size === 0) return;
        chunks.push(event.data);
        options.onChunk?.(event.data);
      });
      recorder.addEventListener('error', (event) => {
        this.clearTimer();
        reject(new EmzanoError('recorder-unsupported', { cause: event }));
      });
      recorder.addEventListener('stop', () => {
        this.clearTimer();
        const blob = new Blob(chunks, { type: fileType(format) });
        if (blob.size === 0) reject(new EmzanoError('recording-empty'));
        else resolve({ blob, format, durationMs: performance.now() - started });
      });
      recorder.addEventListener('start', () => {
        if (recorder.state !== 'recording') return;
        started = performance.now();
        const deadline = started + options.maxDurationMs;
        this.timer = setInterval(() => {
          const left = deadline - performance.now();
          if (left <= 0) this.stop();
          else options.onTick?.(Math.ceil(left / 1000));
        }, 250);
      });
      // A timeslice makes the browser hand over data as it goes, so Stop is answered at once.
      recorder.start(1000);
      options.onTick?.(Math.ceil(options.maxDurationMs / 1000));
    });
  }

  get recording(): boolean {
    return this.recorder?.state === 'recording';
  }

  stop(): void {
    this.clearTimer();
    if (this.recorder && this.recorder.state !== 'inactive') this.recorder.stop();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
