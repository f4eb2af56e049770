/**
 * Real PeerLoop server processes for tests, started the way `npm start` starts the server
 * (`node --import tsx sync-server/main.ts`), on a free port, found by their log line.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const START_TIMEOUT_MS = 60_000;
export interface Server {
  child: ChildProcess;
  /** Every stdout/stderr line so far. */
  output: string[];
  exit: Promise<number | null>;
}

export function launch(env: Record<string, string>): Server {
  const child = spawn(process.execPath, ["--import", "tsx", "sync-server/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      PASSWORD_SCRYPT_N: "1024",
      DATABASE_URL: "",
      LOG_LEVEL: "info",
      SEED_DEMO: "true",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString().split("\n").filter(Boolean));
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  running.add(child);
  void exit.then(() => running.delete(child));
  return { child, output, exit };
}

const running = new Set<ChildProcess>();

/** The url of the "PeerLoop is listening" JSON log line, once it appears. */
export async function listeningUrl(server: Server): Promise<string> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exited = false;
  void server.exit.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    for (const line of server.output) {
      const entry = parseJson(line);
      if (entry?.msg === "PeerLoop is listening" && typeof entry.url === "string") return entry.url;
    }
    if (exited) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not start:\n${server.output.join("\n")}`);
}

function parseJson(line: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(line);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function start(env: Record<string, string>) {
  const server = launch(env);
  return { ...server, url: await listeningUrl(server) };
}

/** Ends every server process still running (afterAll). */
export function killAll() {
  for (const child of running) child.kill("SIGKILL");
}
