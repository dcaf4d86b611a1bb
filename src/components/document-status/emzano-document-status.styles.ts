import { css } from 'lit';

export const documentStatusStyles = css`
  [part='status'][data-state='signed'] {
    color: var(--_color-success);
  }
  [part='status'][data-state='rejected'],
  [part='status'][data-state='expired'] {
    color: var(--_color-danger);
  }
  [part='timeline'] {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  [part~='recipient'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: baseline;
    padding-block: 0.4rem;
    padding-inline-start: 0.75rem;
    border-inline-start: 3px solid var(--_color-border);
  }
  [part~='recipient'][data-state='signed'],
  [part~='recipient'][data-state='approved'] {
    border-color: var(--_color-success);
  }
  [part~='recipient'][data-state='rejected'] {
    border-color: var(--_color-danger);
  }
  [part~='recipient-turn'] {
    border-color: var(--_color-primary);
  }
  [part='recipient-name'] {
    font-weight: 600;
  }
  [part='recipient-role'],
  [part='recipient-time'] {
    color: var(--_color-muted);
    font-size: 0.9em;
  }
`;
