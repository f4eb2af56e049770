/**
 * The migrated database against the seed schema document: every entity of
 * docs/seed-schema.md exists, every field is a column, "Required: Yes" is NOT NULL, and a
 * row can be inserted giving only the seed's required fields. Expectations are read from the
 * document itself, so the test follows the document rather than the implementation.
 */
import { readFileSync } from "node:fs";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../sync-server/db/database";
import { runMigrations } from "../../sync-server/db/migrate";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/test-db";

interface SeedField {
  name: string;
  type: string;
  required: boolean;
}
interface SeedEntity {
  name: string;
  fields: SeedField[];
}

/** The `### name` entities between "## Core Entities" and "## Document Lineage". */
function parseSeedSchema(markdown: string): SeedEntity[] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((l) => l.startsWith("## Core Entities"));
  const end = lines.findIndex((l) => l.startsWith("## Document Lineage"));
  const entities: SeedEntity[] = [];
  for (const line of lines.slice(start, end)) {
    const heading = line.match(/^### (\w+)\s*$/);
    if (heading?.[1]) {
      entities.push({ name: heading[1], fields: [] });
      continue;
    }
    const current = entities.at(-1);
    if (!current || !line.startsWith("|")) continue;
    const cells = line.split("|").map((c) => c.trim());
    const [name, type, required] = cells.slice(1, 4);
    if (!name || !type || name === "Field" || /^-+$/.test(name)) continue;
    current.fields.push({ name, type, required: required === "Yes" });
  }
  return entities;
}

const seed = parseSeedSchema(
  readFileSync(new URL("../../docs/seed-schema.md", import.meta.url), "utf8"),
);
const VIEWS = new Set(["user_stats"]);
const AUTH_TABLES = [
  "auth_sessions",
  "auth_tokens",
  "auth_login_attempts",
  "email_outbox",
  "stripe_events",
];

interface ColumnInfo {
  table_name: string;
  column_name: string;
  is_nullable: "YES" | "NO";
  column_default: string | null;
}

it("reads 43 entities with fields from the seed document", () => {
  expect(seed).toHaveLength(43);
  for (const e of seed) expect(e.fields.length, e.name).toBeGreaterThan(0);
});

