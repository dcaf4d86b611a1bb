/**
 * The document camera of `<emzano-kyc>`'s photo steps (a national card's front and back): the
 * rear camera's stream, the photo taken (or chosen from a file) with its quality verdict, and its
 * object URL; all released when the step is left or the element is removed. The camera code
 * loads with the step, not with the element.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Photo } from '../../capture/still-camera.js';
import { toEmzanoError, type EmzanoError } from '../../core/errors.js';

export type PhotoPhase = 'idle' | 'opening' | 'ready' | 'taking' | 'taken';

export class PhotoCapture implements ReactiveController {
  phase: PhotoPhase = 'idle';
  stream: MediaStream | undefined;
  photo: Photo | undefined;
  photoUrl: string | undefined;
  /** The camera could not be opened: the step offers the file only. */
  cameraFailed = false;

  /** Which opening counts: a stream arriving for an older one (the step was left meanwhile) is stopped at once. */
  private opening = 0;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly onError: (error: EmzanoError) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // Moved in the DOM (removed and put back in the same task): the camera and the photo stay.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.release();
    });
  }

  /** Opens the rear camera unless it is open; keeps a photo that exists. */
  async open(): Promise<void> {
    if (this.stream || this.phase === 'opening') return;
    const opening = ++this.opening;
    this.set(this.photo ? 'taken' : 'opening');
    try {
      const { openDocumentCamera, stopStream } = await this.code();
      const stream = await openDocumentCamera();
      if (opening !== this.opening) return stopStream(stream);
      this.stream = stream;
      this.cameraFailed = false;
      if (!this.photo) this.set('ready');
      else this.host.requestUpdate();
    } catch (error) {
      if (opening !== this.opening) return;
      this.cameraFailed = true;
      this.set(this.photo ? 'taken' : 'idle');
      this.onError(toEmzanoError(error));
    }
  }

  /** A still from the camera, judged. */
  async take(video: HTMLVideoElement): Promise<void> {
    if (!this.stream || this.phase !== 'ready') return;
    this.set('taking');
    try {
      this.keep(await (await this.code()).takeStill(this.stream, video));
    } catch (error) {
      this.set('ready');
      this.onError(toEmzanoError(error));
    }
  }

  /** A photo the person chose instead, judged the same way. */
  async choose(file: File): Promise<void> {
    const before = this.phase;
    this.set('taking');
    try {
      this.keep(await (await this.code()).photoFromFile(file));
    } catch (error) {
      this.set(before === 'taking' ? 'idle' : before);
      this.onError(toEmzanoError(error));
    }
  }

  /** Throws the photo away to take another. */
  retake(): void {
    this.discard();
    this.set(this.stream ? 'ready' : 'idle');
    if (!this.stream && !this.cameraFailed) void this.open();
  }

  /** Camera off, photo forgotten. */
  release(): void {
    this.opening += 1;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
    this.discard();
    this.cameraFailed = false;
    this.set('idle');
  }

  private keep(photo: Photo): void {
    this.discard();
    this.photo = photo;
    this.photoUrl = URL.createObjectURL(photo.blob);
    this.set('taken');
  }

  private discard(): void {
    if (this.photoUrl) URL.revokeObjectURL(this.photoUrl);
    this.photoUrl = undefined;
    this.photo = undefined;
  }

  private async code() {
    const [still, camera] = await Promise.all([import('../../capture/still-camera.js'), import('../../capture/camera.js')]);
    return { ...still, stopStream: camera.stopStream };
  }

  private set(phase: PhotoPhase): void {
    this.phase = phase;
    this.host.requestUpdate();
  }
}
