// Compile-time check (run by `npm run lint` → tsc), not a runtime test: what an integrator's TypeScript sees
// through the public entry. If an augmentation or an event's detail type regresses, `tsc` fails here.
import type { MrzErrorCode, MrzScannerElement } from '../src/index.js';

export function integratorCode(): void {
  const el = document.querySelector('mrz-scanner');
  const scanner: MrzScannerElement | null = el; // HTMLElementTagNameMap['mrz-scanner']
  scanner?.addEventListener('mrz-result', (e) => {
    const number: string | null = e.detail.fields.documentNumber;
    const valid: true = e.detail.valid;
    const session: string | null = e.detail.sessionId;
    const total: number = e.detail.timings.total;
    void [number, valid, session, total];
  });
  scanner?.addEventListener('mrz-error', (e) => {
    const code: MrzErrorCode = e.detail.code;
    const retry: boolean = e.detail.retryable;
    const status: number | undefined = e.detail.status;
    void [code, retry, status, e.detail.result?.lines];
  });
  // Bubbling + composed: listeners higher up are typed too.
  document.addEventListener('mrz-capture', (e) => {
    const source: 'file' | 'camera' | 'paste' | 'drop' = e.detail.source;
    void [source, e.detail.image.size, e.preventDefault()];
  });
  // @ts-expect-error not an error code
  const wrong: MrzErrorCode = 'no-such-code';
  void wrong;
}
