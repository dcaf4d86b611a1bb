import { css } from 'lit';

export const certificateStyles = css`
  [part='heading']:focus {
    outline: none;
  }
  p {
    margin: 0;
  }
  [part='status']:empty {
    display: none;
  }
  [part='status'][data-state='issued'] {
    color: var(--_color-success);
  }
  [part='status'][data-state='revoked'],
  [part='status'][data-state='expired'] {
    color: var(--_color-danger);
  }
  [part='key-note'] {
    color: var(--_color-muted);
    font-size: 0.95em;
  }
  [part='details'] {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.35rem 1rem;
    margin: 0;
  }
  [part='details'] dt {
    color: var(--_color-muted);
  }
  [part='details'] dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  [part='details'][data-status='revoked'] dd,
  [part='details'][data-status='expired'] dd {
    text-decoration: line-through;
    text-decoration-color: var(--_color-danger);
  }
  .serial {
    font-family: ui-monospace, monospace;
    font-size: 0.9em;
    text-align: start;
  }
  .elsewhere {
    padding: calc(var(--_space) / 2);
    border-inline-start: 3px solid var(--_color-primary);
  }
  [part='confirm'] {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  [part='confirm'] label {
    display: grid;
    gap: 0.25rem;
  }
  button.danger {
    background: var(--_color-danger);
    border-color: var(--_color-danger);
  }
`;