describe.each(databaseKinds())("migrated schema on %s", (kind) => {
  let database: TestDatabase;
  let relations: Map<string, string>;
  let columns: Map<string, Map<string, ColumnInfo>>;

  const loadCatalog = async () => {
    const rels = await queryRows<{ table_name: string; table_type: string }>(
      database.db,
      sql`SELECT table_name, table_type FROM information_schema.tables
          WHERE table_schema = 'public'`,
    );
    const cols = await queryRows<ColumnInfo>(
      database.db,
      sql`SELECT table_name, column_name, is_nullable, column_default
            FROM information_schema.columns WHERE table_schema = 'public'
           ORDER BY table_name, ordinal_position`,
    );
    const byTable = new Map<string, Map<string, ColumnInfo>>();
    for (const c of cols) {
      const m = byTable.get(c.table_name) ?? new Map<string, ColumnInfo>();
      m.set(c.column_name, c);
      byTable.set(c.table_name, m);
    }
    return { rels: new Map(rels.map((r) => [r.table_name, r.table_type])), byTable };
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const cat = await loadCatalog();
    relations = cat.rels;
    columns = cat.byTable;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("has every seed entity: user_stats as a view, the rest as tables", () => {
    for (const e of seed) {
      expect(relations.get(e.name), e.name).toBe(VIEWS.has(e.name) ? "VIEW" : "BASE TABLE");
    }
  });

  it("has every seed field as a column", () => {
    const missing = seed.flatMap((e) =>
      e.fields.filter((f) => !columns.get(e.name)?.has(f.name)).map((f) => `${e.name}.${f.name}`),
    );
    expect(missing).toEqual([]);
  });

  it("makes every required seed field NOT NULL in tables", () => {
    const nullable = seed
      .filter((e) => !VIEWS.has(e.name))
      .flatMap((e) =>
        e.fields
          .filter((f) => f.required && columns.get(e.name)?.get(f.name)?.is_nullable !== "NO")
          .map((f) => `${e.name}.${f.name}`),
      );
    expect(nullable).toEqual([]);
  });

  it("gives every column the seed does not require a default or lets it be NULL", () => {
    const offenders = seed
      .filter((e) => !VIEWS.has(e.name))
      .flatMap((e) => {
        const required = new Set(e.fields.filter((f) => f.required).map((f) => f.name));
        return [...(columns.get(e.name)?.values() ?? [])]
          .filter(
            (c) =>
              !required.has(c.column_name) && c.is_nullable === "NO" && c.column_default === null,
          )
          .map((c) => `${e.name}.${c.column_name}`);
      });
    expect(offenders).toEqual([]);
  });

  it("accepts users, categories and courses rows given only the seed's required fields", async () => {
    const insertRequired = async (entity: string, given: Record<string, unknown>) => {
      const e = seed.find((x) => x.name === entity);
      if (!e) throw new Error(`no seed entity ${entity}`);
      const fields = e.fields.filter((f) => f.required && f.name !== "id");
      const values = fields.map((f) => sampleValue(entity, f, given));
      const rows = await queryRows<{ id: string }>(
        database.db,
        sql`INSERT INTO ${sql.identifier(entity)}
              (${sql.join(
                fields.map((f) => sql.identifier(f.name)),
                sql`, `,
              )})
            VALUES (${sql.join(values, sql`, `)}) RETURNING id`,
      );
      return rows[0]?.id;
    };
    const userId = await insertRequired("users", { role: "student" });
    const categoryId = await insertRequired("categories", {});
    const courseId = await insertRequired("courses", {
      creator_id: userId,
      category_id: categoryId,
      level: "beginner",
      currency: "USD",
    });
    for (const id of [userId, categoryId, courseId]) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    const [course] = await queryRows<{ creator_id: string; category_id: string }>(
      database.db,
      sql`SELECT creator_id, category_id FROM courses WHERE id = ${courseId}`,
    );
    expect(course).toEqual({ creator_id: userId, category_id: categoryId });
  });

  it("has the tables the product adds for sign-in, email and webhooks", () => {
    for (const t of AUTH_TABLES) expect(relations.get(t), t).toBe("BASE TABLE");
  });

  it("runs the migrations again as a no-op", async () => {
    const applied = async () =>
      (
        await queryRows<{ n: number }>(
          database.db,
          sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
        )
      )[0]?.n;
    const journal = JSON.parse(
      readFileSync(new URL("../../migrations/meta/_journal.json", import.meta.url), "utf8"),
    ) as { entries: unknown[] };
    expect(await applied()).toBe(journal.entries.length);
    await runMigrations(database);
    await runMigrations(database);
    expect(await applied()).toBe(journal.entries.length);
    const after = await loadCatalog();
    expect(after.rels).toEqual(relations);
    expect(after.byTable).toEqual(columns);
  });
});

/** A valid value for a required field of the given seed type (`given` wins). */
function sampleValue(entity: string, f: SeedField, given: Record<string, unknown>): SQL {
  if (f.name in given) return sql`${given[f.name]}`;
  const type = f.type.toLowerCase();
  if (type === "timestamp") return sql`now()`;
  if (type === "boolean") return sql`${true}`;
  if (type === "int") return sql`${1}`;
  if (type === "decimal") return sql`${1}`;
  if (type === "date") return sql`${"2026-01-01"}`;
  if (type.startsWith("string") || type === "text") return sql`${`${entity}-${f.name}-sample`}`;
  throw new Error(`no sample for ${entity}.${f.name} (${f.type}); pass it in \`given\``);
}
