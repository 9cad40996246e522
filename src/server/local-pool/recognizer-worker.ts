/**
 * A worker thread that runs the embedded recognizer, so its long synchronous CPU work never blocks
 * the server's event loop. Built as its own entry (dist/recognizer-worker.js) next to the server.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createLocalRecognizer } from "../local/index.js";
import type { JobMessage, WorkerMessage, WorkerOptions } from "./protocol.js";

const port = parentPort;
if (!port) throw new Error("recognizer-worker.js runs only as a worker thread");

const recognizer = createLocalRecognizer((workerData ?? {}) as WorkerOptions);
const send = (message: WorkerMessage) => port.postMessage(message);

void recognizer.selfCheck.then((ok) => send({ type: "ready", selfCheck: ok }));

// The pool cancels a job by terminating this thread, so the signal here never fires.
const never = new AbortController().signal;

port.on("message", (job: JobMessage) => {
  void recognizer
    .recognize({
      image: new Uint8Array(job.buffer, job.byteOffset, job.byteLength),
      mediaType: job.mediaType,
      ...(job.fileName !== undefined && { fileName: job.fileName }),
      signal: never,
      requestId: job.requestId,
    })
    .then(({ status, body }) => send({ type: "done", id: job.id, status, body }));
});
