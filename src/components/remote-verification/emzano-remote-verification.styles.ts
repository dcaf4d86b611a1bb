import { css } from 'lit';

export const remoteVerificationStyles = css`
  :host {
    max-inline-size: var(--emzano-remote-verification-max-width, 44rem);
  }
  h2 {
    margin: 0;
    font-size: 1.15rem;
  }
  form,
  fieldset {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  fieldset {
    margin: 0;
    padding: calc(var(--_space) / 2) var(--_space);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  .field p,
  [part='intro'] {
    margin: 0;
  }
  label {
    font-weight: 600;
  }
  .choice {
    font-weight: normal;
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
  textarea {
    font: inherit;
    padding: 0.6rem 0.8rem;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-text);
    resize: vertical;
  }
  input:focus-visible,
  textarea:focus-visible {
    outline: none;
    box-shadow: var(--_focus-ring);
  }
  [part~='counter'][data-over='true'] {
    color: var(--_color-danger);
  }
`;
