import { serve } from "@hono/node-server";
import {
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from "node:http";
import { connect, type AddressInfo } from "node:net";
import {
  createMrzServer,
  type MrzServerOptions,
} from "../../src/server/index.js";

export interface TestServer {
  readonly url: string;
  readonly logs: string[];
  close(): Promise<void>;
}

/** The app on a real loopback socket, in this process, with its log lines captured. */
export async function startTestServer(
  options: MrzServerOptions,
): Promise<TestServer> {
  const logs: string[] = [];
  const app = createMrzServer({
    logger: (line) => logs.push(line),
    ...options,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(s as Server),
    ) as Server;
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    logs,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface UploadOptions {
  readonly image?: Uint8Array | null;
  readonly fileName?: string;
  readonly claimedType?: string;
  readonly fields?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
}

/** POST /api/mrz the way a browser's FormData upload does. */
export async function upload(
  baseUrl: string,
  options: UploadOptions = {},
): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(options.fields ?? {})) form.append(k, v);
  if (options.image) {
    form.append(
      "image",
      new Blob([options.image as Uint8Array<ArrayBuffer>], {
        type: options.claimedType ?? "image/jpeg",
      }),
      options.fileName ?? "card.jpg",
    );
  }
  return fetch(`${baseUrl}/api/mrz`, {
    method: "POST",
    body: form,
    headers: options.headers ?? {},
    ...(options.signal && { signal: options.signal }),
  });
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Bytes of the request body the client managed to write before it got the answer. */
  readonly bytesSent: number;
}

/**
 * A chunked upload (no Content-Length) that keeps sending until it has sent `total` bytes or the
 * server answers — the case where the 413 has to reach a client that is still writing.
 */
export function streamingUpload(
  baseUrl: string,
  total: number,
  chunk = 64 * 1024,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const boundary = "streaming-test-boundary";
    const req = httpRequest(`${baseUrl}/api/mrz`, {
      method: "POST",
      headers: {
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        "Transfer-Encoding": "chunked",
      },
    });
    let sent = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          bytesSent: sent,
        });
        req.destroy();
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="big.jpg"\r\n` +
        `Content-Type: image/jpeg\r\n\r\n`,
    );
    const filler = Buffer.alloc(chunk, 0x5a);
    filler.set([0xff, 0xd8, 0xff, 0xe0]);
    req.write(head);
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk;
        if (!req.write(filler)) return void req.once("drain", pump);
      }
      if (!answered) req.end(`\r\n--${boundary}--\r\n`);
    };
    pump();
  });
}

export function jsonLines(logs: readonly string[]): Record<string, unknown>[] {
  return logs.map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * A raw-socket client that writes its whole body at its own pace before it looks at the answer, as
 * many HTTP/1.1 libraries do (e.g. Python's requests). Such a client only gets to read the 413 if the
 * server keeps reading while it writes; a server that closes under it makes its writes fail
 * (EPIPE/ECONNRESET) and it never sees the answer.
 */
export function naiveUpload(
  baseUrl: string,
  declared: number,
  options: { chunk: number; intervalMs: number; chunked?: boolean },
): Promise<{ response: string; writeError: string | null }> {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(baseUrl);
    const socket = connect({
      port: Number(port),
      host: hostname,
      allowHalfOpen: true,
    });
    let writeError: string | null = null;
    let response = "";
    socket.setEncoding("latin1");
    socket.on("data", (d: string) => (response += d));
    socket.on(
      "error",
      (e: NodeJS.ErrnoException) => (writeError ??= e.code ?? e.message),
    );
    socket.on("close", () => resolve({ response, writeError }));
    socket.write(
      `POST /api/mrz HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
        `Content-Type: multipart/form-data; boundary=naive\r\n` +
        (options.chunked
          ? "Transfer-Encoding: chunked\r\n\r\n"
          : `Content-Length: ${declared}\r\n\r\n`),
    );
    // A JPEG part, so that only the size is wrong with it.
    const head = Buffer.from(
      '--naive\r\nContent-Disposition: form-data; name="image"; filename="a.jpg"\r\n\r\n\xff\xd8\xff',
      "latin1",
    );
    const frame = (b: Buffer) =>
      options.chunked
        ? Buffer.concat([
            Buffer.from(`${b.length.toString(16)}\r\n`),
            b,
            Buffer.from("\r\n"),
          ])
        : b;
    socket.write(frame(head));
    const chunk = Buffer.alloc(options.chunk, 0x5a);
    let sent = options.chunked ? 0 : head.length;
    const tick = () => {
      if (writeError || socket.destroyed) return;
      const n = Math.min(options.chunk, declared - sent);
      sent += n;
      socket.write(frame(chunk.subarray(0, n)));
      if (sent >= declared && options.chunked) socket.write("0\r\n\r\n");
      if (sent < declared) setTimeout(tick, options.intervalMs);
      // Done writing: now read the answer, then hang up.
      else setTimeout(() => socket.end(), 50);
    };
    tick();
  });
}
