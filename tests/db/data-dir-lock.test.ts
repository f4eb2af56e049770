/**
 * The data-folder lock that keeps two processes (or two handles in one process) from opening
 * one PGlite folder. Real files in a temp dir, real child processes for "alive" and "dead".
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "../../sync-server/db/data-dir-lock";
import { openDatabase, queryRows } from "../../sync-server/db/database";

const LOCK_FILE = "peerloop.lock";
let dir: string;
const children: ChildProcess[] = [];
const lockPath = () => join(dir, LOCK_FILE);
const lockOwner = () => Number(readFileSync(lockPath(), "utf8").trim());

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "peerloop-lock-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

/** The error lockDataDir throws on `dir`; fails the test if it does not throw. */
function lockError(): DataDirLockedError {
  try {
    lockDataDir(dir).release();
  } catch (e) {
    expect(e).toBeInstanceOf(DataDirLockedError);
    return e as DataDirLockedError;
  }
  throw new Error("lockDataDir did not refuse");
}

/** A child process that has exited, so its pid belongs to nobody. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  const pid = child.pid;
  if (pid === undefined) throw new Error("spawn failed");
  if (child.exitCode === null) await once(child, "exit");
  return pid;
}

/** A child process that stays alive until killed. */
async function liveChild(): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ["-e", "setTimeout(()=>{},30000)"], { stdio: "ignore" });
  children.push(child);
  await once(child, "spawn");
  if (child.pid === undefined) throw new Error("spawn failed");
  return child as ChildProcess & { pid: number };
}

describe("lockDataDir", () => {
  it("creates the folder and a lock file holding this process's pid, and nothing else", () => {
    const nested = join(dir, "a", "b");
    const lock = lockDataDir(nested);
    expect(readFileSync(join(nested, LOCK_FILE), "utf8").trim()).toBe(String(process.pid));
    expect(readdirSync(nested)).toEqual([LOCK_FILE]);
    lock.release();
    expect(existsSync(join(nested, LOCK_FILE))).toBe(false);
  });

  it("refuses a second lock in the same process and keeps the first", () => {
    const lock = lockDataDir(dir);
    const err = lockError();
    expect(err.ownerPid).toBe(process.pid);
    expect(err.message).toMatch(/in use/);
    expect(lockOwner()).toBe(process.pid);
    lock.release();
  });

  it("can be taken again after release", () => {
    lockDataDir(dir).release();
    const again = lockDataDir(dir);
    expect(lockOwner()).toBe(process.pid);
    again.release();
    expect(existsSync(lockPath())).toBe(false);
  });

  it("takes over a stale lock left by a process that died", async () => {
    const pid = await deadPid();
    writeFileSync(lockPath(), String(pid));
    const lock = lockDataDir(dir);
    expect(lockOwner()).toBe(process.pid);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    lock.release();
  });

  it("takes over a lock file that holds no pid", () => {
    writeFileSync(lockPath(), "garbage");
    const lock = lockDataDir(dir);
    expect(lockOwner()).toBe(process.pid);
    lock.release();
  });

  it("refuses a lock held by another live process and leaves its lock file alone", async () => {
    const child = await liveChild();
    writeFileSync(lockPath(), String(child.pid));
    const err = lockError();
    expect([err.ownerPid, err.dataDir]).toEqual([child.pid, dir]);
    expect(lockOwner()).toBe(child.pid);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    child.kill("SIGKILL");
    await once(child, "exit");
    // Once the owner is gone its lock is stale.
    lockDataDir(dir).release();
  });

  it("release does not remove a lock that another process holds by now", async () => {
    const lock = lockDataDir(dir);
    const child = await liveChild();
    writeFileSync(lockPath(), String(child.pid));
    lock.release();
    expect(lockOwner()).toBe(child.pid);
    child.kill("SIGKILL");
    await once(child, "exit");
  });
});

describe("openDatabase on a data folder", () => {
  it("refuses a second handle on the same folder; after close it opens again, data intact", async () => {
    const first = await openDatabase({ dataDir: dir });
    try {
      await first.db.execute(sql`CREATE TABLE kept (v int)`);
      await first.db.execute(sql`INSERT INTO kept VALUES (42)`);
      await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
      // The refused open did not disturb the first handle.
      const rows = await queryRows<{ v: number }>(first.db, sql`SELECT v FROM kept`);
      expect(rows).toEqual([{ v: 42 }]);
    } finally {
      await first.close();
    }
    expect(existsSync(lockPath())).toBe(false);

    const reopened = await openDatabase({ dataDir: dir });
    try {
      expect(lockOwner()).toBe(process.pid);
      const rows = await queryRows<{ v: number }>(reopened.db, sql`SELECT v FROM kept`);
      expect(rows).toEqual([{ v: 42 }]);
    } finally {
      await reopened.close();
    }
  }, 60_000);
});
