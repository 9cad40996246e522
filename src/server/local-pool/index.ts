/** The embedded recognizer off the main thread: a worker-thread pool behind the Recognizer interface. */
export {
  createWorkerRecognizer,
  hasWorkerEntry,
  workerEntry,
  type WorkerRecognizer,
  type WorkerRecognizerOptions,
} from "./pool.js";
export { recognizerThreads, recognizerQueue } from "./settings.js";
