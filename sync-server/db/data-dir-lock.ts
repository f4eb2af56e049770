/**
 * PGlite has no lock of its own: two processes opening one data folder silently corrupt it.
 * This lock file holds the owner's pid. It is created with link(2), which is atomic and fails
 * if the file exists, so two starting processes cannot both win. A lock left by a process
 * that died (kill -9, power loss) is taken over, because its pid is no longer alive.
 */
import { linkSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${ownerPid}. ` +
        "Stop that process, or set DATA_DIR to another folder.",
    );
  }
}

export interface DataDirLock {
  release(): void;
}

const LOCK_FILE = "peerloop.lock";

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, LOCK_FILE);
  const tmpPath = join(dataDir, `.${LOCK_FILE}.${process.pid}.${Date.now()}`);
  writeFileSync(tmpPath, String(process.pid));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(tmpPath, lockPath);
        return { release: () => releaseIfOurs(lockPath) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      const owner = readOwner(lockPath);
      if (owner !== null && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(dataDir, owner);
      }
      // Same pid means this process opened the folder twice, which is as unsafe as two
      // processes (PGlite keeps its own state per instance).
      if (owner === process.pid) throw new DataDirLockedError(dataDir, owner);
      // Stale lock of a dead process: remove it only if it is still the same stale lock.
      if (readOwner(lockPath) === owner) rmSync(lockPath, { force: true });
    }
    throw new Error(`Could not take the lock on ${dataDir}`);
  } finally {
    rmSync(tmpPath, { force: true });
  }
}

function readOwner(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, "utf8").trim(), 10);
    return Number.isFinite(pid) ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function releaseIfOurs(lockPath: string) {
  if (readOwner(lockPath) === process.pid) {
    try {
      unlinkSync(lockPath);
    } catch {
      // already gone
    }
  }
}
