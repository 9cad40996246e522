import { MrzScannerElement } from './mrz-scanner.js';

export { MrzScannerElement };

// A widget script is often included twice, and server rendering has no registry at all.
if (typeof customElements !== 'undefined' && !customElements.get('mrz-scanner')) {
  customElements.define('mrz-scanner', MrzScannerElement);
}
