/**
 * Which container and codecs to record in. Emzano prefers MP4, so we ask for MP4 first and
 * fall back to WebM; a provider that wants WebM (Dipar) has WebM asked for first. The first type
 * the browser's MediaRecorder supports wins.
 */

export interface RecordingFormat {
  mimeType: string;
  container: 'mp4' | 'webm';
  /** File name sent in the multipart `file` part. */
  fileName: string;
}

const CANDIDATES: readonly string[] = [
  'video/mp4;codecs=avc1.42E01E,mp4a.40.2',
  'video/mp4;codecs=avc1,opus',
  'video/mp4;codecs=vp9,opus',
  'video/mp4',
  'video/webm;codecs=vp9,opus',
  'video/webm;codecs=vp8,opus',
  'video/webm',
];

export function chooseRecordingFormat(
  isTypeSupported: (type: string) => boolean,
  prefer: 'mp4' | 'webm' = 'mp4',
): RecordingFormat | undefined {
  const ordered =
    prefer === 'webm'
      ? [...CANDIDATES].sort((a, b) => Number(b.startsWith('video/webm')) - Number(a.startsWith('video/webm')))
      : CANDIDATES;
  const mimeType = ordered.find((candidate) => isTypeSupported(candidate));
  if (!mimeType) return undefined;
  const container = mimeType.startsWith('video/mp4') ? 'mp4' : 'webm';
  return { mimeType, container, fileName: `video.${container}` };
}

/** The type to label the uploaded file with: the container without codec parameters. */
export function fileType(format: RecordingFormat): string {
  return `video/${format.container}`;
}
