/**
 * `npm run bench:startup`: how long a newcomer waits after `npm start`. Spawns the real
 * server (as `npm start` does, with production scrypt cost) on a fresh data folder and times
 * spawn → first 200 from /health, polling every 25 ms; stops it with SIGTERM and times a
 * restart on the same folder. Three rounds; prints a markdown table and writes it to
 * bench/results/startup.md.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ROUNDS = 3;
const POLL_MS = 25;
const START_TIMEOUT_MS = 120_000;

interface Phases {
  openDb: number;
  migrate: number;
  seed: number;
  total: number;
}
interface Sample {
  wallMs: number;
  /** What the server itself reports in its "PeerLoop is listening" log line. */
  phases: Phases | undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function startAndTime(dataDir: string): Promise<{ child: ChildProcess; sample: Sample }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "sync-server/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: "",
      PASSWORD_SCRYPT_N: "",
      SEED_DEMO: "true",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && !exited) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) {
      const wallMs = performance.now() - t0;
      return { child, sample: { wallMs, phases: reportedPhases(output) } };
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not become healthy:\n${output}`);
}

function reportedPhases(output: string): Phases | undefined {
  for (const line of output.split("\n")) {
    try {
      const entry = JSON.parse(line) as { msg?: string; startupMs?: Phases };
      if (entry.msg === "PeerLoop is listening") return entry.startupMs;
    } catch {
      // not a log line
    }
  }
  return undefined;
}

async function stop(child: ChildProcess) {
  const exit = once(child, "exit");
  child.kill("SIGTERM");
  const [code] = (await exit) as [number | null];
  if (code !== 0) throw new Error(`server exited with ${code} on SIGTERM`);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const ms = (x: number) => `${Math.round(x)} ms`;

async function main() {
  const first: Sample[] = [];
  const restart: Sample[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const dataDir = mkdtempSync(join(tmpdir(), "peerloop-bench-"));
    try {
      const a = await startAndTime(dataDir);
      await stop(a.child);
      first.push(a.sample);
      const b = await startAndTime(dataDir);
      await stop(b.child);
      restart.push(b.sample);
      console.error(
        `round ${round}: first start ${ms(a.sample.wallMs)}, restart ${ms(b.sample.wallMs)}`,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  const row = (label: string, samples: Sample[]) => {
    const wall = samples.map((s) => s.wallMs);
    const phase = (k: keyof Phases) => ms(median(samples.map((s) => s.phases?.[k] ?? Number.NaN)));
    return `| ${label} | ${ms(median(wall))} | ${ms(Math.min(...wall))} | ${ms(Math.max(...wall))} | ${phase("openDb")} | ${phase("migrate")} | ${phase("seed")} | ${phase("total")} |`;
  };
  const cpu = cpus();
  const report = [
    "# Start-up time",
    "",
    `- date: ${new Date().toISOString()}`,
    `- node: ${process.version}`,
    `- machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${process.platform}/${process.arch}`,
    `- method: spawn \`node --import tsx sync-server/main.ts\` on a fresh DATA_DIR (embedded PGlite, default PASSWORD_SCRYPT_N), wall time until the first 200 from /health (polled every ${POLL_MS} ms); SIGTERM; then the same on the same folder. ${ROUNDS} rounds.`,
    "",
    "| start | median | min | max | open db* | migrate* | seed* | in-process total* |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    row("first start (initdb + migrate + demo data)", first),
    row("restart (same folder)", restart),
    "",
    "\\* medians of the phases the server reports in its `PeerLoop is listening` log line; the wall time adds Node start-up, TypeScript loading and the first request.",
    "",
  ].join("\n");
  process.stdout.write(`\n${report}`);
  const dir = join(ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "startup.md"), report);
}

await main();
