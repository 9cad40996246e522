/**
 * The embedded recognizer behind the Recognizer interface, run in a small pool of worker threads.
 * Reading an MRZ is ~0.2–1.5 s of synchronous CPU work; on the main thread it would stall every
 * other request (health checks, 429s, other uploads) and could not be preempted by the time budget.
 * Here a job past its deadline, or whose client left, costs a `terminate()` and a fresh worker, so
 * a hostile image cannot pin a thread; a crashed worker is replaced and its job answered 500.
 * The queue is bounded so memory stays bounded under load: beyond it, 503 with Retry-After.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { HttpError } from "../http-error.js";
import type {
  RecognizeRequest,
  RecognizeResponse,
  Recognizer,
} from "../recognizer.js";
import type { JobMessage, WorkerMessage, WorkerOptions } from "./protocol.js";

export interface WorkerRecognizerOptions extends WorkerOptions {
  /** Worker threads; default min(2, availableParallelism()). */
  readonly threads: number;
  /** Jobs allowed to wait for a free thread; beyond that, 503. */
  readonly maxQueue: number;
  /** The worker's entry; default the one next to this module (source or dist). */
  readonly workerUrl?: URL;
}

export interface WorkerRecognizer extends Recognizer {
  readonly threads: number;
  /** Resolves with the first worker's startup self-check (false if it could not start). */
  readonly selfCheck: Promise<boolean>;
  /** Resolves once every initial worker has started (or the pool gave up on starting them). */
  readonly ready: Promise<void>;
  /** Why the workers could not start, once the pool has given up on them; else null. */
  readonly startError: Error | null;
  /** Workers started so far, replacements included (observable by tests and logs). */
  readonly workersStarted: number;
  /** Rejects waiting jobs with 503 and terminates every worker. */
  close(): Promise<void>;
}

/**
 * Where the worker entry is: run from source (tsx) it is the .ts file next to this one; in the
 * built dist/ this module is bundled into a chunk beside dist/recognizer-worker.js.
 */
export function workerEntry(): URL {
  const fromSource = import.meta.url.endsWith(".ts");
  // A computed name keeps bundlers from treating this as an asset or worker import.
  const file = `./recognizer-worker${fromSource ? ".ts" : ".js"}`;
  return new URL(file, import.meta.url);
}

/** True when this build ships the worker entry (a bundle of the app alone, e.g. Vite's config, does not). */
export function hasWorkerEntry(url = workerEntry()): boolean {
  return url.protocol === "file:" && existsSync(fileURLToPath(url));
}

interface Job {
  readonly id: number;
  readonly request: RecognizeRequest;
  readonly resolve: (answer: RecognizeResponse) => void;
  readonly reject: (error: unknown) => void;
  readonly onAbort: () => void;
  started?: number;
}

interface Slot {
  readonly worker: Worker;
  job: Job | null;
  ready: boolean;
  /** Set when the pool terminates it on purpose, so its exit is not taken for a crash. */
  retired: boolean;
}

/**
 * From source, the worker must load TypeScript. On Node 20 a worker's `--import tsx` comes too late
 * for its own entry file, so a small bootstrap registers tsx's loader first, then imports the entry.
 */
function startWorker(url: URL, workerData: WorkerOptions): Worker {
  const common = { workerData, name: "mrz-recognizer" };
  if (!url.pathname.endsWith(".ts")) return new Worker(url, common);
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { ...common, eval: true, execArgv: [] });
}

const STARTUP_FAILURES_BEFORE_GIVING_UP = 3;

