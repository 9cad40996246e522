/**
 * Load benchmark of the reference backend: 200 concurrent 300 KB uploads through the server (a
 * separate process, so its memory is its own) to the fake upstream, all on loopback.
 *
 * Prints throughput, p50/p99 latency through the server and straight to the fake upstream (the
 * difference is what the server adds), errors, and the server's RSS before, during (peak, per
 * round) and after the load. Several rounds of the same load: memory that stays flat across them
 * means nothing piles up per request.
 *
 *   npm run bench:server     (BENCH_REQUESTS=600 per round, BENCH_ROUNDS=3, BENCH_TIMEOUT_S=120)
 */
import { spawn } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { FAKE_API_KEY, jpegLike } from "../test/server/fake-upstream.js";

interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
}
interface Result {
  requests: Histogram & { total: number };
  latency: Histogram;
  throughput: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<Result>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const CONNECTIONS = 200;
const IMAGE_BYTES = 300 * 1024;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 600);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/**
 * Per-request patience of the load generator and of the server towards the fake upstream. Generous:
 * on a machine shared with other work a queue of 200 uploads can take long, and a client giving up
 * is not the server failing; a request that never completes still shows up as an error.
 */
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 120);
const root = fileURLToPath(new URL("../", import.meta.url));

function multipart(fields: [string, Uint8Array | string, string?][]): {
  body: Buffer;
  type: string;
} {
  const boundary = "----bench-boundary-7d1f";
  const parts: Buffer[] = [];
  for (const [name, value, fileName] of fields) {
    const disposition = `form-data; name="${name}"${fileName ? `; filename="${fileName}"` : ""}`;
    const type = fileName ? "Content-Type: image/jpeg\r\n" : "";
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`,
      ),
    );
    parts.push(Buffer.from(value));
    parts.push(Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    body: Buffer.concat(parts),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

function rssOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") * 1024, hwm: kb("VmHWM") * 1024 };
}

/** CPU seconds the process has used (user + system), from /proc/<pid>/stat. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
    .split(") ")[1]!
    .split(" ");
  // utime and stime are fields 14 and 15 of stat, i.e. 12 and 13 after "pid (comm) ".
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function load(url: string, body: Buffer, type: string): Promise<Result> {
  return autocannon({
    url,
    method: "POST",
    connections: CONNECTIONS,
    amount: REQUESTS,
    timeout: TIMEOUT_S,
    headers: { "content-type": type },
    body,
  });
}

function line(label: string, r: Result): string {
  return (
    `${label.padEnd(28)} ${String(r.requests.total).padStart(5)} req  ${r.requests.average.toFixed(0).padStart(4)} req/s  ` +
    `p50 ${ms(r.latency.p50).padStart(9)}  p99 ${ms(r.latency.p99).padStart(9)}  ` +
    `errors ${r.errors + r.timeouts}  non-2xx ${r.non2xx}`
  );
}

/** Starts a child process and resolves with the first `"url":"…"` it prints. */
function child(args: string[], env: Record<string, string>, log?: string) {
  const proc = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  if (log) proc.stdout!.pipe(createWriteStream(log));
  const url = new Promise<string>((resolve, reject) => {
    let buffered = "";
    proc.stdout!.setEncoding("utf8");
    proc.stdout!.on("data", (d: string) => {
      if (buffered.length > 10_000) return;
      buffered += d;
      const m = /"url":"([^"]+)"/.exec(buffered);
      if (m?.[1]) resolve(m[1]);
    });
    proc.on("exit", (code) =>
      reject(new Error(`${args.join(" ")} exited with ${code}`)),
    );
  });
  return { proc, url };
}

// The fake upstream gets a process of its own too, so that this one only generates load.
const fake = child(
  [
    "--import",
    "tsx",
    "--input-type=module",
    "-e",
    `import { startFakeUpstream } from './test/server/fake-upstream.ts';
     const f = await startFakeUpstream();
     console.log(JSON.stringify({ url: f.url }));
     process.on('SIGTERM', () => f.close().then(() => process.exit(0)));`,
  ],
  {},
);
const fakeUrl = await fake.url;
// BENCH_LOG=file keeps the server's per-request lines for a closer look.
/**
 * Preloaded into the server for the benchmark only: on request, collect garbage and report
 * process.memoryUsage() over IPC. RSS alone cannot tell a leak from the allocator keeping freed
 * pages; the live heap and ArrayBuffer totals after a full GC can.
 */
const MEMORY_PROBE =
  'data:text/javascript,process.on("message",()=>{globalThis.gc();process.send(process.memoryUsage())});' +
  "process.channel?.unref();";

const started = child(
  [
    "--expose-gc",
    "--import",
    MEMORY_PROBE,
    "--import",
    "tsx",
    "src/server/cli.ts",
  ],
  {
    PORT: "0",
    MRZ_API_KEY: FAKE_API_KEY,
    MRZ_UPSTREAM_URL: fakeUrl,
    MRZ_RATE_LIMIT: "off",
    MRZ_TIMEOUT_MS: String(TIMEOUT_S * 1000),
  },
  process.env.BENCH_LOG,
);
const server = started.proc;
const serverUrl = await started.url;

function liveMemory(): Promise<NodeJS.MemoryUsage> {
  return new Promise((resolve) => {
    server.once("message", (m) => resolve(m as NodeJS.MemoryUsage));
    server.send("measure");
  });
}
const live = (m: NodeJS.MemoryUsage) =>
  `heap ${mb(m.heapUsed)} + buffers ${mb(m.arrayBuffers)}`;

let peak = 0;
const sampler = setInterval(() => {
  try {
    peak = Math.max(peak, rssOf(server.pid!).rss);
  } catch {
    // The server is gone; the failure shows below.
  }
}, 25);

try {
  const image = jpegLike(IMAGE_BYTES, "ok", 42);
  const direct = multipart([
    ["api_key", FAKE_API_KEY],
    ["image", image, "card.jpg"],
  ]);
  const viaServer = multipart([["image", image, "card.jpg"]]);

  // Warm both paths (JIT, connection pools) before anything is measured.
  await autocannon({
    url: fakeUrl,
    method: "POST",
    connections: 20,
    amount: 100,
    headers: { "content-type": direct.type },
    body: direct.body,
  });
  await autocannon({
    url: `${serverUrl}/api/mrz`,
    method: "POST",
    connections: 20,
    amount: 100,
    headers: { "content-type": viaServer.type },
    body: viaServer.body,
  });
  await new Promise((r) => setTimeout(r, 500));
  const before = rssOf(server.pid!).rss;
  const liveBefore = await liveMemory();

  console.log(
    `mrz-scanner-server load: ${CONNECTIONS} concurrent ${IMAGE_BYTES / 1024} KB JPEG uploads, ` +
      `${REQUESTS} per round, loopback; machine: ${availableParallelism()} cores, ` +
      `load average ${loadavg()[0]!.toFixed(1)} before the run`,
  );
  const base = await load(fakeUrl, direct.body, direct.type);
  console.log(line("straight to fake upstream", base));
  const cpuBefore = cpuOf(server.pid!);
  const rounds: { result: Result; peak: number; live: NodeJS.MemoryUsage }[] =
    [];
  for (let i = 1; i <= ROUNDS; i++) {
    peak = 0;
    const result = await load(
      `${serverUrl}/api/mrz`,
      viaServer.body,
      viaServer.type,
    );
    await new Promise((r) => setTimeout(r, 500));
    const after = await liveMemory();
    rounds.push({ result, peak, live: after });
    console.log(
      `${line(`through the server, round ${i}`, result)}  peak RSS ${mb(peak)}, after GC ${live(after)}`,
    );
  }
  const cpuPerRequest =
    ((cpuOf(server.pid!) - cpuBefore) * 1000) /
    rounds.reduce((s, r) => s + r.result.requests.total, 0);
  await new Promise((r) => setTimeout(r, 1000));
  const after = rssOf(server.pid!);

  const worst = rounds.map((r) => r.result);
  const p50 = worst.reduce((s, r) => s + r.latency.p50, 0) / worst.length;
  const p99 = worst.reduce((s, r) => s + r.latency.p99, 0) / worst.length;
  const errors =
    worst.reduce((s, r) => s + r.errors + r.timeouts + r.non2xx, 0) +
    base.errors +
    base.timeouts +
    base.non2xx;
  const rps = worst.reduce((s, r) => s + r.requests.average, 0) / worst.length;
  console.log("");
  console.log(
    `throughput through the server: ${rps.toFixed(0)} req/s (${mb(rps * IMAGE_BYTES)}/s of images)`,
  );
  console.log(
    `server CPU per request: ${ms(cpuPerRequest)} (independent of how busy the machine is)`,
  );
  console.log(
    `added latency (server − direct, mean of rounds): p50 +${ms(p50 - base.latency.p50)}, p99 +${ms(p99 - base.latency.p99)}`,
  );
  console.log(
    `server RSS: ${mb(before)} before, peaks ${rounds.map((r) => mb(r.peak)).join(" / ")}, ` +
      `${mb(after.rss)} after, high-water ${mb(after.hwm)}`,
  );
  console.log(
    `live memory after GC: ${live(liveBefore)} before, ${rounds.map((r) => live(r.live)).join(" / ")} after each round`,
  );
  console.log(`errors: ${errors}`);
  // What matters for "flat": live memory after a GC does not climb from round to round.
  const liveOf = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers;
  const grew =
    rounds.length > 1 &&
    liveOf(rounds.at(-1)!.live) > liveOf(rounds[0]!.live) + 8 * 1024 * 1024;
  if (grew)
    console.log(
      "live memory grew from round to round: something is held per request",
    );
  process.exitCode = errors > 0 || grew ? 1 : 0;
} finally {
  clearInterval(sampler);
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  fake.proc.kill("SIGTERM");
}
