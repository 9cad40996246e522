import * as z from 'zod/mini';

// Primitive schemas only: zod's JIT (which probes `new Function`, a violation under a strict CSP with Trusted
// Types) serves object schemas, so it never runs here and needs no `jitless` switch.
const flag = z.boolean();
const text = z.string();

/** The documented answer of the MRZ backend (upstream and reference server alike). */
export interface RecognitionBody {
  result: boolean;
  mrz_string?: string | null | undefined;
  backend_session_id?: string | null | undefined;
  backend_session?: string | null | undefined;
}

/**
 * Validates the answer field by field rather than with `z.object`: only the fields the element relies on
 * are checked (anything else the backend adds is ignored), and zod/mini's object schema alone would cost
 * ~1.1 KB gzip of the bundle.
 */
export function parseRecognition(json: unknown): RecognitionBody | null {
  // Object() boxes a primitive and turns null into {}: like an array, none of them has a boolean `result`.
  const body = Object(json) as Record<string, unknown>;
  if (!flag.safeParse(body.result).success) return null;
  for (const key of ['mrz_string', 'backend_session_id', 'backend_session', 'status']) {
    if (body[key] != null && !text.safeParse(body[key]).success) return null;
  }
  return body as unknown as RecognitionBody;
}
