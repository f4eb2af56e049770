/**
 * One pull of one collection for one user. A checkpoint names the scopes the device is
 * caught up on (main) and, while a scope is first sent whole, that backfill's scopes and
 * cursor. Each pull, in order:
 *   1. scopes the user lost → id-only tombstones for their documents (unless still granted);
 *   2. scopes the user gained → sent whole, from their own cursor;
 *      when that backfill is exhausted it merges into the main set;
 *   3. the main set → every change after the main cursor, deletions as tombstones.
 * The batch is filled up to `limit` whenever more is there: RxDB takes a short batch as
 * "caught up".
 */
import { eq } from "drizzle-orm";
import type { Checkpoint, Cursor, PullResponse } from "../../shared/sync/protocol";
import { scopesOf } from "../../shared/sync/scopes";
import type { Db } from "../db/database";
import { syncState } from "../db/schema";
import { ApiError } from "../http/errors";
import type { Doc, LoadContext, ServerCollection, SyncedDoc } from "./docs/types";
import {
  cursorLess,
  docsInScopes,
  type FeedRow,
  nextDocuments,
  START,
  visibleDocs,
  waitUntilServable,
} from "./feed";
import { loadUserRights } from "./rights";
import { loadScopeSet, saveScopeSet, scopeSetHash } from "./scope-sets";

export const PURGE_HORIZON_KEY = "purge_horizon";

interface Stream {
  cursor: Cursor;
  scopes: string[];
}

export async function pull(
  db: Db,
  userId: string,
  coll: ServerCollection,
  checkpoint: Checkpoint | null,
  limit: number,
  ctx?: LoadContext,
): Promise<PullResponse> {
  const kinds = coll.decl.scopeKinds;
  const granted = [...scopesOf(await loadUserRights(db, userId))].filter((s) =>
    kinds.some((k) => s.startsWith(`${k}:`)),
  );
  const grantedSet = new Set(granted);

  const horizon = await purgeHorizon(db);
  const { main, backfill, lost } = await resolveStreams(
    db,
    userId,
    checkpoint,
    grantedSet,
    horizon,
  );
  await waitUntilServable(db, coll.decl.name, backfill ? [main, backfill] : [main]);
  const out = new Map<string, Doc & { _deleted: boolean }>();
  const tombstone = (id: string) => out.set(id, { id, _deleted: true });

  // 1. Lost scopes: the device must drop what no remaining scope grants.
  if (lost.length) {
    const candidates = await docsInScopes(db, coll.decl.name, lost);
    const still = await visibleDocs(db, coll.decl.name, candidates, granted);
    for (const id of candidates) if (!still.has(id)) tombstone(id);
  }

  // Each feed row yields the document's current state, or a bare tombstone when it is
  // deleted or no scope of the user grants it any more (its content is not shown to
  // someone who lost the right to see it).
  const serve = async (rows: FeedRow[]) => {
    const ids = [...new Set(rows.map((r) => r.docId))];
    // A row that is not `removed` proves its document is in a scope the user holds; only
    // documents seen leaving a scope need asking whether another scope still grants them.
    const granting = new Set(rows.filter((r) => !r.removed).map((r) => r.docId));
    const departed = ids.filter((id) => !granting.has(id));
    const [docs, stillGranted] = await Promise.all([
      coll.load(db, ids, ctx),
      visibleDocs(db, coll.decl.name, departed, granted),
    ]);
    for (const id of ids) {
      const doc = docs.get(id);
      if (doc && (granting.has(id) || stillGranted.has(id))) out.set(id, doc as SyncedDoc);
      else tombstone(id);
    }
    const last = rows.at(-1);
    return last ? { x: last.x, p: last.p } : null;
  };

  // 2. Backfill: gained scopes, sent whole from their own cursor. Deletions are served
  // here too: a document sent by an earlier backfill batch may be deleted meanwhile.
  let back: Stream | null = backfill;
  if (back && out.size < limit) {
    const { rows, exhausted } = await nextDocuments(
      db,
      coll.decl.name,
      back.scopes,
      back.cursor,
      limit - out.size,
    );
    back.cursor = (await serve(rows)) ?? back.cursor;
    if (exhausted) {
      // Exhausted: the gained scopes join the main set. A device with no main set yet
      // continues from the backfill's end; otherwise from its main cursor, so the few
      // documents of the gained scopes changed in between are sent twice (harmless).
      // Purged rows are gone and need no serving: a device that starts over may start past
      // the purge horizon (else its next pull would be sent to start over again).
      if (main.scopes.length === 0)
        main.cursor = horizon && cursorLess(back.cursor, horizon) ? horizon : back.cursor;
      main.scopes = [...main.scopes, ...back.scopes];
      back = null;
    }
  }

  // 3. Main stream: every change in the main scopes after the main cursor.
  if (out.size < limit && main.scopes.length) {
    const { rows } = await nextDocuments(
      db,
      coll.decl.name,
      main.scopes,
      main.cursor,
      limit - out.size,
    );
    main.cursor = (await serve(rows)) ?? main.cursor;
  }

  // Scope sets are written only when they change, so a steady device's pulls only read.
  const keep = (scopes: string[], known: string | undefined) =>
    known !== undefined && scopeSetHash(userId, scopes) === known
      ? known
      : saveScopeSet(db, userId, scopes);
  const h = await keep(main.scopes, checkpoint?.h);
  const b = back ? { ...back.cursor, h: await keep(back.scopes, checkpoint?.b?.h) } : null;
  return { documents: [...out.values()], checkpoint: { ...main.cursor, h, b } };
}

async function resolveStreams(
  db: Db,
  userId: string,
  cp: Checkpoint | null,
  granted: Set<string>,
  horizon: Cursor | null,
) {
  if (!cp) {
    return {
      main: { cursor: START, scopes: [] } as Stream,
      backfill: { cursor: START, scopes: [...granted] } as Stream,
      lost: [],
    };
  }
  const [mainScopes, backScopes] = await Promise.all([
    loadScopeSet(db, userId, cp.h),
    cp.b ? loadScopeSet(db, userId, cp.b.h) : Promise.resolve([] as string[]),
  ]);
  if (mainScopes === null || backScopes === null) {
    throw new ApiError(
      410,
      "resync_required",
      "This checkpoint is unknown here; start again without one.",
    );
  }
  if (horizon && mainScopes.length && cursorLess({ x: cp.x, p: cp.p }, horizon)) {
    throw new ApiError(
      410,
      "resync_required",
      "This device was away longer than deletions are kept; start again.",
    );
  }
  const held = new Set([...mainScopes, ...backScopes]);
  const lost = [...held].filter((s) => !granted.has(s));
  const main: Stream = {
    cursor: { x: cp.x, p: cp.p },
    scopes: mainScopes.filter((s) => granted.has(s)),
  };
  const gained = [...granted].filter((s) => !held.has(s));
  const keptBack = backScopes.filter((s) => granted.has(s));
  let backfill: Stream | null = null;
  if (gained.length) backfill = { cursor: START, scopes: [...keptBack, ...gained] };
  else if (keptBack.length && cp.b)
    backfill = { cursor: { x: cp.b.x, p: cp.b.p }, scopes: keptBack };
  return { main, backfill, lost };
}

async function purgeHorizon(db: Db): Promise<Cursor | null> {
  const [row] = await db.select().from(syncState).where(eq(syncState.key, PURGE_HORIZON_KEY));
  return (row?.value as Cursor | undefined) ?? null;
}
