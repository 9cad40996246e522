import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

export interface Cli {
  readonly child: ChildProcess;
  readonly stdout: string[];
  readonly stderr: string[];
  /** The startup line, parsed. */
  readonly started: Record<string, unknown>;
  readonly url: string;
  exited(): Promise<number | null>;
  /** Kills the process (if it still runs) and waits for its exit. */
  stop(): Promise<void>;
}

/** The CLI as users run it (`src/server/cli.ts` through tsx): a separate Node process, configured by environment only. */
export async function startCli(env: Record<string, string>): Promise<Cli> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/server/cli.ts"],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", PORT: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exit = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => resolve(code)),
  );
  const collect = (
    into: string[],
    stream: NodeJS.ReadableStream,
    onLine?: (l: string) => void,
  ) => {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (d: string) => {
      const lines = (rest + d).split("\n");
      rest = lines.pop() ?? "";
      for (const l of lines) {
        into.push(l);
        onLine?.(l);
      }
    });
  };
  const started = await new Promise<Record<string, unknown>>(
    (resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`CLI did not start: ${stderr.join("\n")}`)),
        20_000,
      );
      collect(stdout, child.stdout!, (l) => {
        const entry = JSON.parse(l) as Record<string, unknown>;
        if (entry.msg === "mrz-scanner-server listening") {
          clearTimeout(timer);
          resolve(entry);
        }
      });
      collect(stderr, child.stderr!);
      void exit.then((code) => {
        clearTimeout(timer);
        reject(Object.assign(new Error(`CLI exited with ${code}`), { code }));
      });
    },
  );
  return {
    child,
    stdout,
    stderr,
    started,
    url: String(started.url),
    exited: () => exit,
    async stop() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exit;
    },
  };
}
