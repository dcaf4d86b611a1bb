import { css } from 'lit';
import { formFieldStyles } from '../../styles/form-fields.js';

export const kycStyles = css`
  ${formFieldStyles}
  :host {
    --_kyc-max-width: var(--emzano-kyc-max-width, 36rem);
    --_kyc-background: var(--emzano-kyc-background, var(--_color-surface));
    max-inline-size: var(--_kyc-max-width);
  }
  [part='base'] {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
    background: var(--_kyc-background);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  [part='progress'] {
    margin: 0;
    color: var(--_color-muted);
    font-size: 0.875rem;
  }
  [part='heading'] {
    margin: 0;
    font-size: 1.25rem;
  }
  [part='heading']:focus {
    outline: none;
  }
  [part='intro'] {
    margin: 0;
    color: var(--_color-muted);
  }
  form,
  .field {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  form {
    gap: var(--_space);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    justify-content: flex-end;
  }
  .summary p {
    margin: 0 0 0.5rem;
  }
`;
