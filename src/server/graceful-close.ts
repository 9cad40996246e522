/**
 * Closing a connection whose request body is still arriving, the way RFC 9112 §9.6 asks: answer,
 * half-close (send FIN after the answer), keep reading and discarding what the client still sends for
 * a bounded while, and only then close. Closing outright while unread bytes sit in the receive buffer
 * makes the kernel send a RST, and a RST can wipe the answer from the client's buffers before it is
 * read — the client sees "connection reset" instead of the 413.
 *
 * Portable part: keep reading the body stream and discard it. Node part (only when the app runs on
 * @hono/node-server and `env.incoming` is there): Node ends a `Connection: close` response with
 * `socket.destroySoon()`, which destroys right after the FIN; that is replaced by a half-close, and
 * the socket is destroyed once the body has been drained or the linger time is up.
 */

export interface LingerOptions {
  /** How long to keep discarding after answering. */
  readonly lingerMs: number;
  /** How much to discard at most before giving up on the client. */
  readonly maxDrainBytes: number;
}

export const DEFAULT_LINGER: LingerOptions = {
  lingerMs: 5_000,
  maxDrainBytes: 64 * 1024 * 1024,
};

interface NodeSocketLike {
  destroyed: boolean;
  writable: boolean;
  end(): void;
  destroy(): void;
  destroySoon?: () => void;
}

export function drainThenClose(
  env: unknown,
  body:
    ReadableStreamDefaultReader<Uint8Array> | ReadableStream<Uint8Array> | null,
  options: LingerOptions = DEFAULT_LINGER,
): void {
  const socket = (env as { incoming?: { socket?: NodeSocketLike } } | undefined)
    ?.incoming?.socket;
  let finish = (): void => {};
  if (socket && !socket.destroyed) {
    const destroySoon = socket.destroySoon;
    let drained = false;
    let ended = false;
    socket.destroySoon = function (this: NodeSocketLike) {
      ended = true;
      if (this.writable) this.end();
      if (drained) this.destroy();
    };
    const timer = setTimeout(() => socket.destroy(), options.lingerMs);
    (timer as { unref?: () => void }).unref?.();
    finish = () => {
      drained = true;
      clearTimeout(timer);
      if (destroySoon) socket.destroySoon = destroySoon;
      // The client has sent everything, so closing now cannot reset anything it still has to read.
      if (!ended) return;
      if (socket.destroySoon) socket.destroySoon();
      else socket.destroy();
    };
  }
  if (!body) {
    finish();
    return;
  }
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = "getReader" in body ? body.getReader() : body;
  } catch {
    finish();
    return;
  }
  void (async () => {
    let discarded = 0;
    const deadline = Date.now() + options.lingerMs;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        discarded += value.length;
        if (discarded > options.maxDrainBytes || Date.now() > deadline) {
          socket?.destroy();
          return;
        }
      }
    } catch {
      // The client went away; nothing left to drain.
    }
    finish();
  })();
}
