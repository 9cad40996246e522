/** The reference backend: `createMrzServer()` is a web-standard fetch handler (Hono app). */
export {
  createMrzServer,
  DEFAULT_MAX_BYTES,
  DEFAULT_RATE_LIMIT,
  DEFAULT_TIMEOUT_MS,
  type MrzServerOptions,
} from "./app.js";
export { BadGatewayError, HttpError } from "./http-error.js";
export {
  MemoryRateLimitStore,
  parseRateLimit,
  type RateLimitOptions,
  type RateLimitStore,
} from "./rate-limit.js";
export type {
  RecognizeRequest,
  RecognizeResponse,
  Recognizer,
} from "./recognizer.js";
export { unavailableRecognizer } from "./unavailable-recognizer.js";
export {
  DEFAULT_UPSTREAM_URL,
  UpstreamRecognizer,
  type UpstreamRecognizerOptions,
} from "./upstream-recognizer.js";
