/**
 * Availability and open times. A Berlin teacher's Monday 15:00–17:00, asked for by a learner
 * in New York across March 2027 (US summer time from 14 March, EU from 28 March): the API
 * answers in the learner's zone, minus booked time. Slots with unknown zones are refused at push.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { submitRequest } from "../../sync-server/scheduling/requests";
import { push } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { makeWorld, type World } from "./world";

describe.each(databaseKinds())("availability and open times (%s)", (kind) => {
  let t: TestApp;
  let w: World;
  let outsider: World;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await makeWorld(t, {
      learners: 2,
      sessionCount: 4,
      slots: [{ dayOfWeek: 1, startTime: "15:00", endTime: "17:00", timezone: "Europe/Berlin" }],
    });
    outsider = await makeWorld(t, { learners: 1, sessionCount: 1, slots: [] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const slot = (fields: Record<string, unknown>) => ({
    newDocumentState: {
      id: uuidv7(),
      userId: w.teacher.id,
      dayOfWeek: 2,
      startTime: "09:00",
      endTime: "10:00",
      timezone: "Europe/Berlin",
      isRecurring: true,
      specificDate: null,
      ...fields,
    },
  });

  it("refuses slots in unknown time zones or backwards, and other people's", async () => {
    for (const [fields, message] of [
      [{ timezone: "Europe/Atlantis" }, "Unknown time zone."],
      [{ startTime: "11:00", endTime: "10:00" }, "A slot must end after it starts"],
      [
        { isRecurring: false, specificDate: "2027-03-16", dayOfWeek: 3 },
        "dayOfWeek does not match",
      ],
      // Postgres has no year 0; the push must refuse it, not fail at the insert.
      [{ isRecurring: false, specificDate: "0000-01-04", dayOfWeek: 2 }, "year 1900 or later"],
    ] as const) {
      const res = await push(t, w.teacher.token, "availability", [slot(fields)]);
      expect([res.status, res.body.error.code]).toEqual([400, "push_rejected"]);
      const [r] = res.body.error.details.rejected;
      expect(r.code).toBe("invalid_document");
      expect(r.message).toContain(message);
    }
    const [l] = w.learners;
    const foreign = await push(t, l?.token ?? "", "availability", [slot({})]);
    expect(foreign.body.error.details.rejected[0].code).toBe("forbidden_write");
    const good = await push(t, w.teacher.token, "availability", [
      slot({ isRecurring: false, specificDate: "2027-03-16", dayOfWeek: 2 }),
    ]);
    expect([good.status, good.body]).toEqual([200, []]);
  });

  it("answers in the learner's zone across both March changes, minus booked time", async () => {
    const [l, other] = w.learners;
    if (!l || !other) throw new Error("learners");
    // Another learner holds Monday 22 March 15:00–16:00 Berlin (14:00Z).
    const o = await submitRequest(t.deps.db, t.deps.config, other.id, {
      kind: "book",
      teacherId: w.teacher.id,
      enrollmentId: other.enrollmentId,
      start: new Date("2027-03-22T14:00:00Z"),
      end: new Date("2027-03-22T15:00:00Z"),
    });
    expect(o.status).toBe("confirmed");
    const res = await t.call(
      "GET",
      `/api/teachers/${w.teacher.id}/open-times?from=2027-03-15&to=2027-03-29&tz=America/New_York`,
      { token: l.token },
    );
    expect(res.status).toBe(200);
    const windows = res.body.windows.map(
      (x: {
        localStart: { date: string; time: string };
        localEnd: { time: string };
        start: string;
      }) => `${x.localStart.date} ${x.localStart.time}-${x.localEnd.time} (${x.start})`,
    );
    expect(windows).toEqual([
      "2027-03-15 10:00:00-12:00:00 (2027-03-15T14:00:00.000Z)", // US summer, EU winter: 5 h apart
      "2027-03-16 04:00:00-05:00:00 (2027-03-16T08:00:00.000Z)", // the one-off Tuesday slot
      "2027-03-22 11:00:00-12:00:00 (2027-03-22T15:00:00.000Z)", // the first hour is booked
      "2027-03-29 09:00:00-11:00:00 (2027-03-29T13:00:00.000Z)", // both on summer time: 6 h
    ]);
    const starts = res.body.starts.map(
      (s: { localStart: { date: string; time: string } }) =>
        `${s.localStart.date} ${s.localStart.time}`,
    );
    expect(starts).toEqual([
      "2027-03-15 10:00:00",
      "2027-03-15 10:30:00",
      "2027-03-15 11:00:00",
      "2027-03-16 04:00:00",
      "2027-03-22 11:00:00",
      "2027-03-29 09:00:00",
      "2027-03-29 09:30:00",
      "2027-03-29 10:00:00",
    ]);
  });

  it("bad input is a 400, strangers a 404, no token a 401", async () => {
    const [l] = w.learners;
    if (!l) throw new Error("learner");
    const base = `/api/teachers/${w.teacher.id}/open-times`;
    for (const q of [
      "from=2027-03-15&to=2027-03-29&tz=Mars/Base",
      "from=2027-03-29&to=2027-03-15&tz=UTC",
      "from=2027-01-01&to=2027-12-31&tz=UTC",
      "from=yesterday&to=2027-03-15&tz=UTC",
    ]) {
      const res = await t.call("GET", `${base}?${q}`, { token: l.token });
      expect([res.status, res.body.error.code]).toEqual([400, "validation_failed"]);
    }
    const q = "from=2027-03-15&to=2027-03-16&tz=UTC";
    const stranger = outsider.learners[0];
    const res = await t.call("GET", `${base}?${q}`, { token: stranger?.token ?? "" });
    expect([res.status, res.body.error.code]).toEqual([404, "not_found"]);
    expect((await t.call("GET", `${base}?${q}`)).status).toBe(401);
  });
});
