/// <reference types="mocha" />
/**
 * The app's components in Chromium: the sync status in its states (offline calm, pending
 * changes, an error with Retry), the course page's grouping, and the catalog offline.
 * Rendered with `h` (no JSX here, so the test runner needs no JSX setup for test files).
 */
import { h, render } from "preact";
import { LocationProvider } from "preact-iso";
import { BehaviorSubject } from "rxjs";
import { CourseBody } from "../../../client/app/components/course-body";
import { SyncStatusBar } from "../../../client/app/components/sync-status";
import type { CourseView } from "../../../client/app/data/course-view";
import { type Local, localState } from "../../../client/app/data/local";
import { forgetSession, saveSession } from "../../../client/app/data/session";
import { Catalog, toApiQuery } from "../../../client/app/screens/catalog";
import type { SyncStatus } from "../../../client/sync/index";
import { check, until } from "./support";

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement("div");
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  localState.set({ kind: "none" });
  forgetSession();
});

function status(over: Partial<SyncStatus>): SyncStatus {
  return {
    online: true,
    syncing: false,
    pendingChanges: 0,
    lastSyncedAt: new Date(Date.now() - 120_000).toISOString(),
    lastError: null,
    initialSync: { done: true, collectionsDone: 10, collectionsTotal: 10, documentsReceived: 50 },
    ...over,
  };
}

function fakeLocal(initial: SyncStatus) {
  const status$ = new BehaviorSubject(initial);
  const calls: string[] = [];
  const sync = {
    status$,
    get status() {
      return status$.getValue();
    },
    resync: () => calls.push("resync"),
    dismissError: () => calls.push("dismiss"),
  };
  saveSession({
    token: "t".repeat(32),
    expiresAt: new Date(Date.now() + 1e9).toISOString(),
    user: { id: "u1", name: "Test", email: "t@example.com" } as never,
  });
  localState.set({ kind: "ready", local: { userId: "u1", db: {}, sync } as unknown as Local });
  return { status$, calls };
}

describe("sync status", () => {
  it("shows offline calmly, with the changes waiting to upload", async () => {
    fakeLocal(status({ online: false, pendingChanges: 2 }));
    render(h(SyncStatusBar, {}), root);
    await until(() => /Offline/.test(root.textContent ?? ""), "offline text");
    const text = root.textContent ?? "";
    check(text.includes("2 changes waiting to upload"), text);
    check(text.includes("Synced 2 min ago"), text);
    check(!root.querySelector("[role=alert]"), "offline is not an error");
  });

  it("shows the first sync's progress", async () => {
    const first = { done: false, collectionsDone: 3, collectionsTotal: 10, documentsReceived: 40 };
    fakeLocal(status({ lastSyncedAt: null, initialSync: first }));
    render(h(SyncStatusBar, {}), root);
    await until(() => Boolean(root.querySelector("progress")), "progress bar");
    const bar = root.querySelector("progress") as HTMLProgressElement;
    check(bar.value === 3 && bar.max === 10, `progress ${bar.value}/${bar.max}`);
    check(/3 of 10 parts, 40 items/.test(bar.getAttribute("aria-label") ?? ""), "labelled");
  });

  it("shows a current error with Retry, which resyncs", async () => {
    const at = new Date().toISOString();
    const { calls } = fakeLocal(
      status({ lastError: { code: "forbidden_write", message: "Not allowed", at } }),
    );
    render(h(SyncStatusBar, {}), root);
    await until(() => Boolean(root.querySelector("[role=alert]")), "error");
    const retry = [...root.querySelectorAll("button")].find((b) => b.textContent === "Retry");
    check(retry, "a Retry button");
    retry.click();
    check(calls.join() === "dismiss,resync", `calls: ${calls.join()}`);
  });
});

