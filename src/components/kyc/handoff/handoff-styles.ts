import { css } from 'lit';

/** The handoff screens: the QR code large enough to scan from a desk, on white whatever the theme (scanners need the contrast). */
export const styles = css`
  .handoff-code {
    display: flex;
    justify-content: center;
    margin-block: var(--_space);
  }
  .handoff-code svg {
    inline-size: min(15rem, 100%);
    block-size: auto;
    aspect-ratio: 1;
    display: block;
    border-radius: var(--_radius);
    border: 1px solid var(--_color-border);
  }
  .handoff-steps {
    padding-inline-start: 1.25rem;
  }
  .handoff-steps [data-done='true'] {
    color: var(--_color-success);
  }
`;
