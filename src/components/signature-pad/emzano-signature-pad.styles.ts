import { css } from 'lit';

export const signaturePadStyles = css`
  :host {
    --_pad-height: var(--emzano-signature-pad-height, 12rem);
    /* Paper in both colour schemes: the ink must read on the exported image and on a document. */
    --_pad-background: var(--emzano-signature-pad-background, #ffffff);
    --_pad-ink: var(--emzano-signature-pad-ink, #10213a);
    inline-size: 100%;
  }
  [part='base'] {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  [part='canvas'] {
    display: block;
    inline-size: 100%;
    block-size: var(--_pad-height);
    background: var(--_pad-background);
    border: 1px dashed var(--_color-border);
    border-radius: var(--_radius);
    /* The pad owns touches: no scrolling or zooming while signing. */
    touch-action: none;
    user-select: none;
    cursor: crosshair;
  }
  :host([disabled]) [part='canvas'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  [part='canvas'][hidden] {
    display: none;
  }
  [part='typed-input'] {
    inline-size: 100%;
    block-size: var(--_pad-height);
    padding-inline: var(--_space);
    background: var(--_pad-background);
    color: var(--_pad-ink);
    border: 1px dashed var(--_color-border);
    border-radius: var(--_radius);
    font:
      italic 2.5rem 'Segoe Script',
      'Brush Script MT',
      'Snell Roundhand',
      cursive;
    text-align: center;
  }
  [part='typed-input']:focus-visible {
    outline: none;
    box-shadow: var(--_focus-ring);
  }
  [part='actions'] {
    flex-wrap: wrap;
    display: flex;
    gap: calc(var(--_space) / 2);
    justify-content: flex-end;
  }
`;
