/**
 * Public entry. Defines <mrz-scanner> where there is a custom-element registry (never twice: a widget
 * script is often included twice), and stays importable without a DOM (server rendering, Node): Lit's
 * browser build touches `HTMLElement` and `document` as it loads, so the element module is only evaluated
 * once a registry exists. The bundler inlines it, so this stays one file.
 */
if (typeof customElements !== 'undefined') {
  void import('./mrz-scanner.js').then(({ MrzScannerElement }) => {
    if (!customElements.get('mrz-scanner')) customElements.define('mrz-scanner', MrzScannerElement);
  });
}

export type { MrzScannerElement } from './mrz-scanner.js';
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
