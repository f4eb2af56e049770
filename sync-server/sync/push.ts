/**
 * One push of one collection. Per-row outcome (README "Sync"): each row is validated and
 * authorized on its own; the valid ones are applied together in one transaction even when
 * others are refused. Order of checks per row, chosen so nothing leaks:
 *   schema → may the user see this document at all (else "forbidden", whether or not it
 *   exists) → conflict (the device's assumed state is not the server's) → may the user make
 *   this write (operation, editable fields, the collection's own rule).
 * A repeated push is harmless: a row whose new state equals the server's is a no-op.
 */
import { sql } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { PushRejectCode, PushRejection, PushRow } from "../../shared/sync/protocol";
import type { Db } from "../db/database";
import { syncRejections } from "../db/schema";
import type { Doc, ServerCollection, SyncedDoc, Write, WriteContext } from "./docs/types";
import { visibleDocs } from "./feed";
import { loadUserScopes } from "./rights";

export interface PushOutcome {
  conflicts: SyncedDoc[];
  rejected: PushRejection[];
  applied: number;
}

/** Stable comparison of two states on the given fields (`_deleted` as a boolean). */
function canonical(keys: Set<string>, doc: Record<string, unknown> | null | undefined): string {
  if (!doc) return "null";
  return JSON.stringify(
    [...keys].sort().map((k) => (k === "_deleted" ? doc[k] === true : (doc[k] ?? null))),
  );
}

