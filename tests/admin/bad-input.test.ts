/**
 * Crafted input on every admin list, on the JSON API and on the HTML pages: a cursor that
 * is not one the server wrote (a year Postgres cannot cast, a negative year, 31 February, a
 * bad id, extra parts) is `400 invalid_cursor`, and search text Postgres refuses (a NUL
 * byte) or no search box would send (control characters) is `400 validation_failed` —
 * never a 500. Free-text inputs of the actions (reasons, notes) refuse NUL too, and change
 * nothing. A well-formed cursor still pages.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import * as s from "../../sync-server/db/schema";
import { databaseKinds } from "../support/test-db";
import { type AdminWorld, adminWorld, cookieCall, seedCertificate } from "./support";

const ID = "0190a8b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b";
const ISO = "2026-03-04T05:06:07.089Z";

/** Cursors of the `<instant>_<id>` lists that decodeCursor must refuse. */
const BAD_AT_ID = [
  `99999_${ID}`, // new Date("99999") is year +099999: Postgres refuses the cast
  `+099999-01-01T00:00:00.000Z_${ID}`,
  `-000001-01-01T00:00:00.000Z_${ID}`, // a year before the common era
  `-271821-04-20T00:00:00.000Z_${ID}`,
  `0000-01-01T00:00:00.000Z_${ID}`,
  `1969-12-31T23:59:59.999Z_${ID}`,
  `2026-02-30T00:00:00.000Z_${ID}`, // no such day
  `2026-03-04_${ID}`,
  `${ISO}_not-a-uuid`,
  `${ISO}_${ID}_extra`,
  `${ISO}`,
  "garbage",
];
/** Cursors of the flag queue (`<pending>_<instant>_<id>`). */
const BAD_FLAG = [
  `1_99999_${ID}`,
  `0_-000001-01-01T00:00:00.000Z_${ID}`,
  `2_${ISO}_${ID}`,
  `1_${ISO}_nope`,
  `1_${ISO}`,
  `${ISO}_${ID}`,
  "junk",
];
/** Cursors of the refunds owed (`<owed>_<instant>_<id>`). */
const BAD_REFUND = [
  `1_99999_${ID}`,
  `0_-000001-01-01T00:00:00.000Z_${ID}`,
  `2_${ISO}_${ID}`,
  `1_${ISO}_nope`,
  `0_${ISO}`,
  `${ISO}_${ID}`,
  "1_",
  "junk",
];
/** Cursors of the payout queue (`<cents>_<currency>_<recipient>`). */
const BAD_QUEUE = [`1_usd_${ID}`, `1_USD_x`, `1234567890123456_USD_${ID}`, `-5_USD_${ID}`, "1_x"];

