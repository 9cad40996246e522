import { css } from 'lit';

export const styles = css`
  :host {
    /* Public tokens are read once here; the rest of the sheet uses only the private ones. */
    --_accent: var(--mrz-accent-color, #0b57d0);
    --_on-accent: var(--mrz-background, #fff);
    --_bg: var(--mrz-background, #fff);
    --_fg: var(--mrz-text-color, #1f1f1f);
    --_font: var(--mrz-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_radius: var(--mrz-radius, 12px);
    --_space: var(--mrz-spacing, 16px);
    --_error: #b3261e;
    display: block;
    color: var(--_fg);
    font-family: var(--_font);
    line-height: 1.4;
  }
  :host([hidden]) {
    display: none;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--mrz-accent-color, #a8c7fa);
      --_on-accent: var(--mrz-background, #131314);
      --_bg: var(--mrz-background, #131314);
      --_fg: var(--mrz-text-color, #e3e3e3);
      --_error: #f2b8b5;
    }
  }
  .base {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
    background: var(--_bg);
    border: 2px dashed color-mix(in srgb, var(--_fg) 35%, transparent);
    border-radius: var(--_radius);
  }
  .dragging {
    border-color: var(--_accent);
    border-style: solid;
  }
  .title {
    margin: 0;
    font-size: 1.15em;
    font-weight: 600;
  }
  .help,
  .status {
    margin: 0;
  }
  .status {
    min-height: 1.4em;
  }
  .error {
    color: var(--_error);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  button {
    min-height: 44px;
    padding: 0 calc(var(--_space) * 1.25);
    border: 2px solid var(--_accent);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
    color: var(--_accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    transition: filter 0.15s;
  }
  button:hover {
    filter: brightness(0.92);
  }
  .primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  progress {
    width: 100%;
    accent-color: var(--_accent);
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px var(--_space);
    margin: 0;
  }
  dd {
    margin: 0;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;
