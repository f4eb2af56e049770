/** What the server knows of each synced collection: how to read its documents and, for
 * collections devices may write, how to authorize and apply those writes. */
import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import type { CollectionDecl } from "../../../shared/sync/collection";
import type { PushRejectCode } from "../../../shared/sync/protocol";
import type { Config } from "../../config";
import type { Db } from "../../db/database";

export type Doc = Record<string, unknown> & { id: string };
export type SyncedDoc = Doc & { _deleted: boolean };

export interface Write {
  op: "create" | "update" | "delete";
  /** The validated document the device wants (without `_deleted`). */
  doc: Doc;
  /** The server's current document (update, delete). */
  current?: SyncedDoc;
}

export type Verdict = { ok: true } | { ok: false; code: PushRejectCode; message: string };
export const OK: Verdict = { ok: true };
export const forbidden = (message: string): Verdict => ({
  ok: false,
  code: "forbidden_write",
  message,
});
export const invalid = (message: string): Verdict => ({
  ok: false,
  code: "invalid_document",
  message,
});

export interface Writer {
  /** One verdict per write, in order. Loads what it needs in bulk. */
  authorize(db: Db, userId: string, writes: Write[]): Promise<Verdict[]>;
  /** Applies authorized writes inside the push transaction; the server sets its own fields. */
  apply(tx: Db, userId: string, writes: Write[], ctx?: WriteContext): Promise<void>;
}

/** What a writer may need from the server (collections deciding requests read the config). */
export interface WriteContext {
  config: Config;
}

/** What building documents may need from the server (sessions carry a config-derived deadline). */
export interface LoadContext {
  config: Pick<Config, "SESSION_FREE_CANCEL_HOURS">;
}

export interface ServerCollection {
  decl: CollectionDecl;
  /** Current documents by id; soft-deleted ones with `_deleted: true`, hard-deleted absent. */
  load(db: Db, ids: string[], ctx?: LoadContext): Promise<Map<string, SyncedDoc>>;
  writer?: Writer;
}

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
export const isoNow = (d: Date): string => d.toISOString();

/** A device's clock may run ahead: never accept times later than the server's now. */
export function clampToNow(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const t = new Date(value);
  const now = new Date();
  return t > now ? now : t;
}

export function byId<T extends { id: string }>(
  rows: T[],
  toDoc: (row: T) => SyncedDoc,
): Map<string, SyncedDoc> {
  return new Map(rows.map((r) => [r.id, toDoc(r)]));
}

/** Module text lists are stored as JSON arrays; older free text becomes one item per line. */
export function textList(value: string | null): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    // not JSON: fall through
  }
  return value
    .split("\n")
    .map((l) => l.replace(/^\s*[-*•]\s*/, "").trim())
    .filter(Boolean);
}

export function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * `column = ANY($1::uuid[])`: one bound parameter for a whole batch of ids (drizzle's
 * inArray binds one per id, a thousand per pull batch). Ids here are validated UUIDs.
 */
export function anyUuid(column: AnyColumn, ids: string[]): SQL {
  return sql`${column} = ANY(${`{${ids.join(",")}}`}::uuid[])`;
}
