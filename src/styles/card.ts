import { css } from 'lit';

/**
 * A card of its own (`<emzano-document-status>`, `<emzano-certificate>`): the box, its title, a
 * bold status line, a row of actions and a download link, drawn alike.
 */
export const cardStyles = css`
  [part='base'] {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  [part='heading'] {
    margin: 0;
    font-size: 1.15rem;
  }
  [part='status'] {
    margin: 0;
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    align-items: center;
  }
  [part='download'] {
    color: var(--_color-primary);
    font-weight: 600;
  }
`;
