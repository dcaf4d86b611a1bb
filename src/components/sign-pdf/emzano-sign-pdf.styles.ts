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
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    justify-content: flex-end;
    align-items: center;
  }
  [part='status'] {
    margin: 0;
    color: var(--_color-muted);
  }
`;
