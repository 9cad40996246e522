/**
 * A stand-in for the recognition service, as a real HTTP server on loopback, answering as its
 * documentation (../shared/seed/upstream-mrz-api.txt) says. What it answers is chosen by the image
 * itself: the bytes after the magic number may carry `SCENARIO=<name>;`, so concurrent requests in one
 * test do not interfere and nothing needs to reach the fake beside the real request.
 *
 * It parses the multipart body its own simple way (whole body in memory, split at the boundary),
 * independently of the server's streaming parser, and records what it received for the tests to inspect.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Synthetic: the real keys are 47+ characters, so is this one. */
export const FAKE_API_KEY =
  "fake-org-key-0123456789abcdefghijklmnopqrstuvwxyzABCD";

export const UPSTREAM_400_MESSAGES = {
  "not-started": "Subscription has not started",
  "no-subscription-for-technology":
    "No active or future subscription for technology",
  "no-subscription": "Client does not have subscription",
  "no-access": "Client does not have access to MRZ technology",
  "max-attempts": "MRZ max attempts exceeded",
} as const;

export const SUCCESS_BODY = {
  backend_session_id: "00000000-0000-0000-0000-000000000000",
  status: "RECEIVED",
  result: true,
  mrz_string:
    "IDKGZ0000000000<<<<<<<<<<<<<<<\n0000000M0000000KGZ<<<<<<<<<<<0\nTEST<<SAMPLE<<<<<<<<<<<<<<<<<<",
  failure_reason: null,
};

export interface ReceivedRequest {
  readonly apiKey: string | null;
  readonly image: Uint8Array | null;
  readonly imageType: string | null;
  readonly fields: string[];
  readonly headers: IncomingMessage["headers"];
}

export interface FakeUpstream {
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** Requests currently being answered (a hang counts until its connection closes). */
  inFlight(): number;
  close(): Promise<void>;
}

export async function startFakeUpstream(
  apiKey = FAKE_API_KEY,
): Promise<FakeUpstream> {
  const received: ReceivedRequest[] = [];
  let inFlight = 0;
  const server: Server = createServer(async (req, res) => {
    inFlight++;
    res.on("close", () => inFlight--);
    const send = (status: number, body: string, type = "application/json") => {
      res.writeHead(status, {
        "Content-Type": type,
        "Content-Length": Buffer.byteLength(body),
      });
      res.end(body);
    };
    let form: Map<string, { data: Buffer; fileName?: string; type?: string }>;
    try {
      form = parseForm(req.headers["content-type"], await readAll(req));
    } catch {
      return send(400, JSON.stringify({ detail: "Bad form data" }));
    }
    const image = form.get("image");
    const bytes =
      image?.fileName !== undefined ? new Uint8Array(image.data) : null;
    const key = form.get("api_key")?.data.toString("utf8") ?? null;
    received.push({
      apiKey: key,
      image: bytes,
      imageType: image?.type ?? null,
      fields: [...form.keys()],
      headers: req.headers,
    });
    if (key !== apiKey)
      return send(403, JSON.stringify({ detail: "Invalid API key" }));
    if (!bytes)
      return send(
        400,
        JSON.stringify({ detail: "image: This field is required." }),
      );

    const scenario = scenarioOf(bytes);
    if (scenario in UPSTREAM_400_MESSAGES) {
      return send(
        400,
        JSON.stringify({
          detail:
            UPSTREAM_400_MESSAGES[
              scenario as keyof typeof UPSTREAM_400_MESSAGES
            ],
        }),
      );
    }
    const slow = /^slow-(\d+)$/.exec(scenario);
    switch (true) {
      case scenario === "parse-error":
        return send(422, JSON.stringify({ detail: "Error while parsing MRZ" }));
      case scenario === "unavailable":
        return send(
          503,
          JSON.stringify({ detail: "MRZ service not available now" }),
        );
      case scenario === "hang":
        return; // never answers; the connection stays open until the client gives up
      case scenario === "garbage":
        return send(200, "<html><body>Welcome</body></html>", "text/html");
      case scenario === "array":
        return send(200, JSON.stringify([SUCCESS_BODY]));
      case scenario === "echo-key":
        // A misbehaving upstream that reflects the key: it must never reach the client.
        return send(
          400,
          JSON.stringify({
            detail: `Invalid request for api_key=${apiKey}`,
            [apiKey]: { key: apiKey },
          }),
        );
      case slow !== null:
        return setTimeout(
          () => send(200, JSON.stringify(SUCCESS_BODY)),
          Number(slow?.[1]),
        );
      default:
        return send(200, JSON.stringify(SUCCESS_BODY));
    }
  });
  // Like a real front server (nginx: 75 s), much longer than undici's 4 s client-side keep-alive, so
  // that even a client whose timers run late under load never reuses a connection being closed.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1/backend/mrz/retrieve/`,
    received,
    inFlight: () => inFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A JPEG by its magic bytes, `size` bytes long, carrying a scenario for the fake and pseudo-random filler. */
export function jpegLike(size: number, scenario = "ok", seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  out.set([0xff, 0xd8, 0xff, 0xe0]);
  out.set(new TextEncoder().encode(`SCENARIO=${scenario};`), 4);
  return out;
}

function scenarioOf(bytes: Uint8Array): string {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 64));
  return /SCENARIO=([\w-]+);/.exec(head)?.[1] ?? "ok";
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Fields by name (a repeated name would show up as a duplicate in `fields`, so keep a list too). */
function parseForm(contentType: string | undefined, body: Buffer) {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b || !/^multipart\/form-data/i.test(contentType ?? ""))
    throw new Error("not multipart");
  const delimiter = Buffer.from(`--${b}`);
  const form = new Map<
    string,
    { data: Buffer; fileName?: string; type?: string }
  >();
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error("no boundary");
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === "--") return form;
    const headerEnd = body.indexOf("\r\n\r\n", at);
    const next = body.indexOf(Buffer.from(`\r\n--${b}`), headerEnd);
    if (headerEnd < 0 || next < 0) throw new Error("truncated");
    const headers = body.subarray(at, headerEnd).toString("utf8");
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    const fileName = /filename="([^"]*)"/.exec(headers)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
    if (name === undefined) throw new Error("nameless part");
    if (form.has(name)) form.set(`${name}#${form.size}`, form.get(name)!);
    form.set(name, {
      data: body.subarray(headerEnd + 4, next),
      ...(fileName !== undefined && { fileName }),
      ...(type !== undefined && { type }),
    });
    at = next + 2;
  }
}
