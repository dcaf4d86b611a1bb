import type { CommonStrings } from '../types.js';

export const en: CommonStrings = {
  lang: 'en',
  dir: 'ltr',
  digits: (text) => String(text),
  common: {
    retry: 'Try again',
    startOver: 'Start again',
    working: 'Please wait…',
    stepOf: (current, total, name) => `Step ${current} of ${total}: ${name}`,
  },
  upload: {
    progress: (percent) => `Uploading: ${percent}%`,
    label: 'Upload progress',
    cancel: 'Cancel upload',
  },
  pad: {
    label: 'Signature area',
    undo: 'Undo',
    clear: 'Clear',
    required: 'Please sign.',
    typeInstead: 'Type my name instead',
    drawInstead: 'Draw instead',
    typedLabel: 'Type your name as your signature',
  },
};
