import { css } from 'lit';

export const styles = css`
  :host {
    /* Public tokens are read once here; the rest of the sheet uses only the private ones. */
    /* The background is also the text colour on accent-coloured buttons. */
    --_accent: var(--mrz-accent-color, #0b57d0);
    --_bg: var(--mrz-background, #fff);
    --_fg: var(--mrz-text-color, #1f1f1f);
    --_radius: var(--mrz-radius, 12px);
    --_space: var(--mrz-spacing, 16px);
    --_error: #b3261e;
    display: block;
    color: var(--_fg);
    font-family: var(--mrz-font-family, system-ui, sans-serif);
    line-height: 1.4;
  }
  :host([hidden]) {
    display: none;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--mrz-accent-color, #a8c7fa);
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
    border: 2px solid var(--_accent);
  }
  /* Every paragraph (title, help, status, camera hint) and the result list sit flush: the grid gap spaces them. */
  p,
  dl,
  dd {
    margin: 0;
  }
  .title {
    font-size: 1.15em;
    font-weight: 600;
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
    color: var(--_bg);
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
  }
  dd {
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
  /* The camera view (camera-view.ts). The shadow root has one <video> and one <svg>: short selectors suffice.
     The video letterboxes by itself (object-fit: contain is its UA default), as the guide overlay expects. */
  .camera {
    position: relative;
    aspect-ratio: 4/3;
    max-height: 70vh;
    overflow: hidden;
    background: #000;
    border-radius: calc(var(--_radius) * 0.75);
  }
  video,
  svg {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }
  .guide,
  .mrz {
    fill: none;
    stroke: #fff;
    stroke-width: 4;
    vector-effect: non-scaling-stroke;
  }
  .mrz {
    stroke: var(--_accent);
    stroke-width: 2;
    stroke-dasharray: 8 6;
  }
  .hint {
    position: absolute;
    inset: auto 0 0;
    padding: calc(var(--_space) / 2);
    color: #fff;
    text-align: center;
    background: #0000008c;
  }
`;
