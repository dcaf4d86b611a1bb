import { css } from 'lit';

export const signaturePadStyles = css`
  :host {
    --_pad-height: var(--emzano-signature-pad-height, 12rem);
    --_pad-background: var(--emzano-signature-pad-background, var(--_color-surface));
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
  [part='actions'] {
    display: flex;
    gap: calc(var(--_space) / 2);
    justify-content: flex-end;
  }
`;
