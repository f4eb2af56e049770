/**
 * What the Sessions screen offers on a session (client/app/sessions/actions.ts): only what
 * the server accepts — Start from 15 minutes before, Complete once started or over, no
 * Cancel or Move on a session in progress — the rating's state, and the cancel warning
 * (the learner's only, with the real deadline).
 */
import { describe, expect, it } from "vitest";
import {
  actionsFor,
  cancelNotice,
  moveNotice,
  ratingState,
} from "../../client/app/sessions/actions";
import { START_EARLY_MS } from "../../shared/scheduling/lifecycle";
import { ME, request, session, TEACHER } from "./docs";

const H = 3_600_000;
const START = "2026-06-10T12:00:00.000Z";
const T0 = Date.parse(START);
const offered = (a: ReturnType<typeof actionsFor>) =>
  (["join", "start", "complete", "cancel", "move"] as const).filter((k) => a[k]);

describe("actionsFor", () => {
  const s = session(START);
  const live = session(START, { status: "in_progress" });
  it.each([
    ["teacher, a day before", s, TEACHER, T0 - 24 * H, ["join", "cancel", "move"], null],
    [
      "teacher, 15 min 1 ms before",
      s,
      TEACHER,
      T0 - START_EARLY_MS - 1,
      ["join", "cancel", "move"],
      null,
    ],
    [
      "teacher, 15 min before",
      s,
      TEACHER,
      T0 - START_EARLY_MS,
      ["join", "start", "cancel", "move"],
      null,
    ],
    [
      "teacher, after the start",
      s,
      TEACHER,
      T0 + 60_000,
      ["join", "start", "complete", "cancel", "move"],
      null,
    ],
    ["teacher, in progress", live, TEACHER, T0 + 60_000, ["join", "complete"], "In progress"],
    ["learner, in progress", live, ME, T0 + 60_000, ["join"], "In progress"],
    ["learner, 15 min before", s, ME, T0 - START_EARLY_MS, ["join", "cancel", "move"], null],
    ["teacher, time over", s, TEACHER, T0 + 2 * H, ["complete"], "Needs completing"],
    ["learner, time over", s, ME, T0 + 2 * H, [], "Waiting for the teacher to complete"],
    [
      "teacher, in progress and over",
      live,
      TEACHER,
      T0 + 2 * H,
      ["join", "complete"],
      "Needs completing",
    ],
    [
      "teacher, completed",
      session(START, { status: "completed" }),
      TEACHER,
      T0 + 2 * H,
      [],
      "Completed",
    ],
    ["learner, cancelled", session(START, { status: "cancelled" }), ME, T0 - H, [], "Cancelled"],
  ] as const)("%s", (_what, doc, who, now, actions, state) => {
    const a = actionsFor(doc, who, now);
    expect(offered(a)).toEqual(actions);
    expect(a.state).toBe(state);
  });
});

describe("ratingState", () => {
  const done = session(START, { status: "completed" });
  const rate = (over: Parameters<typeof request>[0]) =>
    request({ kind: "rate", targetSessionId: done.id, rating: 4, ...over });

  it("nothing before completion; can rate once completed", () => {
    expect(ratingState(session(START), ME, [])).toEqual({ kind: "none" });
    expect(ratingState(done, ME, [])).toEqual({ kind: "can_rate", declined: null });
  });

  it("a rating written offline is pending until the server decides", () => {
    expect(ratingState(done, ME, [rate({})])).toEqual({ kind: "pending", rating: 4 });
  });

  it("confirmed (before or after the assessment syncs back) shows the rating given", () => {
    expect(ratingState(done, ME, [rate({ status: "confirmed", comment: "Great" })])).toEqual({
      kind: "rated",
      rating: 4,
      comment: "Great",
    });
    const assessed = {
      ...done,
      assessments: [
        {
          id: done.id,
          assessorId: ME,
          assesseeId: TEACHER,
          rating: 5,
          comment: null,
          createdAt: START,
        },
      ],
    };
    expect(ratingState(assessed, ME, [])).toEqual({ kind: "rated", rating: 5, comment: null });
    // The teacher has not rated yet: their own state is separate.
    expect(ratingState(assessed, TEACHER, [])).toEqual({ kind: "can_rate", declined: null });
  });

  it("shows the decline reason: for good when already rated, else with another try", () => {
    const refused = rate({
      status: "declined",
      declineCode: "already_rated",
      declineMessage: "You have already rated this session.",
    });
    expect(ratingState(done, ME, [refused])).toEqual({
      kind: "refused",
      message: "You have already rated this session.",
    });
    const early = rate({
      status: "declined",
      declineCode: "not_completed",
      declineMessage: "You can rate a session once it is completed.",
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    const again = rate({ createdAt: "2026-01-02T00:00:00.000Z" });
    expect(ratingState(done, ME, [early])).toEqual({
      kind: "can_rate",
      declined: "You can rate a session once it is completed.",
    });
    expect(ratingState(done, ME, [early, again]).kind).toBe("pending");
  });
});

describe("cancel and move notices", () => {
  const s = session(START, { freeCancelUntil: "2026-06-09T12:00:00.000Z" }); // 24 h
  const when = (iso: string) => `<${iso}>`;

  it("tells the learner the real deadline, before and after it", () => {
    const before = cancelNotice(s, ME, Date.parse("2026-06-09T11:59:59.999Z"), when);
    expect(before).toContain("free until <2026-06-09T12:00:00.000Z>");
    expect(before).toContain("counts as used");
    const after = cancelNotice(s, ME, Date.parse("2026-06-09T12:00:00.000Z"), when);
    expect(after).toContain("ended <2026-06-09T12:00:00.000Z>");
    expect(after).not.toContain("12 hours");
    expect(moveNotice(s, ME, T0 - 48 * H, when)).toContain("free until <2026-06-09T12:00");
  });

  it("never warns the teacher (their changes never count)", () => {
    const text = cancelNotice(s, TEACHER, T0 - H, when);
    expect(text).not.toContain("counts as used");
    expect(text).toContain("never counts");
    expect(moveNotice(s, TEACHER, T0 - H, when)).toBeNull();
  });
});
