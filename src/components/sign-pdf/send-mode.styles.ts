import { css } from 'lit';
import { formFieldStyles } from '../../styles/form-fields.js';

/** Send mode's editor: adopted by `<emzano-sign-pdf>` when send mode loads. */
export const sendModeStyles = css`
  ${formFieldStyles}
  :host {
    container-type: inline-size;
  }
  /* Wide enough: the document beside the editor, so fields and recipients are seen together. */
  @container (min-width: 60rem) {
    [part='base'] {
      grid-template-columns: minmax(0, 3fr) minmax(22rem, 2fr);
      align-items: start;
    }
    [part='toolbar'],
    [part='error'] {
      grid-column: 1 / -1;
    }
    [part='send-panel'] {
      grid-column: 2;
      grid-row: 2;
      max-block-size: var(--_viewer-height);
      overflow: auto;
      padding-inline-end: 0.25rem;
    }
  }
  [part='send-panel'] {
    display: grid;
    gap: var(--_space);
  }
  fieldset {
    display: grid;
    gap: calc(var(--_space) / 2);
    margin: 0;
    padding: var(--_space);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  legend {
    font-weight: 600;
    padding-inline: 0.25rem;
  }
  h3 {
    margin: 0;
    font-size: 1rem;
  }
  [part='recipients'] {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part='recipient'] fieldset {
    border-inline-start: 6px solid var(--_recipient-color);
  }
  .swatch {
    display: inline-block;
    inline-size: 0.8em;
    block-size: 0.8em;
    margin-inline-end: 0.4em;
    border-radius: 50%;
    background: var(--_recipient-color);
  }
  .row {
    display: grid;
    gap: 0.25rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
    gap: calc(var(--_space) / 2);
    align-items: start;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  [part='checkbox'] {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    accent-color: var(--_color-primary);
  }
  p.field-error {
    margin: 0;
  }
  [part='checkbox']:focus-visible {
    outline: none;
    box-shadow: var(--_focus-ring);
  }
  [part='start-page-badge'] {
    position: absolute;
    inset-block-start: 0;
    inset-inline-start: 0;
    z-index: 1;
    padding: 0.2rem 0.5rem;
    font-size: 0.75rem;
    background: var(--_color-primary);
    color: var(--_color-on-primary);
    border-end-end-radius: var(--_radius);
  }
`;
