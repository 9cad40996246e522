import { serve } from "@hono/node-server";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createMrzServer } from "./app.js";
import {
  appOptions,
  configFromEnv,
  type Environment,
  type ServerConfig,
} from "./config.js";
import type { Recognizer } from "./recognizer.js";
import { redactText } from "./redact.js";
import { resolveRecognizer } from "./resolve-recognizer.js";

export interface RunningServer {
  readonly url: string;
  readonly server: Server;
  readonly config: ServerConfig;
  readonly recognizer: Recognizer;
  /**
   * Stops accepting connections, lets in-flight requests finish for up to `graceMs`
   * (default MRZ_SHUTDOWN_MS, 10 s), then drops whatever is left.
   */
  close(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  /** Where log lines go; default stdout. */
  readonly log?: (line: string) => void;
}

/**
 * Starts the backend on Node from environment variables (the CLI's engine; also for a dev server
 * or a test to embed). Writes one startup line saying where it listens and which recognizer answers.
 */
export async function startServer(
  env: Environment = process.env,
  options: StartOptions = {},
): Promise<RunningServer> {
  const config = configFromEnv(env);
  const { recognizer, note } = await resolveRecognizer(config, { env });
  const write = options.log ?? ((line: string) => console.log(line));
  const app = createMrzServer(appOptions(config, recognizer, write));

  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({
      fetch: app.fetch,
      port: config.port,
      hostname: config.host,
    }) as Server;
    s.once("error", reject);
    s.once("listening", () => {
      s.off("error", reject);
      resolve(s);
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  write(
    redactText(
      JSON.stringify({
        time: new Date().toISOString(),
        msg: "mrz-scanner-server listening",
        url,
        recognizer: recognizer.name,
        note,
        maxBytes: config.maxBytes,
        timeoutMs: config.timeoutMs,
        rateLimit: config.rateLimit
          ? `${config.rateLimit.limit}/${config.rateLimit.windowMs / 1000}s`
          : "off",
        allowedOrigins: config.allowedOrigins,
        trustProxy: config.trustProxy,
      }),
      config.apiKey,
    ),
  );

  let closing: Promise<void> | undefined;
  const close = (graceMs = config.shutdownMs) =>
    (closing ??= new Promise<void>((resolve) => {
      const done = () => {
        clearInterval(sweep);
        clearTimeout(deadline);
        // A worker pool's threads go with the server, so an embedding process can exit.
        void Promise.resolve(
          (recognizer as { close?(): Promise<void> }).close?.(),
        ).finally(resolve);
      };
      // Stop accepting; idle keep-alive connections go now, busy ones as soon as their answer is out.
      server.close(done);
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
    }));

  return { url, server, config, recognizer, close };
}
