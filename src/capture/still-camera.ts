/**
 * Photos of a document: the rear camera at the largest size it offers, a still taken from it (by
 * ImageCapture where the browser has it, else the video frame), or a file the person chose
 * instead; each as a PNG with a small grey copy of the card guide's area to judge its quality.
 */
import { addClientErrors } from '../core/error-catalog.js';
import { EmzanoError } from '../core/errors.js';
import { MEASURE_SIZE, measurePhoto, photoProblem, toGrey, type PhotoMeasures, type PhotoProblem } from '../core/photo-quality.js';
import { openCamera } from './camera.js';

addClientErrors({
  'photo-unreadable': {
    retryable: false,
    fa: 'این فایل تصویری نیست که بتوان خواند. یک عکس (JPEG یا PNG) انتخاب کنید.',
    en: 'This file is not an image we can read. Choose a photo (JPEG or PNG).',
  },
});

/** The share of the picture's width the card guide covers (the rest is margin to frame it). */
export const GUIDE_WIDTH = 0.86;
/** ID-1 cards (the national card) are 85.60 × 53.98 mm. */
export const CARD_ASPECT = 85.6 / 53.98;

export interface Photo {
  /** PNG, at the size it was taken. */
  blob: Blob;
  width: number;
  height: number;
  measures: PhotoMeasures;
  /** Why it should not be sent, if it should not. */
  problem: PhotoProblem | undefined;
}

/** The rear camera (the only one on most laptops) at the largest size it offers, without sound. */
export function openDocumentCamera(): Promise<MediaStream> {
  return openCamera({ facing: 'environment', width: 4096, height: 2160, audio: false });
}

interface ImageCaptureLike {
  getPhotoCapabilities(): Promise<{ imageWidth?: { max?: number }; imageHeight?: { max?: number } }>;
  takePhoto(settings?: { imageWidth?: number; imageHeight?: number }): Promise<Blob>;
}
declare const ImageCapture: { new (track: MediaStreamTrack): ImageCaptureLike } | undefined;

/** A still from `stream`: the camera's own photo at its largest where it can take one, else the current frame. */
export async function takeStill(stream: MediaStream, video: HTMLVideoElement): Promise<Photo> {
  const track = stream.getVideoTracks()[0];
  if (track && typeof ImageCapture === 'function') {
    try {
      const capture = new ImageCapture(track);
      const { imageWidth, imageHeight } = await capture.getPhotoCapabilities();
      const blob = await capture.takePhoto({ imageWidth: imageWidth?.max, imageHeight: imageHeight?.max });
      return await fromImage(await createImageBitmap(blob));
    } catch {
      // Some cameras refuse photo settings: the video frame is the still then.
    }
  }
  return fromImage(video);
}

/** A photo the person chose instead of taking one. */
export async function photoFromFile(file: Blob): Promise<Photo> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (error) {
    throw new EmzanoError('photo-unreadable', { cause: error });
  }
  return fromImage(bitmap);
}

async function fromImage(source: ImageBitmap | HTMLVideoElement): Promise<Photo> {
  const width = source instanceof HTMLVideoElement ? source.videoWidth : source.width;
  const height = source instanceof HTMLVideoElement ? source.videoHeight : source.height;
  if (!width || !height) throw new EmzanoError('photo-unreadable');
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')!.drawImage(source, 0, 0);
  if (!(source instanceof HTMLVideoElement)) source.close();
  const measures = measureGuide(canvas);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return { blob, width, height, measures, problem: photoProblem(measures) };
}

/** The measures of the card guide's area, on a grey copy at most MEASURE_SIZE wide. */
function measureGuide(canvas: OffscreenCanvas): PhotoMeasures {
  const guideWidth = Math.min(canvas.width * GUIDE_WIDTH, canvas.height * GUIDE_WIDTH * CARD_ASPECT);
  const guideHeight = guideWidth / CARD_ASPECT;
  const scale = Math.min(1, MEASURE_SIZE / guideWidth);
  const [width, height] = [Math.max(3, Math.round(guideWidth * scale)), Math.max(3, Math.round(guideHeight * scale))];
  const small = new OffscreenCanvas(width, height);
  const context = small.getContext('2d', { willReadFrequently: true })!;
  const [x, y] = [(canvas.width - guideWidth) / 2, (canvas.height - guideHeight) / 2];
  context.drawImage(canvas, x, y, guideWidth, guideHeight, 0, 0, width, height);
  return measurePhoto(toGrey(context.getImageData(0, 0, width, height).data), width, height);
}
