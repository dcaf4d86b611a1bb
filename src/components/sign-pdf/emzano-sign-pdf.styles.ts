import { css } from 'lit';

export const signPdfStyles = css`
  :host {
    --_viewer-height: var(--emzano-sign-pdf-height, 70vh);
    --_viewer-background: var(--emzano-sign-pdf-background, var(--_color-surface-alt));
    --_field-color: var(--emzano-sign-pdf-field-color, var(--_color-primary));
  }
  /* Its own surface, so the text stays readable whatever the host page's background. */
  [part='base'] {
    display: grid;
    gap: calc(var(--_space) / 2);
    padding: calc(var(--_space) / 2);
    background: var(--_color-surface);
    border-radius: var(--_radius);
  }
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  [part='page-indicator'] {
    margin-inline-end: auto;
    color: var(--_color-muted);
  }
  [part='viewer'] {
    position: relative;
    block-size: var(--_viewer-height);
    overflow: auto;
    background: var(--_viewer-background);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    padding: var(--_space) 0;
    display: grid;
    justify-content: center;
    align-content: start;
    gap: var(--_space);
  }
  [part='viewer']:focus-visible {
    outline: none;
    box-shadow: var(--_focus-ring);
  }
  .page {
    position: relative;
    background: #fff;
    box-shadow: 0 1px 4px rgb(0 0 0 / 25%);
  }
  .page canvas {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
  }
  [part='field'] {
    position: absolute;
    z-index: 1;
    border: 2px dashed var(--_field-color);
    background: color-mix(in srgb, var(--_field-color) 12%, transparent);
    border-radius: 4px;
    cursor: move;
    touch-action: none;
    display: grid;
    place-items: center;
    overflow: hidden;
    color: var(--_field-color);
    font-size: 0.8rem;
  }
  [part='field']:focus-visible {
    outline: none;
    box-shadow: var(--_focus-ring);
  }
  [part='field'] img {
    max-inline-size: 92%;
    max-block-size: 92%;
    pointer-events: none;
  }
  [part='resize-handle'] {
    position: absolute;
    inset-block-end: -2px;
    inset-inline-end: -2px;
    inline-size: 16px;
    block-size: 16px;
    min-block-size: 0;
    padding: 0;
    border-radius: 3px;
    background: var(--_field-color);
    border: 2px solid #fff;
    cursor: nwse-resize;
    touch-action: none;
  }
  [part='signature-panel'] {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    justify-content: flex-end;
    align-items: center;
  }
  [part='download'] {
    color: var(--_color-primary);
    font-weight: 600;
  }
  [part='status'] {
    margin: 0;
    color: var(--_color-muted);
  }
`;
