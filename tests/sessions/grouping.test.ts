/**
 * The Sessions screen's grouping and counting (client/app/sessions/grouping.ts): a session
 * whose time is over but that is not completed stays on the screen; cancelled ones are
 * listed while recent; sessions left follow the server's rule (late cancellations count).
 */
import { describe, expect, it } from "vitest";
import {
  groupSessions,
  MAX_CANCELLED_SHOWN,
  phaseOf,
  sessionsLeft,
} from "../../client/app/sessions/grouping";
import { ENROLLMENT, ME, request, session, TEACHER } from "./docs";

const NOW = Date.parse("2026-06-10T12:00:00.000Z");
const H = 3_600_000;
const at = (hoursFromNow: number) => new Date(NOW + hoursFromNow * H).toISOString();

describe("phaseOf", () => {
  it.each([
    ["scheduled, later today", session(at(3)), "upcoming"],
    ["scheduled, running now", session(at(-0.5)), "upcoming"],
    ["in progress, running now", session(at(-0.5), { status: "in_progress" }), "upcoming"],
    ["scheduled, ended exactly now", session(at(-1)), "overdue"],
    ["scheduled, ended yesterday", session(at(-25)), "overdue"],
    ["in progress, ended an hour ago", session(at(-2), { status: "in_progress" }), "overdue"],
    ["completed", session(at(-30), { status: "completed" }), "completed"],
    ["cancelled, in the future", session(at(30), { status: "cancelled" }), "cancelled"],
  ] as const)("%s → %s", (_what, s, phase) => {
    expect(phaseOf(s, NOW)).toBe(phase);
  });
});

describe("groupSessions", () => {
  it("keeps sessions whose time is over, oldest first; upcoming soonest first", () => {
    const a = session(at(-50));
    const b = session(at(-3), { status: "in_progress" });
    const c = session(at(5));
    const d = session(at(1));
    const done = session(at(-100), { status: "completed" });
    const g = groupSessions([c, done, b, d, a], NOW);
    expect(g.overdue.map((s) => s.id)).toEqual([a.id, b.id]);
    expect(g.upcoming.map((s) => s.id)).toEqual([d.id, c.id]);
    expect(g.completed.map((s) => s.id)).toEqual([done.id]);
  });

  it("lists recent cancellations latest first, at most MAX_CANCELLED_SHOWN, none older than 30 days", () => {
    const old = session(at(-24 * 31), { status: "cancelled" });
    const recent = Array.from({ length: MAX_CANCELLED_SHOWN + 2 }, (_, i) =>
      session(at(-i * 24 + 48), { status: "cancelled" }),
    );
    const g = groupSessions([old, ...recent], NOW);
    expect(g.cancelled).toHaveLength(MAX_CANCELLED_SHOWN);
    expect(g.cancelled[0]?.id).toBe(recent[0]?.id);
    expect(g.cancelled.some((s) => s.id === old.id)).toBe(false);
  });
});

describe("sessions left", () => {
  it("drops after a learner's late cancellation, not after a free one", () => {
    const done = session(at(-48), { status: "completed" });
    const free = session(at(72), { status: "cancelled", cancelledBy: ME });
    const late = session(at(2), { status: "cancelled", cancelledBy: ME, countsAsUsed: true });
    const other = session(at(5), { enrollmentId: TEACHER }); // another enrollment
    expect(sessionsLeft(4, ENROLLMENT, [done, free, other], [])).toEqual({
      left: 3,
      used: 1,
      pending: 0,
    });
    expect(sessionsLeft(4, ENROLLMENT, [done, free, late, other], []).left).toBe(2);
  });

  it("counts bookings still waiting for the server, never below zero, and none for no limit", () => {
    const waiting = request({ kind: "book", enrollmentId: ENROLLMENT });
    const declined = request({ kind: "book", enrollmentId: ENROLLMENT, status: "declined" });
    const s = [session(at(3))];
    expect(sessionsLeft(2, ENROLLMENT, s, [waiting, declined])).toEqual({
      left: 0,
      used: 1,
      pending: 1,
    });
    expect(sessionsLeft(1, ENROLLMENT, s, [waiting]).left).toBe(0);
    expect(sessionsLeft(null, ENROLLMENT, s, [waiting]).left).toBeNull();
  });
});
