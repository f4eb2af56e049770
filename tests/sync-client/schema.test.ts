/**
 * Every declared collection's RxDB schema (shared/sync/rx-schema.ts) is accepted by RxDB's
 * dev-mode checks, and a valid document of each is stored through ajv validation.
 */
import { getRxStorageMemory } from "rxdb/plugins/storage-memory";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPeerloopDatabase, type PeerloopDatabase } from "../../client/sync/database";
import { shapeIncoming } from "../../client/sync/documents";
import { COLLECTION_NAMES, collections } from "../../shared/sync/registry";
import { sampleDocs } from "./fixtures";

let db: PeerloopDatabase;

beforeAll(async () => {
  db = await createPeerloopDatabase({
    name: `schema-${Date.now()}`,
    storage: getRxStorageMemory(),
    devMode: true,
    multiInstance: false,
  });
});
afterAll(() => db?.close());

describe("RxDB schemas of the 10 synced collections", () => {
  it("opens all of them (within the free tier's 13)", () => {
    expect(Object.keys(db.collections).sort()).toEqual([...COLLECTION_NAMES].sort());
    expect(COLLECTION_NAMES.length).toBeLessThanOrEqual(12);
  });

  for (const name of COLLECTION_NAMES) {
    it(`${name}: stores a valid document and refuses an invalid one`, async () => {
      const doc = sampleDocs[name];
      // The fixture is valid by the source of truth, so a refusal would be the schema's fault.
      expect(() => collections[name].schema.parse(doc)).not.toThrow();
      // biome-ignore lint/suspicious/noExplicitAny: one loop over ten document types
      const coll = db.collections[name] as any;
      await coll.insert(doc);
      const stored = (await coll.findOne(doc.id).exec()).toJSON();
      expect(stored).toEqual(doc);
      await expect(
        coll.insert({ ...doc, id: crypto.randomUUID(), unexpected: 1 }),
      ).rejects.toThrow();
    });
  }

  it("a tombstone that arrives as { id, _deleted } is completed to a schema-valid document", async () => {
    for (const name of COLLECTION_NAMES) {
      const schema = db.collections[name].schema.jsonSchema as never;
      const fields = Object.keys(collections[name].schema.shape);
      const id = crypto.randomUUID();
      const tomb = shapeIncoming({ fields, schema }, { id, _deleted: true });
      // Written straight to storage (as the pull does), through the ajv validator.
      const now = Date.now();
      const res = await db.collections[name].storageInstance.bulkWrite(
        [{ document: { ...tomb, _meta: { lwt: now }, _rev: "1-a", _attachments: {} } as never }],
        "test",
      );
      expect(res.error, name).toEqual([]);
    }
  });
});
