import type { VideoStrings } from '../types.js';

export const enVideo: VideoStrings = {
  video: {
    intro: 'Face the camera, keep your face in the frame and read the sentence below aloud.',
    readAloud: 'Read this sentence aloud:',
    preparing: 'Getting the camera ready…',
    start: 'Start recording',
    stop: 'Stop recording',
    retake: 'Record again',
    send: 'Send video',
    sending: 'Sending the video…',
    secondsLeft: (seconds) => (seconds === 1 ? '1 second left' : `${seconds} seconds left`),
    recordedLabel: 'Your recording',
    previewLabel: 'Live camera view',
  },
};
