import { css } from 'lit';

/** Messages both elements show the same way: errors with their retry, success, screen-reader-only text. */
export const feedbackStyles = css`
  [part='error'] {
    display: grid;
    gap: calc(var(--_space) / 2);
    padding: var(--_space);
    border-radius: var(--_radius);
    border: 1px solid var(--_color-danger);
    color: var(--_color-danger);
    background: color-mix(in srgb, var(--_color-danger) 6%, var(--_color-surface));
  }
  [part='error'] p {
    margin: 0;
  }
  .success {
    color: var(--_color-success);
    font-weight: 600;
    margin: 0;
  }
  .upload {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  .upload progress {
    flex: 1 1 10rem;
    block-size: 0.6rem;
    accent-color: var(--_color-primary);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
