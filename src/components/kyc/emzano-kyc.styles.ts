import { css } from 'lit';

export const kycStyles = css`
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
  input,
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
  .date-field {
    border: 0;
    margin: 0;
    padding: 0;
  }
  .date-parts {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  .date-parts .year {
    inline-size: 6.5rem;
  }
  input[dir='ltr'] {
    text-align: start;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--_color-danger);
  }
  [part='hint'] {
    color: var(--_color-muted);
  }
  .field-error {
    color: var(--_color-danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    justify-content: flex-end;
  }
  .person {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem var(--_space);
    margin: 0;
  }
  .person dt {
    color: var(--_color-muted);
  }
  .person dd {
    margin: 0;
    font-weight: 600;
  }
  .stage {
    position: relative;
    overflow: hidden;
    border-radius: var(--_radius);
    background: #0b0f14;
    aspect-ratio: 4 / 3;
  }
  .stage video {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
    display: block;
  }
  .mirrored {
    transform: scaleX(-1);
  }
  .sentence {
    position: absolute;
    inset-inline: 0;
    inset-block-start: 0;
    padding: var(--_space);
    background: linear-gradient(rgb(0 0 0 / 75%), transparent);
    color: #fff;
    display: grid;
    gap: 0.25rem;
  }
  .sentence-label {
    font-size: 0.875rem;
    opacity: 0.85;
  }
  .sentence-text {
    font-size: var(--emzano-kyc-sentence-size, 1.6rem);
    font-weight: 700;
    line-height: 1.5;
  }
  .countdown,
  .status {
    position: absolute;
    inset-block-end: var(--_space);
    inset-inline-start: var(--_space);
    padding-block: 0.25rem;
    padding-inline: 0.75rem;
    border-radius: 999px;
    background: rgb(180 35 24 / 90%);
    color: #fff;
    font-weight: 600;
  }
  /* A pulsing dot says "recording" without words (still under reduced motion). */
  .countdown::before {
    content: '';
    display: inline-block;
    inline-size: 0.6rem;
    block-size: 0.6rem;
    margin-inline-end: 0.4rem;
    border-radius: 50%;
    background: currentColor;
    animation: emzano-pulse 1s ease-in-out infinite alternate;
  }
  @keyframes emzano-pulse {
    from {
      opacity: 1;
    }
    to {
      opacity: 0.25;
    }
  }
  .status {
    background: rgb(0 0 0 / 70%);
  }
  .summary p {
    margin: 0 0 0.5rem;
  }
`;
