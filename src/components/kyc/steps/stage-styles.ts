import { css } from 'lit';

/**
 * The camera area both camera steps draw (the selfie video's and the document photo's): a dark
 * 4:3 stage, its picture filling it, and a status pill over its corner. Each step adds its own.
 */
export const stageStyles = css`
  .stage {
    position: relative;
    overflow: hidden;
    border-radius: var(--_radius);
    background: #0b0f14;
    aspect-ratio: 4 / 3;
  }
  .stage video,
  .stage img {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
    display: block;
  }
  .stage .status,
  .stage .countdown {
    position: absolute;
    inset-block-end: var(--_space);
    inset-inline-start: var(--_space);
    padding-block: 0.25rem;
    padding-inline: 0.75rem;
    border-radius: 999px;
    background: rgb(0 0 0 / 70%);
    color: #fff;
    font-weight: 600;
  }
`;
