/** The image cannot be used: the message is safe to show to a client. */
export class ImageError extends Error {
  constructor(message: string, readonly status: 413 | 415 | 422 = 422) {
    super(message);
    this.name = 'ImageError';
  }
}

/** The time budget ran out or the caller went away. */
export class ReadAborted extends Error {
  constructor(message = 'recognition aborted') {
    super(message);
    this.name = 'ReadAborted';
  }
}

/** A cooperative deadline, checked inside the reader's loops. */
export interface Budget {
  check(): void;
}

export function budget(deadline: number, signal?: AbortSignal): Budget {
  return {
    check() {
      if (signal?.aborted) throw new ReadAborted('request aborted');
      if (Date.now() > deadline) throw new ReadAborted('time budget exceeded');
    },
  };
}

export const NO_BUDGET: Budget = { check() {} };
