/**
 * Sync health warns about a transaction open so long that it holds back every device's
 * sync: pulls serve only changes older than pg_snapshot_xmin, and transaction ids are
 * cluster-wide, so one left open in another database of the same Postgres holds this one's
 * feed back too. On Postgres a second connection, to another database of the cluster, takes
 * a transaction id and stays open; the warning names it, the sync page lists it, and both
 * are gone once it ends. On PGlite (one connection) there is never such a transaction and
 * nothing is reported. The wording is checked on its own, prepared transactions included.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SyncPage } from "../../sync-server/admin/pages/sync";
import {
  LONG_TRANSACTION_SECONDS,
  longTransactions,
  longTransactionWarning,
  type OpenTransaction,
  openFor,
} from "../../sync-server/admin/queries/open-transactions";
import {
  currentSyncWarnings,
  syncHealth,
  syncWarnings,
} from "../../sync-server/admin/queries/sync-health";
import { queryRows } from "../../sync-server/db/database";
import { withDatabase } from "../support/postgres-admin";
import { databaseKinds } from "../support/test-db";
import { type AdminWorld, adminWorld, cookieCall } from "./support";

const APP = "peerloop-long-xact-test";
const HOLD_MS = 1_100;

const session = (over: Partial<OpenTransaction> = {}): OpenTransaction => ({
  kind: "session",
  pid: 4242,
  gid: null,
  database: "reports",
  application: "psql",
  state: "idle in transaction",
  startedAt: new Date("2026-12-01T09:00:00Z"),
  seconds: 754,
  ...over,
});

describe("the long-transaction warning's words", () => {
  it("says how long, as an operator says it", () => {
    expect([1, 59, 61, 119, 120, 754, 7199, 7200, 86_400].map((s) => [s, openFor(s)])).toEqual([
      [1, "1 second"],
      [59, "59 seconds"],
      [61, "61 seconds"],
      [119, "119 seconds"],
      [120, "2 minutes"],
      [754, "12 minutes"],
      [7199, "119 minutes"],
      [7200, "2 hours"],
      [86_400, "24 hours"],
    ]);
  });

  it("names the oldest one and what to do about it; none, no warning", () => {
    expect(longTransactionWarning([])).toBeUndefined();
    expect(longTransactionWarning([session()])).toBe(
      `A transaction open for 12 minutes holds back every device's sync (pid 4242 in database "reports", idle in transaction, psql: end it (pg_terminate_backend) or find who left it open): pulls serve only changes older than the oldest open transaction on the Postgres cluster.`,
    );
    const prepared = session({
      kind: "prepared",
      pid: null,
      gid: "tx-42",
      application: null,
      state: "prepared",
      seconds: 3 * 3600,
    });
    expect(longTransactionWarning([prepared, session({ seconds: 100 })])).toBe(
      `A transaction open for 3 hours holds back every device's sync (prepared as "tx-42" in database "reports": COMMIT PREPARED or ROLLBACK PREPARED it): pulls serve only changes older than the oldest open transaction on the Postgres cluster. Others as old are listed on the sync page.`,
    );
  });

  it("comes first among the sync warnings", () => {
    const quiet = {
      pulls: [],
      rejected: [{ at: "2026-12-01T09:00:00Z", value: 25 }],
      added15m: 0,
      tombstoneAgeDays: null,
      tombstoneDays: 45,
    };
    expect(syncWarnings({ ...quiet, longTransactions: [] })).toEqual([
      "25 pushed rows were refused in the last hour.",
    ]);
    const warnings = syncWarnings({ ...quiet, longTransactions: [session()] });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /^A transaction open for 12 minutes holds back every device's sync/,
    );
  });
});

describe.each(databaseKinds())("long transactions on %s", (kind) => {
  let w: AdminWorld;
  let admin: Record<string, unknown>;
  beforeAll(async () => {
    w = await adminWorld(kind);
    admin = (await w.t.call("GET", "/api/me", { token: w.admin.token })).body.user;
  });
  afterAll(async () => {
    await w?.t.close();
  });
  const health = (seconds?: number) =>
    syncHealth(
      w.t.deps.db,
      w.t.deps.hub,
      w.t.deps.config,
      seconds === undefined ? {} : { longTransactionSeconds: seconds },
    );

  it.skipIf(kind !== "pglite")("finds none on PGlite, and says nothing", async () => {
    expect(await longTransactions(w.t.deps.db, 0)).toEqual([]);
    const h = await health(0);
    expect(h.longTransactions).toEqual([]);
    expect(h.warnings.join(" ")).not.toMatch(/holds back/);
    const page = String((await cookieCall(w.t, "GET", "/admin/sync", w.admin.token)).body);
    expect(page).not.toContain("Transactions holding back sync");
  });

  it.skipIf(kind !== "postgres")(
    "warns while a transaction with an id is open in another database of the cluster",
    async () => {
      const url = w.t.database.url;
      if (!url) throw new Error("no Postgres url");
      // Another database of the same cluster: xids are shared, so it holds this one back.
      const other = new pg.Client({
        connectionString: withDatabase(url, "postgres"),
        application_name: APP,
      });
      await other.connect();
      try {
        await other.query("begin");
        const { rows } = await other.query(
          "select pg_current_xact_id()::text as xid, pg_backend_pid() as pid",
        );
        const { xid, pid } = rows[0] as { xid: string; pid: number };
        // The snapshot's xmin in the test database is now at most that xid: pulls here wait.
        const [snap] = await queryRows<{ xmin: string }>(
          w.t.deps.db,
          sql`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`,
        );
        expect(BigInt(snap?.xmin ?? "0") <= BigInt(xid)).toBe(true);
        await new Promise((r) => setTimeout(r, HOLD_MS));

        // With the threshold at a second, it is listed, oldest first, and warned about.
        const h = await health(1);
        const ours = h.longTransactions.find((t) => t.pid === pid);
        expect(ours).toMatchObject({
          kind: "session",
          database: "postgres",
          application: APP,
          state: "idle in transaction",
        });
        expect(ours?.seconds).toBeGreaterThanOrEqual(1);
        const oldest = h.longTransactions[0];
        expect(h.warnings[0]).toMatch(
          /^A transaction open for \d+ seconds? holds back every device's sync \(/,
        );
        expect(h.warnings[0]).toContain(
          oldest?.kind === "prepared" ? `"${oldest.gid}"` : `pid ${oldest?.pid}`,
        );
        // The overview's attention panel reads the same warnings.
        const panel = await currentSyncWarnings(w.t.deps.db, w.t.deps.config, {
          longTransactionSeconds: 1,
        });
        expect(panel[0]).toBe(h.warnings[0]);
        // The sync page lists it (rendered from that answer, the admin's own zone).
        const html = String(
          await SyncPage({
            ctx: { user: { ...admin, timezone: "UTC" } as never, csrf: "" },
            h,
          }),
        );
        expect(html).toContain("Transactions holding back sync");
        expect(html).toContain(`<td>pid ${pid}</td><td>postgres</td><td>${APP}</td>`);

        // At the real threshold (a minute) a second-old transaction is no warning.
        expect(LONG_TRANSACTION_SECONDS).toBe(60);
        const api = await w.t.call("GET", "/api/admin/sync-health", { token: w.admin.token });
        expect(api.status).toBe(200);
        expect(api.body.longTransactions.map((t: { pid: number }) => t.pid)).not.toContain(pid);
      } finally {
        await other.query("rollback").catch(() => undefined);
        await other.end();
      }
      // Ended: gone from the list.
      const after = await health(1);
      expect(after.longTransactions.map((t) => t.application)).not.toContain(APP);
    },
  );
});
