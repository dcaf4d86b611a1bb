/**
 * The nested `<emzano-signature-pad>`'s parts, re-exported under the outer element so a host
 * styles them with `::part(signature-…)`.
 */
export const PAD_EXPORTPARTS =
  'canvas: signature-canvas, actions: signature-actions, mode-button: signature-mode-button, typed-input: signature-typed-input';
