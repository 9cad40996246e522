import { getRequestListener } from "@hono/node-server";
import { loadEnv, type Plugin } from "vite";
import { createMrzServer } from "./app.js";
import { appOptions, configFromEnv, type Environment } from "./config.js";
import { resolveRecognizer } from "./resolve-recognizer.js";

export interface MrzServerPluginOptions {
  /** Settings instead of MRZ_* from the environment and .env files. */
  readonly env?: Environment;
  /** Request paths the backend answers; everything else stays Vite's. */
  readonly prefixes?: readonly string[];
}

/**
 * Mounts the reference backend inside Vite's dev server, so the demo page talks to the real backend
 * code on the same origin (no proxy, no CORS). Settings are the CLI's (MRZ_API_KEY, MRZ_RECOGNIZER,
 * …), read from the environment and from .env files; PORT and HOST are Vite's business here.
 */
export function mrzServerPlugin(options: MrzServerPluginOptions = {}): Plugin {
  const prefixes = options.prefixes ?? ["/api/", "/healthz", "/openapi.json"];
  return {
    name: "mrz-scanner-server",
    apply: "serve",
    async configureServer(server) {
      const envDir =
        typeof server.config.envDir === "string"
          ? server.config.envDir
          : server.config.root;
      const env = options.env ?? {
        ...loadEnv(server.config.mode, envDir, "MRZ_"),
        ...process.env,
      };
      const config = configFromEnv(env);
      const { recognizer, note } = await resolveRecognizer(config, { env });
      // Vite restarts the dev server on config changes: the old recognizer's threads go with it.
      server.httpServer?.once("close", () => {
        void (recognizer as { close?(): Promise<void> }).close?.();
      });
      const app = createMrzServer(
        appOptions(config, recognizer, (line) =>
          server.config.logger.info(line, { timestamp: false }),
        ),
      );
      // Leave Vite's own globals alone: the app works with the adapter's Request as well.
      const listener = getRequestListener(app.fetch, {
        overrideGlobalObjects: false,
      });
      server.config.logger.info(
        `  mrz-scanner backend mounted: recognizer "${recognizer.name}" — ${note}`,
      );
      // Added directly (not from a returned function), so it runs before Vite's HTML fallback.
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? "").split("?")[0] ?? "";
        if (
          prefixes.some((p) =>
            p.endsWith("/") ? path.startsWith(p) : path === p,
          )
        )
          void listener(req, res);
        else next();
      });
    },
  };
}