describe.each(databaseKinds())("admin lists refuse crafted input on %s", (kind) => {
  let w: AdminWorld;
  const api = (path: string) => w.t.call("GET", path, { token: w.admin.token });
  const html = (path: string) => cookieCall(w.t, "GET", path, w.admin.token);

  beforeAll(async () => {
    w = await adminWorld(kind);
    await seedCertificate(w.t, w.learner.id, w.admin.id);
  });
  afterAll(async () => {
    await w?.t.close();
  });

  /** Every keyset-paged list: its API path and the page and parameter that carry its cursor. */
  const lists: { api: string; page: string; param: string; bad: string[] }[] = [
    { api: "/api/admin/users", page: "/admin/users", param: "cursor", bad: BAD_AT_ID },
    {
      api: "/api/admin/money/transactions",
      page: "/admin/money",
      param: "cursor",
      bad: BAD_AT_ID,
    },
    { api: "/api/admin/payouts", page: "/admin/money", param: "payoutsCursor", bad: BAD_AT_ID },
    {
      api: "/api/admin/money/refunds-owed",
      page: "/admin/money",
      param: "refundsCursor",
      bad: BAD_REFUND,
    },
    {
      api: "/api/admin/payouts/queue",
      page: "/admin/money",
      param: "queueCursor",
      bad: BAD_QUEUE,
    },
    {
      api: "/api/admin/certificates",
      page: "/admin/certificates",
      param: "cursor",
      bad: BAD_AT_ID,
    },
    { api: "/api/admin/outbox", page: "/admin/outbox", param: "cursor", bad: BAD_AT_ID },
    { api: "/api/admin/audit", page: "/admin/audit", param: "cursor", bad: BAD_AT_ID },
    { api: "/api/admin/flags", page: "/admin/flags", param: "cursor", bad: BAD_FLAG },
  ];

  it("answers 400 invalid_cursor to a crafted cursor on every paged list's API", async () => {
    for (const list of lists) {
      for (const cursor of list.bad) {
        const res = await api(`${list.api}?cursor=${encodeURIComponent(cursor)}`);
        expect(res.status, `${list.api} ${cursor}`).toBe(400);
        expect(res.body.error.code, `${list.api} ${cursor}`).toBe("invalid_cursor");
      }
    }
  });

  it("answers a 400 page to a crafted cursor on every paged list's HTML page", async () => {
    for (const list of lists) {
      for (const cursor of list.bad) {
        const res = await html(`${list.page}?${list.param}=${encodeURIComponent(cursor)}`);
        const label = `${list.page} ${list.param}=${cursor}`;
        expect(res.status, label).toBe(400);
        expect(String(res.body), label).toContain("<h1>Bad request</h1>");
        expect(String(res.body), label).toContain("This page link is not valid");
      }
    }
  });

  it("still pages with the cursors it wrote, at the edges of the accepted range too", async () => {
    const first = await api("/api/admin/users?limit=2");
    const next = await api(
      `/api/admin/users?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(next.status).toBe(200);
    expect(next.body.items).toHaveLength(2);
    for (const at of ["1970-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z"]) {
      for (const list of lists.filter((l) => l.bad === BAD_AT_ID)) {
        const res = await api(`${list.api}?cursor=${encodeURIComponent(`${at}_${ID}`)}`);
        expect(res.status, `${list.api} ${at}`).toBe(200);
      }
      for (const list of ["/api/admin/flags", "/api/admin/money/refunds-owed"]) {
        for (const first of ["0", "1"]) {
          const res = await api(`${list}?cursor=${encodeURIComponent(`${first}_${at}_${ID}`)}`);
          expect(res.status, `${list} ${first}_${at}`).toBe(200);
        }
      }
    }
    expect((await api(`/api/admin/payouts/queue?cursor=100_USD_${ID}`)).status).toBe(200);
  });

  /** Every searchable list: its API path and search parameters, and its page's. */
  const searches: { api: string[]; page: string[] }[] = [
    { api: ["/api/admin/users?q="], page: ["/admin/users?q="] },
    { api: ["/api/admin/courses?q="], page: ["/admin/courses?q="] },
    {
      api: [
        "/api/admin/money/transactions?q=",
        "/api/admin/payouts?q=",
        "/api/admin/payouts/queue?q=",
        "/api/admin/money/refunds-owed?q=",
      ],
      page: [
        "/admin/money?q=",
        "/admin/money?payoutsQ=",
        "/admin/money?queueQ=",
        "/admin/money?refundsQ=",
      ],
    },
    { api: ["/api/admin/certificates?q="], page: ["/admin/certificates?q="] },
    { api: ["/api/admin/outbox?q="], page: ["/admin/outbox?q="] },
    {
      api: ["/api/admin/audit?q=", "/api/admin/audit?targetId="],
      page: ["/admin/audit?q=", "/admin/audit?targetId="],
    },
    { api: ["/api/admin/flags?q="], page: ["/admin/flags?q="] },
  ];
  const badText = ["%00", "ab%00cd", `${encodeURIComponent(ID)}%00`, "%01", "a%0Ab", "%7F"];

  it("answers 400 validation_failed to a NUL byte or a control character in any search", async () => {
    for (const { api: paths, page: pages } of searches) {
      for (const text of badText) {
        for (const path of paths) {
          const res = await api(`${path}${text}`);
          expect(res.status, `${path}${text}`).toBe(400);
          expect(res.body.error.code, `${path}${text}`).toBe("validation_failed");
        }
        for (const path of pages) {
          const res = await html(`${path}${text}`);
          expect(res.status, `${path}${text}`).toBe(400);
          expect(String(res.body)).toContain("<h1>Bad request</h1>");
        }
      }
    }
    // Plain text still searches (and a lone "%" is a character, not a pattern).
    expect((await api("/api/admin/users?q=admin")).body.items).toHaveLength(1);
    expect((await api("/api/admin/audit?q=%25")).status).toBe(200);
  });

  it("refuses a NUL byte in reasons and notes, changing nothing", async () => {
    const post = (path: string, body: unknown) =>
      w.t.call("POST", path, { token: w.admin.token, body });
    const audit = async () => (await w.t.deps.db.select().from(s.adminAuditLog)).length;
    const before = await audit();
    const disable = await post(`/api/admin/users/${w.learner.id}/disable`, {
      reason: "spam\u0000",
    });
    expect([disable.status, disable.body.error.code]).toEqual([400, "validation_failed"]);
    const [user] = await w.t.deps.db.select().from(s.users).where(eq(s.users.id, w.learner.id));
    expect(user?.disabledAt).toBeNull();
    const [cert] = await w.t.deps.db.select().from(s.certificates).limit(1);
    const revoke = await post(`/api/admin/certificates/${cert?.id}/revoke`, {
      reason: "bad\u0000reason",
    });
    expect(revoke.status).toBe(400);
    const [again] = await w.t.deps.db
      .select()
      .from(s.certificates)
      .where(eq(s.certificates.id, cert?.id ?? ""));
    expect(again?.revokedAt).toBeNull();
    const postId = uuidv7();
    await w.t.deps.db
      .insert(s.posts)
      .values({ id: postId, authorId: w.learner.id, content: "Flag me" });
    const flagId = uuidv7();
    await w.t.deps.db
      .insert(s.contentFlags)
      .values({ id: flagId, postId, flaggedBy: w.admin.id, reason: "spam" });
    const review = await post(`/api/admin/flags/${flagId}/review`, {
      decision: "dismiss",
      note: "\u0000",
    });
    expect(review.status).toBe(400);
    const [flag] = await w.t.deps.db
      .select()
      .from(s.contentFlags)
      .where(eq(s.contentFlags.id, flagId));
    expect(flag?.status).toBe("pending");
    expect(await audit()).toBe(before);
    // Line breaks in a note are fine.
    const ok = await post(`/api/admin/flags/${flagId}/review`, {
      decision: "dismiss",
      note: "Not spam.\nChecked twice.",
    });
    expect(ok.status).toBe(200);
  });
});
