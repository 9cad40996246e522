/**
 * A stand-in recognizer worker for the pool's crash path (no real image makes the reader crash):
 * speaks the pool's protocol, dies on the job whose request id is "crash", and otherwise answers
 * with the byte count it received (to show the image arrived whole).
 */
import { parentPort } from "node:worker_threads";
import type { JobMessage } from "../../src/server/local-pool/protocol.js";

const port = parentPort!;
port.postMessage({ type: "ready", selfCheck: true });
port.on("message", (job: JobMessage) => {
  if (job.requestId === "crash")
    setImmediate(() => {
      throw new Error("simulated reader crash");
    });
  else
    port.postMessage({
      type: "done",
      id: job.id,
      status: 200,
      body: { bytes: job.byteLength },
    });
});