const course: CourseView = {
  id: "c1",
  slug: "c",
  title: "A course",
  tagline: "Learn things",
  description: "All about it",
  duration: "2 sessions",
  durationWeeks: 1,
  totalDuration: "3 hours",
  sessionCount: 2,
  moduleCount: 3,
  lessonCount: 5,
  format: "Live 1-on-1",
  level: "beginner",
  priceCents: 14900,
  currency: "USD",
  thumbnailUrl: null,
  rating: 4.9,
  ratingCount: 12,
  studentCount: 7,
  badge: "bestseller",
  lifetimeAccess: true,
  hasCertificate: true,
  certificateName: "Certificate of Completion",
  objectives: ["Build an app"],
  includes: ["Sessions"],
  prerequisites: [
    { type: "not_required", content: "No coding" },
    { type: "required", content: "A computer" },
  ],
  targetAudience: ["Beginners"],
  testimonials: [{ quote: "Great", studentName: "Sam", studentRole: null, isFeatured: true }],
  tags: ["ai"],
  features: {
    oneOnOneTeaching: true,
    certifiedTeachers: true,
    earnWhileTeaching: true,
    teacherCommission: 70,
  },
  categoryName: "AI",
  creator: { id: "p1", name: "Gabriel", handle: "gabriel", title: null, bioShort: null },
  teacherCount: 2,
  curriculum: [
    {
      id: "m3",
      moduleOrder: 3,
      sessionNumber: 2,
      title: "Third",
      description: "",
      duration: "1h",
      topics: [],
    },
    {
      id: "m1",
      moduleOrder: 1,
      sessionNumber: 1,
      title: "First",
      description: "",
      duration: "1h",
      topics: [],
    },
    {
      id: "m2",
      moduleOrder: 2,
      sessionNumber: 1,
      title: "Second",
      description: "",
      duration: "1h",
      topics: [],
    },
  ],
};

describe("course page body", () => {
  it("groups prerequisites by tier and the curriculum by session, in order", () => {
    render(h(CourseBody, { course, actions: null }), root);
    const tiers = [...root.querySelectorAll(".tier h3")].map((e) => e.textContent);
    check(tiers.join() === "Required,Not required", `tiers: ${tiers.join()}`);
    const sessions = [...root.querySelectorAll(".session")].map(
      (s) =>
        `${s.querySelector("h3")?.textContent}:${[...s.querySelectorAll("strong")].map((e) => e.textContent).join("+")}`,
    );
    check(sessions.join() === "Session 1:First+Second,Session 2:Third", sessions.join());
    const text = root.textContent ?? "";
    for (const s of [
      "70% commission",
      "1-on-1 teaching",
      "Certificate of Completion",
      "Gabriel",
      "$149.00",
    ]) {
      check(text.includes(s), `shows ${s}`);
    }
  });
});

describe("catalog", () => {
  it("sends prices in cents", () => {
    const q = new URLSearchParams(
      toApiQuery({ minPrice: "10", maxPrice: "99.5", level: "beginner" }),
    );
    check(q.get("minPriceCents") === "1000" && q.get("maxPriceCents") === "9950", q.toString());
    check(q.get("level") === "beginner", "level passes through");
  });

  it("shows the saved results offline, saying so", async () => {
    const card = {
      id: "c1",
      slug: "saved-course",
      title: "Saved course",
      tagline: null,
      level: "beginner",
      priceCents: 0,
      currency: "USD",
      duration: "1 week",
      durationWeeks: 1,
      rating: null,
      ratingCount: null,
      studentCount: 1,
      badge: null,
      thumbnailUrl: null,
      category: { slug: "x", name: "X" },
      creator: { id: "p", name: "P", handle: "p" },
      createdAt: new Date().toISOString(),
    };
    localStorage.setItem(
      "peerloop.catalog.pages",
      JSON.stringify([
        { key: toApiQuery({}), at: new Date().toISOString(), page: { courses: [card], total: 1 } },
      ]),
    );
    const realFetch = window.fetch;
    window.fetch = () => Promise.reject(new TypeError("Failed to fetch"));
    try {
      history.replaceState(null, "", "/courses");
      render(h(LocationProvider, {}, h(Catalog, {})), root);
      await until(() => /You are offline/.test(root.textContent ?? ""), "offline notice");
      check(root.textContent?.includes("Saved course"), "the saved course is listed");
    } finally {
      window.fetch = realFetch;
      localStorage.removeItem("peerloop.catalog.pages");
    }
  });
});
