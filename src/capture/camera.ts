/**
 * Camera and microphone access, with failures turned into codes the person gets guidance for.
 */
import type { ClientErrorCode } from '../core/error-catalog.js';
import { EmzanoError } from '../core/errors.js';

export interface CameraOptions {
  width?: number;
  height?: number;
}

export async function openCamera(options: CameraOptions = {}): Promise<MediaStream> {
  if (!globalThis.isSecureContext) throw new EmzanoError('camera-insecure-context');
  if (!navigator.mediaDevices?.getUserMedia) throw new EmzanoError('camera-not-found');
  try {
    return await navigator.mediaDevices.getUserMedia({
      video: { facingMode: 'user', width: { ideal: options.width ?? 640 }, height: { ideal: options.height ?? 480 } },
      audio: { echoCancellation: true, noiseSuppression: true },
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
