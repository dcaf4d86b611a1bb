import { css } from 'lit';

export const documentStatusStyles = css`
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
