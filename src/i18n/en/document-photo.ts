import type { DocumentPhotoStrings } from '../types.js';

export const enDocumentPhoto: DocumentPhotoStrings = {
  documentPhoto: {
    intro: {
      'card-front': 'Place the front of your national card inside the frame, on a plain surface in good light, and take a photo.',
      'card-back': 'Now turn the card over: place its back inside the frame and take a photo.',
    },
    fallbackIntro: 'No camera could be used. Choose a clear photo of the card instead.',
    preparing: 'Getting the camera ready…',
    guideLabel: 'Frame for the card',
    previewLabel: 'Live camera view',
    photoLabel: 'Your photo of the card',
    take: 'Take photo',
    taking: 'Checking the photo…',
    retake: 'Take another',
    chooseFile: 'Choose a photo instead',
    send: 'Send photo',
    sending: 'Sending the photo…',
    problems: {
      blurry: 'The photo is blurred, so the card cannot be read. Hold the phone steady, let the camera focus, and take it again.',
      glare: 'A reflection hides part of the card. Tilt the card or move away from the light, and take it again.',
      dark: 'The photo is too dark. Move to a brighter place, and take it again.',
    },
    accepted: 'The photo is clear. Check that the whole card is visible, then send it.',
  },
};
