import { css } from 'lit';

/**
 * The dark palette's defaults: applied when the person's system prefers dark (unless the
 * element has `theme="light"`) or when it has `theme="dark"`. A host's `--emzano-*` values win
 * in both schemes; to give dark its own values, set them inside the host's own
 * `@media (prefers-color-scheme: dark)`.
 */
const darkDefaults = css`
  --_color-primary: var(--emzano-color-primary, #6cb4ff);
  --_color-on-primary: var(--emzano-color-on-primary, #06213d);
  --_color-text: var(--emzano-color-text, #e6ebf1);
  --_color-muted: var(--emzano-color-muted, #a7b3c2);
  --_color-surface: var(--emzano-color-surface, #161b22);
  --_color-surface-alt: var(--emzano-color-surface-alt, #0d1117);
  --_color-border: var(--emzano-color-border, #3d4756);
  --_color-danger: var(--emzano-color-danger, #ff8a80);
  --_color-success: var(--emzano-color-success, #62d37a);
  color-scheme: dark;
`;

/**
 * Global design tokens. Every `--emzano-*` property has a fallback here, so the elements look
 * right with no theme file; hosts override them on any ancestor.
 */
export const hostStyles = css`
  :host {
    color-scheme: light;
    --_color-primary: var(--emzano-color-primary, #0b6bcb);
    --_color-on-primary: var(--emzano-color-on-primary, #ffffff);
    --_color-text: var(--emzano-color-text, #1d232b);
    --_color-muted: var(--emzano-color-muted, #5b6675);
    --_color-surface: var(--emzano-color-surface, #ffffff);
    --_color-surface-alt: var(--emzano-color-surface-alt, #f3f5f8);
    --_color-border: var(--emzano-color-border, #c9d1dc);
    --_color-danger: var(--emzano-color-danger, #b42318);
    --_color-success: var(--emzano-color-success, #1a7f37);
    --_radius: var(--emzano-radius, 10px);
    --_space: var(--emzano-space, 1rem);
    --_font: var(--emzano-font-family, Vazirmatn, Tahoma, 'Segoe UI', system-ui, sans-serif);
    --_focus-ring: 0 0 0 3px color-mix(in srgb, var(--_color-primary) 35%, transparent);

    display: block;
    box-sizing: border-box;
    color: var(--_color-text);
    font-family: var(--_font);
    font-size: 1rem;
    line-height: 1.6;
  }
  :host([theme='dark']) {
    ${darkDefaults}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkDefaults}
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button {
    font: inherit;
    min-block-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 1.1rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_color-border);
    background: var(--_color-surface);
    color: var(--_color-text);
    cursor: pointer;
    transition:
      background-color 0.15s ease,
      box-shadow 0.15s ease;
  }
  button.primary {
    background: var(--_color-primary);
    border-color: var(--_color-primary);
    color: var(--_color-on-primary);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible {
    outline: none;
    box-shadow: var(--_focus-ring);
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
    }
  }
`;
