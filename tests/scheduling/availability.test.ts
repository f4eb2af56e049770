/**
 * Availability and open times. A Berlin teacher's Monday 15:00–17:00, asked for by a learner
 * in New York across next year's March (US summer time from the second Sunday, EU from the
 * last Sunday — computed from today, so the case never slides into the past): the API
 * answers in the learner's zone, minus booked time. Slots with unknown zones are refused at push.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { submitRequest } from "../../sync-server/scheduling/requests";
import { push } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { makeWorld, type World } from "./world";

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Next year's two March changes (UTC midnight of each Sunday), from the rules themselves. */
function nextMarch() {
  const year = new Date().getUTCFullYear() + 1;
  const march = (day: number) => Date.UTC(year, 2, day);
  const firstSunday = 1 + ((7 - new Date(march(1)).getUTCDay()) % 7);
  const us = march(firstSunday + 7); // second Sunday of March
  const eu = march(31 - new Date(march(31)).getUTCDay()); // last Sunday of March
  return { year, us, eu };
}

/** The UTC offset (hours) of `timeZone` at an instant, read from Intl. */
function offsetHours(timeZone: string, at: number): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(new Date(at))
    .find((p) => p.type === "timeZoneName")?.value;
  const m = name?.match(/GMT([+-]\d{2}):?(\d{2})?/);
  return m ? Number(m[1]) : 0;
}

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

  const { year, us, eu } = nextMarch();
  const mondays: number[] = [];
  for (let d = us - 6 * DAY; d <= eu + DAY; d += 7 * DAY) mondays.push(d);
  const tuesday = iso(us + 2 * DAY); // the first Tuesday of US summer time, EU still winter
  const booked = mondays[2] as number; // a Monday between the two changes

  it("straddles both real March changes", () => {
    expect(new Date(us).getUTCDay()).toBe(0);
    expect(new Date(eu).getUTCDay()).toBe(0);
    // New York moves on its Sunday, Berlin on its own, two or three weeks later.
    expect([
      offsetHours("America/New_York", us - DAY),
      offsetHours("America/New_York", us + DAY),
    ]).toEqual([-5, -4]);
    expect([
      offsetHours("Europe/Berlin", eu - DAY),
      offsetHours("Europe/Berlin", eu + DAY),
    ]).toEqual([1, 2]);
    expect(offsetHours("Europe/Berlin", us + DAY)).toBe(1);
    expect(mondays.length).toBeGreaterThanOrEqual(4);
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
      [{ isRecurring: false, specificDate: tuesday, dayOfWeek: 3 }, "dayOfWeek does not match"],
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
      slot({ isRecurring: false, specificDate: tuesday, dayOfWeek: 2 }),
    ]);
    expect([good.status, good.body]).toEqual([200, []]);
  });

  it("answers in the learner's zone across both March changes, minus booked time", async () => {
    const [l, other] = w.learners;
    if (!l || !other) throw new Error("learners");
    // Another learner holds the middle Monday 15:00–16:00 Berlin (14:00Z, CET).
    const o = await submitRequest(t.deps.db, t.deps.config, other.id, {
      kind: "book",
      teacherId: w.teacher.id,
      enrollmentId: other.enrollmentId,
      start: new Date(booked + 14 * 3_600_000),
      end: new Date(booked + 15 * 3_600_000),
    });
    expect(o.status).toBe("confirmed");
    const from = iso(mondays[0] as number);
    const to = iso(mondays.at(-1) as number);
    const res = await t.call(
      "GET",
      `/api/teachers/${w.teacher.id}/open-times?from=${from}&to=${to}&tz=America/New_York`,
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
    // Expected from the rules alone: Berlin is UTC+1 until its change, then +2; New York is
    // UTC-5 until its change, then -4. So 15:00 Berlin is 09:00, then 10:00, then 09:00 in
    // New York: 6 h apart, 5 h between the changes, 6 h again after both.
    const hh = (h: number) => `${String(h).padStart(2, "0")}:00:00`;
    const expected: [number, string][] = [];
    for (const m of mondays) {
      const utc = 15 - (m > eu ? 2 : 1);
      const ny = utc + (m > us ? -4 : -5);
      const skip = m === booked ? 1 : 0; // its first hour is booked
      expected.push([
        m,
        `${iso(m)} ${hh(ny + skip)}-${hh(ny + 2)} (${new Date(m + (utc + skip) * 3_600_000).toISOString()})`,
      ]);
    }
    // The one-off Tuesday 09:00–10:00 Berlin (CET, 08:00Z) is 04:00–05:00 in New York (EDT).
    const tue = us + 2 * DAY;
    expected.push([
      tue,
      `${iso(tue)} 04:00:00-05:00:00 (${new Date(tue + 8 * 3_600_000).toISOString()})`,
    ]);
    expect(windows).toEqual(expected.sort((a, b) => a[0] - b[0]).map(([, text]) => text));
    const starts = res.body.starts.map(
      (s: { localStart: { date: string; time: string } }) =>
        `${s.localStart.date} ${s.localStart.time}`,
    );
    // Hour-long sessions every half hour: three starts in a two-hour window, one in an hour.
    const expectedStarts = mondays.flatMap((m) => {
      const ny = 15 - (m > eu ? 2 : 1) + (m > us ? -4 : -5);
      const times =
        m === booked
          ? [`${hh(ny + 1)}`]
          : [hh(ny), `${String(ny).padStart(2, "0")}:30:00`, hh(ny + 1)];
      return times.map((x) => [m, `${iso(m)} ${x}`] as [number, string]);
    });
    expectedStarts.push([tue, `${iso(tue)} 04:00:00`]);
    expect(starts).toEqual(
      expectedStarts.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])).map(([, x]) => x),
    );
    expect(year).toBeGreaterThan(new Date().getUTCFullYear());
  });

  it("bad input is a 400, strangers a 404, no token a 401", async () => {
    const [l] = w.learners;
    if (!l) throw new Error("learner");
    const base = `/api/teachers/${w.teacher.id}/open-times`;
    for (const q of [
      `from=${year}-03-15&to=${year}-03-29&tz=Mars/Base`,
      `from=${year}-03-29&to=${year}-03-15&tz=UTC`,
      `from=${year}-01-01&to=${year}-12-31&tz=UTC`,
      `from=yesterday&to=${year}-03-15&tz=UTC`,
    ]) {
      const res = await t.call("GET", `${base}?${q}`, { token: l.token });
      expect([res.status, res.body.error.code]).toEqual([400, "validation_failed"]);
    }
    const q = `from=${year}-03-15&to=${year}-03-16&tz=UTC`;
    const stranger = outsider.learners[0];
    const res = await t.call("GET", `${base}?${q}`, { token: stranger?.token ?? "" });
    expect([res.status, res.body.error.code]).toEqual([404, "not_found"]);
    expect((await t.call("GET", `${base}?${q}`)).status).toBe(401);
  });
});
