import type { Recognizer } from "./recognizer.js";

/** Stands in when nothing can recognise: the server still runs and says why it cannot help. */
export function unavailableRecognizer(
  detail = "No recognizer configured: set MRZ_API_KEY",
): Recognizer {
  return {
    name: "none",
    recognize: () => Promise.resolve({ status: 503, body: { detail } }),
  };
}
