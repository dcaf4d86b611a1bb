/**
 * What each kind of step sends through the identity provider, and what is kept of it for the
 * evidence package: the selfie video with the sentence read, a document photo, the signature.
 * Each answers `undefined` when there is nothing to send yet; the wizard runs the upload (with
 * its progress bar, once) and moves on.
 */
import type { KycStep } from '../../core/kyc-flow.js';
import type { SentFile } from '../../evidence/sent-files.js';
import type { KycProvider, UploadOptions } from '../../providers/kyc-provider.js';
import type { EmzanoSignaturePad } from '../signature-pad/emzano-signature-pad.js';
import type { VideoCapture } from './video-capture.js';

export type StepUpload = (provider: KycProvider, options: UploadOptions) => Promise<Omit<SentFile, 'sentAt'>>;

export function videoUpload(capture: VideoCapture, sentence: string | undefined, step: KycStep): StepUpload | undefined {
  const { recording, base64 } = capture;
  if (!recording || !sentence) return undefined;
  const { blob: video, format } = recording;
  // Emzano's selfie video keeps the name it was sent with; another video step is named after its step.
  const name = step === 'video' ? format.fileName : `${step}.${format.container}`;
  return async (provider, options) => {
    await provider.submitVideo(step, { sentence, video, fileName: format.fileName, base64 }, options);
    return { step, name, blob: video, sentence };
  };
}

export function photoUpload(photo: { blob: Blob } | undefined, step: KycStep): StepUpload | undefined {
  if (!photo) return undefined;
  return async (provider, options) => {
    await provider.uploadDocument!(step, photo.blob, options);
    return { step, name: `${step}.png`, blob: photo.blob };
  };
}

/** The pad's drawing (or typed name) as an image; `undefined` while the pad is empty. */
export function signatureUpload(pad: EmzanoSignaturePad | null, step: KycStep): StepUpload | undefined {
  if (!pad || pad.isEmpty()) return undefined;
  return async (provider, options) => {
    const image = await pad.toBlob();
    if (!image) throw new Error('The signature could not be exported.');
    await provider.uploadSignature(image, options);
    return { step, name: 'signature.png', blob: image };
  };
}
