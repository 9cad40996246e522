/** Messages between the pool (main thread) and a recognizer worker. Structured-clone friendly. */
export interface JobMessage {
  readonly id: number;
  /** The upload's whole buffer, transferred (not copied); the image is the view below inside it. */
  readonly buffer: ArrayBuffer;
  readonly byteOffset: number;
  readonly byteLength: number;
  readonly mediaType: string;
  readonly fileName?: string;
  readonly requestId: string;
}

export type WorkerMessage =
  | { readonly type: "ready"; readonly selfCheck: boolean }
  | {
      readonly type: "done";
      readonly id: number;
      readonly status: number;
      readonly body: Record<string, unknown>;
    };

export interface WorkerOptions {
  /** Per-image cooperative budget inside the worker (the local recognizer's own `timeoutMs`). */
  readonly timeoutMs?: number;
  readonly maxPixels?: number;
}
