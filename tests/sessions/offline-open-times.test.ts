/**
 * Open times computed offline on the learner's device (client/app/sessions/offline-open-
 * times.ts) are the server's answer when the device knows what the server knows: the same
 * half-hour grid from "now", the same windows, the teacher's booked sessions removed. Checked
 * against the server's own function over the documents the learner's device pulls.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offlineOpenTimes, teacherBusy } from "../../client/app/sessions/offline-open-times";
import type { SessionDoc, SlotDoc } from "../../client/app/sessions/types";
import { addDays, utcToZoned, zonedToUtc } from "../../shared/scheduling/time-zones";
import { teacherOpenTimes } from "../../sync-server/scheduling/open-times";
import { bookSession, makeWorld, type World } from "../scheduling/world";
import { pullAll } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { session, TEACHER } from "./docs";

const _H = 3_600_000;
const LEARNER_TZ = "America/New_York";
const BERLIN = "Europe/Berlin";

describe("the offline grid, by itself", () => {
  const slot = {
    dayOfWeek: 3, // Wednesday 2026-06-10
    startTime: "18:00:00",
    endTime: "21:00:00",
    timezone: "UTC",
    isRecurring: true,
    specificDate: null,
  };
  const starts = (nowIso: string, busy: SessionDoc[] = []) =>
    offlineOpenTimes({
      slots: [slot],
      busy: teacherBusy(TEACHER, busy),
      from: "2026-06-10",
      to: "2026-06-10",
      timeZone: "UTC",
      nowMs: Date.parse(nowIso),
    }).map((s) => s.localStart.time.slice(0, 5));

  it("starts on the next half hour from now, not at now + 1 h (no 18:47)", () => {
    expect(starts("2026-06-10T17:47:00.000Z")).toEqual([
      "18:00",
      "18:30",
      "19:00",
      "19:30",
      "20:00",
    ]);
    expect(starts("2026-06-10T18:17:00.000Z")).toEqual(["18:30", "19:00", "19:30", "20:00"]);
    expect(starts("2026-06-10T18:30:00.000Z")).toEqual(["18:30", "19:00", "19:30", "20:00"]);
  });

  it("removes the teacher's sessions the device knows, and only active ones", () => {
    const booked = session("2026-06-10T19:00:00.000Z");
    const cancelled = session("2026-06-10T18:00:00.000Z", { status: "cancelled" });
    expect(starts("2026-06-10T12:00:00.000Z", [booked, cancelled])).toEqual(["18:00", "20:00"]);
  });

  it("offers nothing once the range is over", () => {
    expect(starts("2026-06-11T00:00:00.000Z")).toEqual([]);
  });
});

describe("offline = online when the device knows the teacher's sessions", () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp("pglite");
    // Unaligned window starts (09:15) and a slot running until midnight, in Berlin.
    const days = [0, 1, 2, 3, 4, 5, 6];
    w = await makeWorld(t, {
      learners: 1,
      sessionCount: 5,
      slots: days.flatMap((d) => [
        { dayOfWeek: d, startTime: "09:15:00", endTime: "12:00:00", timezone: BERLIN },
        { dayOfWeek: d, startTime: "20:00:00", endTime: "23:59:59", timezone: BERLIN },
      ]),
    });
    const l = w.learners[0];
    if (!l) throw new Error("learner");
    const tomorrow = addDays(utcToZoned(new Date(), BERLIN).date, 1);
    for (const time of ["09:45:00", "21:30:00"]) {
      const start = zonedToUtc(tomorrow, time, BERLIN);
      await bookSession(t, w, l, start);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("gives the very starts of the open-times route", async () => {
    const token = w.learners[0]?.token ?? "";
    const slots = [...(await pullAll(t, token, "availability", null)).docs.values()];
    const sessions = [...(await pullAll(t, token, "sessions", null)).docs.values()];
    expect(slots).toHaveLength(14);
    expect(sessions).toHaveLength(2);
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 17 * 60_000 + 3_000);
    const from = utcToZoned(now, LEARNER_TZ).date;
    const to = addDays(from, 14);
    const online = await teacherOpenTimes(t.deps.db, {
      teacherId: w.teacher.id,
      from,
      to,
      timeZone: LEARNER_TZ,
      minutes: 60,
      now,
    });
    const offline = offlineOpenTimes({
      slots: slots as unknown as SlotDoc[],
      busy: teacherBusy(w.teacher.id, sessions as unknown as SessionDoc[]),
      from,
      to,
      timeZone: LEARNER_TZ,
      nowMs: now.getTime(),
    });
    expect(online.starts.length).toBeGreaterThan(50);
    expect(offline).toEqual(online.starts);
  });
});
