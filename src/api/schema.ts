import * as z from 'zod/mini';

// No JIT: it probes `new Function`, which a strict CSP with Trusted Types reports as a violation.
z.config({ jitless: true });

const optionalText = z.optional(z.nullable(z.string()));

/**
 * The documented answer of the MRZ backend (upstream and reference server alike). Only the fields the
 * element relies on are checked; anything else the backend adds is ignored.
 */
export const recognitionSchema = z.object({
  result: z.boolean(),
  mrz_string: optionalText,
  backend_session_id: optionalText,
  backend_session: optionalText,
  status: optionalText,
});

export type RecognitionBody = z.infer<typeof recognitionSchema>;
