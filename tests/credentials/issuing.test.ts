/**
 * Issuing certificates: only the course's creator issues, only the learner's own
 * Student-Teacher recommends, and each rule answers with its own 4xx code while leaving
 * nothing behind. Jordan (demo) studies Intro to Claude Code with Marcus; Gabriel created it.
 */
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "../../sync-server/db/schema";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { demoStage, type Stage } from "./fixtures";

const INTRO = "intro-to-claude-code";

describe.each(databaseKinds())("issuing certificates on %s", (kind) => {
  let t: TestApp;
  let stage: Stage;
  let jordan = "";
  let course = { id: "", creatorId: "", title: "" };
  const issue = async (as: string, type: string, userId = jordan, courseId = course.id) =>
    t.call("POST", "/api/certificates", {
      token: await stage.token(as),
      body: { userId, courseId, type },
    });
  const recommend = async (as: string, type: string, userId = jordan) =>
    t.call("POST", "/api/certificates/recommendations", {
      token: await stage.token(as),
      body: { userId, courseId: course.id, type, note: "Ready." },
    });
  const jordansCertificates = async () =>
    (
      await t.deps.db
        .select({ n: count() })
        .from(s.certificates)
        .where(eq(s.certificates.userId, jordan))
    )[0]?.n;

  beforeAll(async () => {
    t = await createTestApp(kind);
    stage = await demoStage(t);
    jordan = await stage.user("demo");
    course = await stage.course(INTRO);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("needs a signed-in user and a valid body", async () => {
    const anon = await t.call("POST", "/api/certificates", {
      body: { userId: jordan, courseId: course.id, type: "completion" },
    });
    expect([anon.status, anon.body.error.code]).toEqual([401, "unauthorized"]);
    for (const body of [{}, { userId: "x", courseId: course.id, type: "completion" }]) {
      const res = await t.call("POST", "/api/certificates", {
        token: await stage.token("gabriel"),
        body,
      });
      expect([res.status, res.body.error.code]).toEqual([400, "validation_failed"]);
    }
    // Teaching certificates come only with Student-Teacher certification.
    const teaching = await issue("gabriel", "teaching");
    expect([teaching.status, teaching.body.error.code]).toEqual([400, "validation_failed"]);
    const unknown = await issue(
      "gabriel",
      "completion",
      jordan,
      "00000000-0000-4000-8000-000000000000",
    );
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "not_found"]);
  });

  it("lets only the course's creator issue", async () => {
    await stage.completeAllModules("demo", INTRO);
    for (const who of ["demo", "marcus", "priya", "admin"]) {
      const res = await issue(who, "completion");
      expect([who, res.status, res.body.error.code]).toEqual([who, 403, "forbidden"]);
    }
    expect(await jordansCertificates()).toBe(0);
  });

  it("lets only the learner's own Student-Teacher recommend", async () => {
    for (const who of ["demo", "aisha", "tomas", "sarah"]) {
      const res = await recommend(who, "completion");
      expect([who, res.status, res.body.error.code]).toEqual([who, 403, "forbidden"]);
    }
    const ok = await recommend("marcus", "completion");
    expect(ok.status).toBe(201);
    const again = await recommend("marcus", "completion");
    expect([again.status, again.body.error.code]).toEqual([409, "already_recommended"]);
    const listed = await t.call("GET", "/api/certificates/recommendations", {
      token: await stage.token("gabriel"),
    });
    expect(listed.body.recommendations).toContainEqual(
      expect.objectContaining({
        userId: jordan,
        type: "completion",
        recommendedBy: await stage.user("marcus"),
      }),
    );
    const notHis = await t.call("GET", "/api/certificates/recommendations", {
      token: await stage.token("priya"),
    });
    expect(notHis.body.recommendations.some((r: { userId: string }) => r.userId === jordan)).toBe(
      false,
    );
  });

  it("refuses completion until every module is complete", async () => {
    const e = await stage.enrollment("demo", INTRO);
    const [first] = await t.deps.db
      .select()
      .from(s.moduleProgress)
      .where(eq(s.moduleProgress.enrollmentId, e.id))
      .limit(1);
    await t.deps.db
      .update(s.moduleProgress)
      .set({ isComplete: false, completedAt: null })
      .where(eq(s.moduleProgress.id, first?.id ?? ""));
    const res = await issue("gabriel", "completion");
    expect([res.status, res.body.error.code]).toEqual([422, "course_not_completed"]);
    expect(await jordansCertificates()).toBe(0);
    await stage.completeAllModules("demo", INTRO);
  });

  it("refuses mastery before completion", async () => {
    const res = await issue("gabriel", "mastery");
    expect([res.status, res.body.error.code]).toEqual([422, "completion_required"]);
  });

  it("issues completion with the recommendation, then refuses a duplicate with 409", async () => {
    const res = await issue("gabriel", "completion");
    expect(res.status).toBe(201);
    expect(res.body.certificate).toMatchObject({
      userId: jordan,
      courseId: course.id,
      type: "completion",
      issuedBy: course.creatorId,
      recommendedBy: await stage.user("marcus"),
      revokedAt: null,
      verifyUrl: `http://peerloop.test/verify/${res.body.certificate.id}`,
    });
    const [row] = await t.deps.db
      .select()
      .from(s.certificates)
      .where(eq(s.certificates.id, res.body.certificate.id));
    const cred = row?.credential as Record<string, unknown>;
    expect(cred.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect((cred.proof as { cryptosuite: string }).cryptosuite).toBe("eddsa-jcs-2022");
    const [note] = await t.deps.db
      .select()
      .from(s.notifications)
      .where(and(eq(s.notifications.userId, jordan), eq(s.notifications.type, "certificate")));
    expect(note?.title).toBe("You earned a certificate");

    const dup = await issue("gabriel", "completion");
    expect([dup.status, dup.body.error.code]).toEqual([409, "certificate_exists"]);
    const dupRec = await recommend("marcus", "completion");
    expect([dupRec.status, dupRec.body.error.code]).toEqual([409, "certificate_exists"]);
    expect(await jordansCertificates()).toBe(1);
  });

  it("needs the Student-Teacher's recommendation for mastery when one taught the learner", async () => {
    const without = await issue("gabriel", "mastery");
    expect([without.status, without.body.error.code]).toEqual([422, "recommendation_required"]);
    expect((await recommend("marcus", "mastery")).status).toBe(201);
    const res = await issue("gabriel", "mastery");
    expect([res.status, res.body.certificate?.type]).toEqual([201, "mastery"]);
    expect(await jordansCertificates()).toBe(2);
  });

  it("refuses courses that award no certificate", async () => {
    const ml = await stage.course("practical-machine-learning");
    await t.deps.db.update(s.courses).set({ hasCertificate: false }).where(eq(s.courses.id, ml.id));
    const res = await t.call("POST", "/api/certificates", {
      token: await stage.token("priya"),
      body: { userId: jordan, courseId: ml.id, type: "completion" },
    });
    expect([res.status, res.body.error.code]).toEqual([422, "certificate_not_offered"]);
    await t.deps.db.update(s.courses).set({ hasCertificate: true }).where(eq(s.courses.id, ml.id));
  });

  it("lets the creator who taught the learner issue mastery without a recommendation", async () => {
    // Marcus took Prompt Engineering Foundations from Gabriel himself (no Student-Teacher).
    const marcus = await stage.user("marcus");
    const pef = await stage.course("prompt-engineering-foundations");
    const res = await issue("gabriel", "mastery", marcus, pef.id);
    expect([res.status, res.body.certificate?.recommendedBy]).toEqual([201, null]);
  });

  it("issues one certificate when the creator asks twice at once (the other gets 409)", async () => {
    // Noah finished AWS Cloud Essentials with Lena herself; no certificate yet.
    const noah = await stage.user("noah");
    const aws = await stage.course("aws-cloud-essentials");
    const token = await stage.token("lena");
    const body = { userId: noah, courseId: aws.id, type: "completion" };
    const answers = await Promise.all(
      [1, 2, 3].map(() => t.call("POST", "/api/certificates", { token, body })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.body.error.code).toBe("certificate_exists");
    }
    const rows = await t.deps.db
      .select()
      .from(s.certificates)
      .where(and(eq(s.certificates.userId, noah), eq(s.certificates.courseId, aws.id)));
    expect(rows).toHaveLength(1);
  });
});
