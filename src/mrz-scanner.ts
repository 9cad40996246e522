import { LitElement, html, css } from 'lit';
import { property } from 'lit/decorators.js';

/**
 * Reads the Machine Readable Zone of an identity document.
 *
 * @summary Placeholder until the element lands: renders its shell in an open shadow root.
 */
export class MrzScannerElement extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  /** URL of the backend that recognises the MRZ. */
  @property() endpoint = '';

  override render() {
    return html`<div part="base"><slot name="title">MRZ scanner</slot></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mrz-scanner': MrzScannerElement;
  }
}
