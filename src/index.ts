/**
 * Public entry. Defines <mrz-scanner> where there is a custom-element registry (never twice: a widget
 * script is often included twice), and stays importable without a DOM (server rendering, Node): the two
 * spots where Lit's browser build touches `document` and `HTMLElement` as it loads are guarded at build
 * time (litWithoutDom in vite.config.ts), which spares the lazy `import()` and its per-module wrappers.
 */
import { MrzScannerElement } from './mrz-scanner.js';

if (typeof customElements !== 'undefined' && !customElements.get('mrz-scanner')) {
  customElements.define('mrz-scanner', MrzScannerElement);
}

export { MrzScannerElement };
export type { ScanState } from './controllers/upload-controller.js';
export {
  MrzCaptureEvent,
  MrzErrorEvent,
  MrzResultEvent,
  isRetryable,
  type MrzCaptureDetail,
  type MrzCaptureSource,
  type MrzErrorCode,
  type MrzErrorDetail,
  type MrzResultDetail,
  type MrzTimings,
} from './events.js';
export type { Messages, MessageKey, Locale } from './i18n/index.js';
export type { MrzChecks, MrzFieldDetail, MrzFields, MrzFormat, MrzParseResult } from './mrz/types.js';
