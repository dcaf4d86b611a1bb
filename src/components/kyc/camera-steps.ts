/**
 * The devices of `<emzano-kyc>`'s camera steps: the selfie recorder of a video step and the
 * document camera of a photo step. The one the step on screen needs is opened when it shows and
 * released when it is left (the camera light goes off); a failure is shown with a retry that
 * reopens it.
 */
import type { LitElement } from 'lit';
import type { StepKind } from '../../core/kyc-flow.js';
import type { EmzanoError } from '../../core/errors.js';
import type { PhotoCapture } from './photo-capture.js';
import { VideoCapture } from './video-capture.js';

export class CameraSteps {
  readonly video: VideoCapture;
  /** Made when a photo step first shows (its code loads then: most attempts have none). */
  photo: PhotoCapture | undefined;

  constructor(
    private readonly host: LitElement,
    private readonly options: {
      /** How long the page may be hidden before the selfie camera is turned off, in ms. */
      hiddenReleaseMs: () => number;
      fail: (error: EmzanoError, retry: () => void) => void;
      /** A new recording is ready: the element keeps it across reloads at once (the hardest thing to redo). */
      recorded: () => void;
    },
  ) {
    // "Try again" hides the message and reopens the camera if it is closed (a no-op when it is
    // open, e.g. after an empty recording: the person simply records again).
    this.video = new VideoCapture(host, options.hiddenReleaseMs, (error) => options.fail(error, () => void this.video.open()));
    this.video.onRecorded = options.recorded;
  }

  /** Opens the camera a step of `kind` uses (none for the other kinds). */
  enter(kind: StepKind | 'enrol'): void {
    if (kind === 'video') void this.video.open();
    else if (kind === 'document') void this.openPhoto();
  }

  private async openPhoto(): Promise<void> {
    const { PhotoCapture } = await import('./photo-capture.js');
    this.photo ??= new PhotoCapture(this.host, (error) => this.options.fail(error, () => void this.photo?.open()));
    this.host.requestUpdate();
    await this.photo.open();
  }

  /** Everything off and forgotten: the camera, the recording, the photo. */
  release(): void {
    this.video.release();
    this.photo?.release();
  }
}
