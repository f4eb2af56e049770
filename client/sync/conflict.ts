/**
 * Conflict handling on the device, derived from each collection's declaration
 * (shared/sync/collections/*.ts, field `conflict`).
 *
 * RxDB calls `resolve` when a push comes back with the server's current document (a
 * conflict, or a refused row's `master`); what it returns is written locally and, when it
 * differs from the server's state, pushed again with that state as the assumed master.
 */
import type { RxConflictHandler, WithDeleted } from "rxdb";
import type { CollectionDecl } from "../../shared/sync/collection";

type Doc = Record<string, unknown>;

/** RxDB's local bookkeeping: never part of what a document *is*. */
const META_FIELDS = new Set(["_meta", "_rev", "_attachments"]);

/**
 * Structural equality of two JSON values, ignoring key order and `undefined` members
 * (a document that went through JSON on the wire loses both; the local copy may not).
 */
export function jsonEqual(a: unknown, b: unknown, skip?: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  const ao = a as Doc;
  const bo = b as Doc;
  const keys = (o: Doc) => Object.keys(o).filter((k) => o[k] !== undefined && !skip?.has(k));
  const ak = keys(ao);
  const bk = keys(bo);
  return (
    ak.length === bk.length && ak.every((k) => Object.hasOwn(bo, k) && jsonEqual(ao[k], bo[k]))
  );
}

/**
 * Two document states are the same when their fields are. Two tombstones are always the
 * same document state: the server may send a deleted document as `{ id, _deleted: true }`
 * while the device keeps the last fields it knew.
 */
export function isSameDocState(a: Doc, b: Doc): boolean {
  if (a._deleted === true && b._deleted === true) return true;
  return Boolean(a._deleted) === Boolean(b._deleted) && jsonEqual(a, b, META_FIELDS);
}

/** The RxDB conflict handler of one collection. */
export function conflictHandlerFor<D extends Doc>(decl: CollectionDecl): RxConflictHandler<D> {
  const strategy = decl.conflict;
  return {
    isEqual: (a, b) => isSameDocState(a as Doc, b as Doc),
    resolve: async ({ realMasterState, newDocumentState }) => {
      if (strategy === "server-wins") return realMasterState;
      // A deletion on either side is not the merge function's business: the server decided
      // (devices may only delete where the declaration allows it, and then the server wins).
      if (realMasterState._deleted || newDocumentState._deleted) return realMasterState;
      const merged = strategy(realMasterState as never, newDocumentState as never) as Doc;
      return { ...merged, _deleted: false } as WithDeleted<D>;
    },
  };
}