export async function push(
  db: Db,
  userId: string,
  coll: ServerCollection,
  rows: PushRow[],
  ctx?: WriteContext,
): Promise<PushOutcome> {
  const rejected: PushRejection[] = [];
  const conflicts: SyncedDoc[] = [];
  const reject = (
    row: { id: string; state: Record<string, unknown> },
    code: PushRejectCode,
    message: string,
    master?: SyncedDoc,
  ) =>
    rejected.push({
      id: row.id,
      code,
      message,
      master: master ?? { ...row.state, _deleted: true },
    });

  // Schema first: nothing else can be trusted before it.
  const parsed: {
    id: string;
    state: Record<string, unknown>;
    doc: Doc;
    deleted: boolean;
    assumed: PushRow["assumedMasterState"];
  }[] = [];
  const strict = coll.decl.schema.strict();
  for (const row of rows) {
    const state = row.newDocumentState;
    const id = typeof state.id === "string" ? state.id : "";
    const { _deleted, ...fields } = state;
    const result = strict.safeParse(fields);
    if (!result.success || (_deleted !== undefined && typeof _deleted !== "boolean")) {
      const issue = result.success
        ? "_deleted must be a boolean"
        : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)[0];
      reject({ id, state }, "invalid_document", `Invalid ${coll.decl.name} document: ${issue}`);
      continue;
    }
    parsed.push({
      id,
      state,
      doc: result.data as Doc,
      deleted: _deleted === true,
      assumed: row.assumedMasterState,
    });
  }

  const write = coll.decl.write;
  if (write === "server") {
    const current = await coll.load(
      db,
      parsed.map((p) => p.id),
      ctx,
    );
    const visible = await visibleDocs(
      db,
      coll.decl.name,
      [...current.keys()],
      [...(await loadUserScopes(db, userId))],
    );
    for (const p of parsed) {
      const master = visible.has(p.id) ? current.get(p.id) : undefined;
      reject(p, "server_owned", `Only the server writes ${coll.decl.name}.`, master);
    }
    await recordRejections(db, userId, coll, rejected);
    return { conflicts, rejected, applied: 0 };
  }

  const ids = parsed.map((p) => p.id);
  const scopes = await loadUserScopes(db, userId);
  // Read, judge and write in one transaction holding a lock per document: two devices
  // pushing one document at once must not both pass the conflict check against the same
  // state (the second would silently overwrite the first).
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await lockDocuments(tx, coll.decl.name, ids);
    const current = await coll.load(tx, ids, ctx);
    const visible = await visibleDocs(tx, coll.decl.name, [...current.keys()], [...scopes]);
    // What a device may change: conflicts and no-ops are judged on these alone, so a stale
    // copy of a server-stamped field (updatedAt) is not mistaken for an edit or a conflict.
    const editable = new Set<string>([...write.editable, "_deleted"]);
    const fields = Object.keys(coll.decl.schema.shape);
    const writes: (Write & { row: (typeof parsed)[number] })[] = [];
    for (const p of parsed) {
      const cur = current.get(p.id);
      if (cur && !visible.has(p.id)) {
        // Same answer as for any write the user may not make: existence is not revealed.
        reject(p, "forbidden_write", "You may not write this document.");
        continue;
      }
      if (cur && !p.assumed) {
        // The device thinks it creates what the server already has (a repeated push whose
        // answer was lost, or two devices creating one derived id): it gets the server's.
        conflicts.push(cur);
        continue;
      }
      if (!cur && p.assumed) {
        conflicts.push({ ...p.state, _deleted: true } as SyncedDoc); // gone from the server
        continue;
      }
      if (cur && p.assumed) {
        // A server-owned field counts as changed by the device only if its new state differs
        // from what the device was told (a stale copy of a server stamp is not an edit).
        const assumed = p.assumed;
        const changed = fields.find(
          (k) =>
            !editable.has(k) &&
            JSON.stringify(p.doc[k] ?? null) !== JSON.stringify(assumed[k] ?? null),
        );
        if (changed) {
          reject(p, "server_owned", `${coll.decl.name}.${changed} is set by the server.`, cur);
          continue;
        }
        if (canonical(editable, assumed) !== canonical(editable, cur)) {
          conflicts.push(cur); // someone else changed it since the device last saw it
          continue;
        }
        if (canonical(editable, { ...p.doc, _deleted: p.deleted }) === canonical(editable, cur))
          continue; // no-op
      }
      const op = !cur ? "create" : p.deleted ? "delete" : "update";
      if (!write[op]) {
        reject(
          p,
          cur ? "server_owned" : "forbidden_write",
          `Devices may not ${op} ${coll.decl.name}.`,
          cur,
        );
        continue;
      }
      if (cur) {
        // Server-owned fields keep the server's current values.
        const merged = Object.fromEntries(
          fields.map((k) => [k, editable.has(k) ? p.doc[k] : cur[k]]),
        );
        writes.push({ op, doc: merged as Doc, current: cur, row: p });
        continue;
      }
      writes.push({ op, doc: p.doc, current: cur, row: p });
    }

    const verdicts =
      writes.length && coll.writer ? await coll.writer.authorize(tx, userId, writes) : [];
    const accepted = writes.filter((w, i) => {
      const v = verdicts[i];
      if (v && !v.ok) reject(w.row, v.code, v.message, w.current);
      return v?.ok;
    });
    if (accepted.length && coll.writer) await coll.writer.apply(tx, userId, accepted, ctx);
    if (rejected.length) await recordRejections(tx, userId, coll, rejected);
    // Report refusals in the order the device sent the rows.
    const order = new Map(rows.map((r, i) => [String(r.newDocumentState.id), i]));
    rejected.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    return { conflicts, rejected, applied: accepted.length };
  });
}

/** Transaction-scoped advisory locks on these documents, taken in a fixed order (no deadlock). */
async function lockDocuments(tx: Db, collection: string, ids: string[]) {
  const keys = [...new Set(ids.map((id) => `${collection}:${id}`))].sort();
  if (keys.length === 0) return;
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${`{${keys.map((k) => `"${k.replace(/["\\]/g, "")}"`).join(",")}}`}::text[]) AS k ORDER BY k`,
  );
}

async function recordRejections(
  db: Db,
  userId: string,
  coll: ServerCollection,
  rejected: PushRejection[],
) {
  await db.insert(syncRejections).values(
    rejected.slice(0, 100).map((r) => ({
      id: uuidv7(),
      userId,
      collection: coll.decl.name,
      docId: r.id.slice(0, 100),
      code: r.code,
      message: r.message.slice(0, 500),
    })),
  );
}
