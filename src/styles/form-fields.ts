import { css } from 'lit';

/**
 * Text inputs, selects, their hints and what is wrong with them, as every form in the elements
 * shows them (the KYC steps, send mode's contract editor). Checkboxes keep their own size.
 */
export const formFieldStyles = css`
  input:not([type='checkbox']),
  select {
    font: inherit;
    padding-block: 0.6rem;
    padding-inline: 0.8rem;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-text);
    min-block-size: 2.75rem;
  }
  input[dir='ltr'] {
    text-align: start;
  }
  [aria-invalid='true'] {
    border-color: var(--_color-danger);
  }
  select:focus-visible {
    outline: none;
    box-shadow: var(--_focus-ring);
  }
  [part='hint'] {
    color: var(--_color-muted);
  }
  .field-error {
    color: var(--_color-danger);
  }
`;
