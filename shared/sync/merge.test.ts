import { describe, expect, it } from "vitest";
import { mergeProgress, type ProgressDoc } from "./collections/learning";
import {
  type ConversationDoc,
  mergeConversation,
  mergeNotification,
  type NotificationDoc,
} from "./collections/messaging";

const p = (over: Partial<ProgressDoc>): ProgressDoc => ({
  id: "p",
  enrollmentId: "e",
  moduleId: "m",
  isComplete: false,
  completedAt: null,
  uncheckedAt: null,
  updatedAt: "2026-01-01T00:00:00.000Z",
  ...over,
});

describe("mergeProgress", () => {
  const done = p({ isComplete: true, completedAt: "2026-01-02T10:00:00.000Z" });
  it.each([
    ["a stale device (never checked) cannot undo completion", done, p({}), true],
    ["completion reaches a master that was never checked", p({}), done, true],
    [
      "an explicit un-check after completion wins",
      done,
      p({ uncheckedAt: "2026-01-02T11:00:00.000Z" }),
      false,
    ],
    [
      "an un-check older than the completion loses",
      done,
      p({ uncheckedAt: "2026-01-02T09:00:00.000Z" }),
      true,
    ],
    [
      "an old un-check on the master loses to a later completion",
      p({ uncheckedAt: "2026-01-02T09:00:00.000Z" }),
      done,
      true,
    ],
  ])("%s", (_label, master, fork, complete) => {
    expect(mergeProgress(master, fork).isComplete).toBe(complete);
    // Symmetric in outcome: which side is master does not change the answer.
    expect(mergeProgress(fork, master).isComplete).toBe(complete);
  });
  it("keeps the master's identity and server fields", () => {
    const merged = mergeProgress({ ...p({}), updatedAt: "2026-03-03T00:00:00.000Z" }, done);
    expect(merged.updatedAt).toBe("2026-03-03T00:00:00.000Z");
  });
});

describe("mergeConversation", () => {
  const conv = (a: string | null, b: string | null): ConversationDoc => ({
    id: "k",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-05T00:00:00.000Z",
    participants: [
      { userId: "a", joinedAt: "2026-01-01T00:00:00.000Z", lastReadAt: a },
      { userId: "b", joinedAt: "2026-01-01T00:00:00.000Z", lastReadAt: b },
    ],
  });
  it("read markers only move forward, per participant", () => {
    const merged = mergeConversation(
      conv("2026-01-03T00:00:00.000Z", null),
      conv("2026-01-02T00:00:00.000Z", "2026-01-04T00:00:00.000Z"),
    );
    expect(merged.participants.map((x) => x.lastReadAt)).toEqual([
      "2026-01-03T00:00:00.000Z",
      "2026-01-04T00:00:00.000Z",
    ]);
  });
});

describe("mergeNotification", () => {
  const n = (isRead: boolean, readAt: string | null): NotificationDoc => ({
    id: "n",
    userId: "u",
    type: "system",
    title: "t",
    body: "b",
    actionUrl: null,
    isRead,
    readAt,
    createdAt: "2026-01-01T00:00:00.000Z",
  });
  it("read on any device is read everywhere", () => {
    expect(mergeNotification(n(false, null), n(true, "2026-01-02T00:00:00.000Z")).isRead).toBe(
      true,
    );
    expect(mergeNotification(n(true, "2026-01-02T00:00:00.000Z"), n(false, null)).isRead).toBe(
      true,
    );
  });
});
