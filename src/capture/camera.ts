/**
 * Camera and microphone access, with failures turned into codes the person gets guidance for.
 */
import { addClientErrors, type ClientErrorCode } from '../core/error-catalog.js';
import { EmzanoError } from '../core/errors.js';

addClientErrors({
  'camera-denied': {
    retryable: true,
    fa: 'اجازهٔ دسترسی به دوربین و میکروفون داده نشد. از تنظیمات مرورگر اجازه دهید و دوباره تلاش کنید.',
    en: 'Camera and microphone access was blocked. Allow it in your browser settings and try again.',
  },
  'camera-not-found': {
    retryable: true,
    fa: 'دوربین یا میکروفونی پیدا نشد. یکی را وصل کنید و دوباره تلاش کنید.',
    en: 'No camera or microphone was found. Connect one and try again.',
  },
  'camera-busy': {
    retryable: true,
    fa: 'دوربین در اختیار برنامهٔ دیگری است. آن برنامه را ببندید و دوباره تلاش کنید.',
    en: 'Another app is using the camera. Close it and try again.',
  },
  'camera-insecure-context': {
    retryable: false,
    fa: 'دوربین فقط در صفحه‌های امن (https) در دسترس است.',
    en: 'The camera is only available on secure (https) pages.',
  },
});

export interface CameraOptions {
  width?: number;
  height?: number;
  /** `user` (default): the selfie camera; `environment`: the rear camera where there is one (documents). */
  facing?: 'user' | 'environment';
  /** The microphone too (default true: the selfie video has sound; a document photo has none). */
  audio?: boolean;
}

export async function openCamera(options: CameraOptions = {}): Promise<MediaStream> {
  if (!globalThis.isSecureContext) throw new EmzanoError('camera-insecure-context');
  if (!navigator.mediaDevices?.getUserMedia) throw new EmzanoError('camera-not-found');
  try {
    return await navigator.mediaDevices.getUserMedia({
      video: { facingMode: options.facing ?? 'user', width: { ideal: options.width ?? 640 }, height: { ideal: options.height ?? 480 } },
      audio: options.audio === false ? false : { echoCancellation: true, noiseSuppression: true },
    });
  } catch (error) {
    throw new EmzanoError(cameraErrorCode(error), { cause: error, detail: error instanceof Error ? error.message : undefined });
  }
}

/** Stops every track, which turns the camera light off. */
export function stopStream(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

export function cameraErrorCode(error: unknown): ClientErrorCode {
  const name = error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'camera-denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'camera-not-found';
    case 'NotReadableError':
    case 'AbortError':
      return 'camera-busy';
    default:
      return 'unknown';
  }
}