export function createWorkerRecognizer(
  options: WorkerRecognizerOptions,
): WorkerRecognizer {
  const url = options.workerUrl ?? workerEntry();
  const workerData: WorkerOptions = {
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(options.maxPixels !== undefined && { maxPixels: options.maxPixels }),
  };
  const threads = Math.max(1, Math.floor(options.threads));
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let started = 0;
  let failedStarts = 0;
  let broken: string | null = null;
  let lastError: Error | null = null;
  let closing = false;
  let averageMs = 500;
  let firstCheck: ((ok: boolean) => void) | null = null;
  const selfCheck = new Promise<boolean>((resolve) => (firstCheck = resolve));
  let startedUp = 0;
  let allUp: (() => void) | null = null;
  const ready = new Promise<void>((resolve) => (allUp = resolve));

  const settle = (job: Job) =>
    job.request.signal.removeEventListener("abort", job.onAbort);

  const spawn = (): Slot => {
    started++;
    const worker = startWorker(url, workerData);
    const slot: Slot = { worker, job: null, ready: false, retired: false };
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "ready") {
        slot.ready = true;
        // An idle worker must not keep the process alive; a starting one, or one with a job, does.
        if (!slot.job) worker.unref();
        failedStarts = 0;
        firstCheck?.(m.selfCheck);
        firstCheck = null;
        if (++startedUp >= threads) allUp?.();
        pump();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      slot.job = null;
      worker.unref();
      settle(job);
      if (job.started !== undefined)
        averageMs = 0.8 * averageMs + 0.2 * (performance.now() - job.started);
      job.resolve({ status: m.status, body: m.body });
      pump();
    });
    // An 'error' is followed by 'exit'; the exit handler answers the job and replaces the worker.
    worker.on("error", (e) => {
      lastError = e instanceof Error ? e : new Error(String(e));
    });
    worker.on("exit", () => {
      const index = slots.indexOf(slot);
      if (slot.retired || index < 0) return;
      const job = slot.job;
      slot.job = null;
      if (job) {
        settle(job);
        job.reject(
          new HttpError(500, "The recognizer crashed while reading this image"),
        );
      }
      if (!slot.ready && ++failedStarts >= STARTUP_FAILURES_BEFORE_GIVING_UP) {
        broken = "The embedded recognizer could not start";
        slots.splice(index, 1);
        firstCheck?.(false);
        firstCheck = null;
        allUp?.();
        for (const waiting of queue.splice(0)) {
          settle(waiting);
          waiting.reject(new HttpError(503, broken));
        }
        return;
      }
      if (closing) slots.splice(index, 1);
      else slots[index] = spawn();
      pump();
    });
    return slot;
  };

  const pump = () => {
    for (const slot of slots) {
      // Jobs wait for a worker that has started: aborting one sent to a starting worker would kill
      // the start-up too, and under a short budget no replacement would ever come up.
      if (slot.job || slot.retired || !slot.ready) continue;
      const job = queue.shift();
      if (!job) return;
      run(slot, job);
    }
  };

  const run = (slot: Slot, job: Job) => {
    slot.job = job;
    slot.worker.ref();
    job.started = performance.now();
    const { image } = job.request;
    // Hand over the upload's own buffer (the app does not touch it afterwards): no copy.
    let buffer = image.buffer as ArrayBuffer;
    let byteOffset = image.byteOffset;
    if (!(buffer instanceof ArrayBuffer)) {
      buffer = image.slice().buffer;
      byteOffset = 0;
    }
    const message: JobMessage = {
      id: job.id,
      buffer,
      byteOffset,
      byteLength: image.byteLength,
      mediaType: job.request.mediaType,
      ...(job.request.fileName !== undefined && {
        fileName: job.request.fileName,
      }),
      requestId: job.request.requestId,
    };
    try {
      slot.worker.postMessage(message, [buffer]);
    } catch {
      // Not transferable (e.g. a slice of Node's shared Buffer pool): send a copy instead.
      const copy = image.slice();
      slot.worker.postMessage(
        { ...message, buffer: copy.buffer, byteOffset: 0 },
        [copy.buffer],
      );
    }
  };

  /** Stops a running job's worker at once and puts a fresh one in its place. */
  const replace = (slot: Slot) => {
    const index = slots.indexOf(slot);
    slot.retired = true;
    void slot.worker.terminate();
    if (index >= 0) {
      if (closing) slots.splice(index, 1);
      else slots[index] = spawn();
    }
    pump();
  };

  for (let i = 0; i < threads; i++) slots.push(spawn());

  return {
    name: "local",
    threads,
    selfCheck,
    ready,
    get startError() {
      return broken ? (lastError ?? new Error(broken)) : null;
    },
    get workersStarted() {
      return started;
    },
    recognize(request) {
      const { signal } = request;
      if (signal.aborted) return Promise.reject(signal.reason);
      if (broken) return Promise.reject(new HttpError(503, broken));
      if (closing)
        return Promise.reject(
          new HttpError(503, "The server is shutting down", {
            "Retry-After": "1",
          }),
        );
      const idle = slots.some((s) => s.ready && !s.job);
      if (!idle && queue.length >= options.maxQueue) {
        const wait = Math.ceil(
          (((queue.length + threads) / threads) * averageMs) / 1000,
        );
        return Promise.reject(
          new HttpError(
            503,
            "The recognizer is busy; try again shortly",
            { "Retry-After": String(Math.max(1, wait)) },
          ),
        );
      }
      return new Promise<RecognizeResponse>((resolve, reject) => {
        const job: Job = {
          id: nextId++,
          request,
          resolve,
          reject,
          onAbort: () => {
            settle(job);
            const waiting = queue.indexOf(job);
            if (waiting >= 0) queue.splice(waiting, 1);
            const slot = slots.find((s) => s.job === job);
            if (slot) {
              slot.job = null;
              replace(slot);
            }
            reject(signal.reason);
          },
        };
        signal.addEventListener("abort", job.onAbort, { once: true });
        queue.push(job);
        pump();
      });
    },
    async close() {
      closing = true;
      for (const waiting of queue.splice(0)) {
        settle(waiting);
        waiting.reject(new HttpError(503, "The server is shutting down"));
      }
      const all = slots.splice(0);
      for (const slot of all) {
        slot.retired = true;
        if (slot.job) {
          settle(slot.job);
          slot.job.reject(new HttpError(503, "The server is shutting down"));
          slot.job = null;
        }
      }
      allUp?.();
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
