/**
 * One push of one collection. Per-row outcome (README "Sync"): each row is validated and
 * authorized on its own; the valid ones are applied together in one transaction even when
 * others are refused. Order of checks per row, chosen so nothing leaks:
 *   schema → may the user see this document at all (else "forbidden", whether or not it
 *   exists) → conflict (the device's assumed state is not the server's) → may the user make
 *   this write (operation, editable fields, the collection's own rule).
 * A repeated push is harmless: a row whose new state equals the server's is a no-op.
 */
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { PushRejectCode, PushRejection, PushRow } from "../../shared/sync/protocol";
import type { Db } from "../db/database";
import { syncRejections } from "../db/schema";
import type { Doc, ServerCollection, SyncedDoc, Write } from "./docs/types";
import { visibleDocs } from "./feed";
import { loadUserScopes } from "./rights";

export interface PushOutcome {
  conflicts: SyncedDoc[];
  rejected: PushRejection[];
  applied: number;
}

/** Stable comparison of two states: declared fields in a fixed order, plus `_deleted`. */
function canonical(
  coll: ServerCollection,
  doc: Record<string, unknown> | null | undefined,
): string {
  if (!doc) return "null";
  const keys = Object.keys(coll.decl.schema.shape).sort();
  return JSON.stringify([...keys.map((k) => doc[k] ?? null), doc._deleted === true]);
}

export async function push(
  db: Db,
  userId: string,
  coll: ServerCollection,
  rows: PushRow[],
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
  for (const row of rows) {
    const state = row.newDocumentState;
    const id = typeof state.id === "string" ? state.id : "";
    const { _deleted, ...fields } = state;
    const result = coll.decl.schema.strict().safeParse(fields);
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
  const [current, scopes] = await Promise.all([coll.load(db, ids), loadUserScopes(db, userId)]);
  const visible = await visibleDocs(db, coll.decl.name, [...current.keys()], [...scopes]);
  const writes: (Write & { row: (typeof parsed)[number] })[] = [];
  for (const p of parsed) {
    const cur = current.get(p.id);
    if (cur && !visible.has(p.id)) {
      // Same answer as for any write the user may not make: existence is not revealed.
      reject(p, "forbidden_write", "You may not write this document.");
      continue;
    }
    const next = { ...p.doc, _deleted: p.deleted };
    if (cur && canonical(coll, next) === canonical(coll, cur)) continue; // repeated push
    if (cur ? canonical(coll, p.assumed) !== canonical(coll, cur) : p.assumed) {
      conflicts.push(cur ?? ({ ...p.state, _deleted: true } as SyncedDoc));
      continue;
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
    if (op === "update" && cur) {
      const editable = new Set<string>(write.editable);
      const changed = Object.keys(coll.decl.schema.shape).find(
        (k) =>
          !editable.has(k) && JSON.stringify(p.doc[k] ?? null) !== JSON.stringify(cur[k] ?? null),
      );
      if (changed) {
        reject(p, "server_owned", `${coll.decl.name}.${changed} is set by the server.`, cur);
        continue;
      }
    }
    writes.push({ op, doc: p.doc, current: cur, row: p });
  }

  const verdicts =
    writes.length && coll.writer ? await coll.writer.authorize(db, userId, writes) : [];
  const accepted = writes.filter((w, i) => {
    const v = verdicts[i];
    if (v && !v.ok) reject(w.row, v.code, v.message, w.current);
    return v?.ok;
  });
  if (accepted.length && coll.writer) {
    const writer = coll.writer;
    await db.transaction(async (tx) => writer.apply(tx as unknown as Db, userId, accepted));
  }
  if (rejected.length) await recordRejections(db, userId, coll, rejected);
  // Report refusals in the order the device sent the rows.
  const order = new Map(rows.map((r, i) => [String(r.newDocumentState.id), i]));
  rejected.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { conflicts, rejected, applied: accepted.length };
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
