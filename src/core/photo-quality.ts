/**
 * Whether a photo of a document is good enough to send, judged on a small grey copy of it (the
 * part inside the card guide): sharp enough to read, not washed out by glare, not too dark.
 * Pure arithmetic on luminance, so it is the same for a camera still and a chosen file.
 */

/** Why a photo is refused; each has a message that says what to do. */
export type PhotoProblem = 'blurry' | 'glare' | 'dark';

export interface PhotoMeasures {
  /** Mean of the strongest 2 % of edge responses (absolute Laplacian): text and edges of a sharp card are strong. */
  sharpness: number;
  /** Share of pixels clipped to white (luminance ≥ 250). */
  glare: number;
  /** Mean luminance, 0–255. */
  brightness: number;
}

export interface PhotoThresholds {
  minSharpness: number;
  maxGlare: number;
  minBrightness: number;
}

/**
 * Measured on cards photographed at the grey copy's size (640 px on the long side): a sharp card
 * gives a sharpness well above 60, one blurred past reading well below 25; a reflection that hides
 * the text clips several per cent of the card to white.
 */
export const PHOTO_THRESHOLDS: PhotoThresholds = { minSharpness: 40, maxGlare: 0.04, minBrightness: 45 };

/** Longest side of the grey copy the measures are taken on. */
export const MEASURE_SIZE = 640;

/** Luminance (Rec. 601) of RGBA pixels. */
export function toGrey(rgba: Uint8ClampedArray | Uint8Array): Uint8Array {
  const grey = new Uint8Array(rgba.length / 4);
  for (let i = 0, p = 0; p < grey.length; i += 4, p++) grey[p] = (rgba[i]! * 299 + rgba[i + 1]! * 587 + rgba[i + 2]! * 114) / 1000;
  return grey;
}

export function measurePhoto(grey: Uint8Array, width: number, height: number): PhotoMeasures {
  const responses = new Uint16Array(Math.max(0, (width - 2) * (height - 2)));
  let n = 0;
  let clipped = 0;
  let total = 0;
  for (let i = 0; i < grey.length; i++) {
    total += grey[i]!;
    if (grey[i]! >= 250) clipped++;
  }
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const laplacian = 4 * grey[i]! - grey[i - 1]! - grey[i + 1]! - grey[i - width]! - grey[i + width]!;
      responses[n++] = Math.abs(laplacian);
    }
  }
  return {
    sharpness: topMean(responses, 0.02),
    glare: grey.length ? clipped / grey.length : 0,
    brightness: grey.length ? total / grey.length : 0,
  };
}

/** The first problem a photo has, or `undefined` when it may be sent. */
export function photoProblem(measures: PhotoMeasures, thresholds: PhotoThresholds = PHOTO_THRESHOLDS): PhotoProblem | undefined {
  if (measures.brightness < thresholds.minBrightness) return 'dark';
  if (measures.glare > thresholds.maxGlare) return 'glare';
  if (measures.sharpness < thresholds.minSharpness) return 'blurry';
  return undefined;
}

/** Mean of the largest `share` of `values` (a counting sort: the values are small integers). */
function topMean(values: Uint16Array, share: number): number {
  if (values.length === 0) return 0;
  const counts = new Uint32Array(1021);
  for (const value of values) counts[Math.min(value, 1020)]!++;
  let wanted = Math.max(1, Math.round(values.length * share));
  let sum = 0;
  const taken = wanted;
  for (let value = 1020; value >= 0 && wanted > 0; value--) {
    const take = Math.min(counts[value]!, wanted);
    sum += take * value;
    wanted -= take;
  }
  return sum / taken;
}
