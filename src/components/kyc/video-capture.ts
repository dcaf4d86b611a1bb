import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Recorder, Recording } from '../../capture/recorder.js';
import { toEmzanoError, type EmzanoError } from '../../core/errors.js';

export type CapturePhase = 'idle' | 'opening' | 'ready' | 'recording' | 'recorded';

export interface CaptureSettings {
  maxDurationMs: number;
  videoBitsPerSecond: number;
  audioBitsPerSecond: number;
  container?: 'mp4' | 'webm';
  /** Encode the recording as base64 while it is made (a provider that takes base64 in JSON). */
  base64?: boolean;
}

/**
 * Owns the camera stream, the recorder and the recording's object URL for `<emzano-kyc>`, and
 * releases all three when the step is left or the element is removed (the camera light goes off).
 * The camera and recorder code loads with the video step, not with the element.
 */
export class VideoCapture implements ReactiveController {
  phase: CapturePhase = 'idle';
  stream: MediaStream | undefined;
  recording: Recording | undefined;
  /** The recording's base64, made while it was recorded (when asked for); gone with the recording. */
  base64: Promise<Blob> | undefined;
  recordingUrl: string | undefined;
  secondsLeft = 0;

  /** Called when a new recording is ready (the element keeps it across reloads). */
  onRecorded: ((recording: Recording) => void) | undefined;

  private recorder: Recorder | undefined;
  private Base64Recording: typeof import('../../capture/base64-recording.js').Base64Recording | undefined;
  private hiddenTimer: ReturnType<typeof setTimeout> | undefined;
  private closedWhileHidden = false;
  /**
   * Which opening of the camera counts: turning the camera off starts a new one, so a stream that
   * arrives for an opening that no longer counts (the step was left, the element removed, the
   * camera opened again meanwhile) is stopped the moment it arrives, never shown or kept.
   */
  private opening = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** How long the page may be hidden before the camera is turned off, in ms. */
    private readonly hiddenReleaseMs: () => number,
    private readonly onError: (error: EmzanoError) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.handleVisibility);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.handleVisibility);
    clearTimeout(this.hiddenTimer);
    // Moving the element (removed and put back in the same task) keeps the camera and the
    // recording; only an element that stays removed lets them go.
    queueMicrotask(() => {
      if (!(this.host as unknown as Element).isConnected) this.release();
    });
  }

  /**
   * A page left in the background should not keep the camera light on: after a while hidden the
   * stream stops (a recording in progress is finished, not lost); it reopens when the person is back.
   */
  private readonly handleVisibility = () => {
    clearTimeout(this.hiddenTimer);
    if (document.visibilityState === 'hidden') {
      if (!this.stream) return;
      this.hiddenTimer = setTimeout(() => {
        this.closedWhileHidden = true;
        this.closeCamera();
      }, this.hiddenReleaseMs());
    } else if (this.closedWhileHidden) {
      this.closedWhileHidden = false;
      void this.open();
    }
  };

  /** Opens the camera unless it is already open. Keeps a recording that exists. */
  async open(): Promise<void> {
    if (this.stream || this.phase === 'opening') return;
    const opening = ++this.opening;
    this.set('opening');
    try {
      const [{ openCamera, stopStream }, { Recorder: RecorderClass }, { Base64Recording }] = await Promise.all([
        import('../../capture/camera.js'),
        import('../../capture/recorder.js'),
        import('../../capture/base64-recording.js'),
      ]);
      if (opening !== this.opening) return;
      this.recorder ??= new RecorderClass();
      this.Base64Recording = Base64Recording;
      const stream = await openCamera();
      if (opening !== this.opening) {
        stopStream(stream);
        return;
      }
      this.stream = stream;
      this.set(this.recording ? 'recorded' : 'ready');
    } catch (error) {
      if (opening !== this.opening) return;
      this.set('idle');
      this.onError(toEmzanoError(error));
    }
  }

  async start(settings: CaptureSettings): Promise<void> {
    if (!this.stream || !this.recorder || this.phase !== 'ready') return;
    this.discardRecording();
    this.set('recording');
    const encoder = settings.base64 && this.Base64Recording ? new this.Base64Recording() : undefined;
    try {
      const recording = await this.recorder.start(this.stream, {
        ...settings,
        ...(encoder ? { onChunk: (chunk: Blob) => encoder.add(chunk) } : {}),
        onTick: (secondsLeft) => {
          this.secondsLeft = secondsLeft;
          this.host.requestUpdate();
        },
      });
      this.recording = recording;
      this.base64 = encoder?.finish();
      // Sending waits for it, and reports its failure; until then nobody else does.
      this.base64?.catch(() => undefined);
      this.recordingUrl = URL.createObjectURL(recording.blob);
      this.set('recorded');
      this.onRecorded?.(recording);
    } catch (error) {
      this.set(this.stream ? 'ready' : 'idle');
      this.onError(toEmzanoError(error));
    }
  }

  stop(): void {
    this.recorder?.stop();
  }

  /** Puts back a recording kept from before a reload, ready to play and send. */
  restore(recording: Recording): void {
    this.discardRecording();
    this.recording = recording;
    this.recordingUrl = URL.createObjectURL(recording.blob);
    this.set('recorded');
  }

  /** Throws the recording away to record again. */
  retake(): void {
    this.discardRecording();
    this.set(this.stream ? 'ready' : 'idle');
  }

  /** Turns the camera off; the recording (if any) is kept for sending. */
  closeCamera(): void {
    this.opening += 1;
    this.recorder?.stop();
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
    if (this.phase !== 'recorded') this.set('idle');
  }

  /** Everything off and forgotten. */
  release(): void {
    this.closeCamera();
    this.discardRecording();
    this.set('idle');
  }

  private discardRecording(): void {
    if (this.recordingUrl) URL.revokeObjectURL(this.recordingUrl);
    this.recordingUrl = undefined;
    this.recording = undefined;
    this.base64 = undefined;
  }

  private set(phase: CapturePhase): void {
    this.phase = phase;
    this.host.requestUpdate();
  }
}
